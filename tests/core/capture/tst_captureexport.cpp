// Capture export: CSV rows and raw bytes are exactly what the store keeps, across page boundaries.
#include "core/capture/captureexport.h"

#include <QBuffer>
#include <QTemporaryDir>
#include <QTest>

using namespace core;

namespace {
CapturedChunk chunk(Direction direction, const QByteArray &bytes, qint64 timeUs)
{
    CapturedChunk c;
    c.direction = direction;
    c.bytes = bytes;
    c.timeUs = timeUs;
    c.connection = 7;
    c.local = *SocketAddress::fromNumericHost(QStringLiteral("127.0.0.1"), 5000);
    c.peer = *SocketAddress::fromNumericHost(QStringLiteral("::1"), 40000);
    return c;
}
} // namespace

class tst_CaptureExport : public QObject
{
    Q_OBJECT

private slots:
    void csvRowsAreExact();
    void rawKeepsOneDirectionAcrossPages();
    void exportReportsUnwritablePath();
};

void tst_CaptureExport::csvRowsAreExact()
{
    CaptureStore store;
    store.append(chunk(Direction::Sent, "Hi\r\n", 1'700'000'000'123'456));
    store.append(chunk(Direction::Received, QByteArray("\x00\xff", 2), 1'700'000'001'000'001));
    QBuffer out;
    out.open(QIODevice::WriteOnly);
    writeCaptureCsv(store, out);
    const QList<QByteArray> lines = out.data().split('\n');
    QCOMPARE(lines.size(), 4); // header, two rows, the empty tail
    QCOMPARE(lines[0], QByteArray("seq,time_utc,direction,connection,local,peer,length,hex"));
    QCOMPARE(lines[1], QByteArray("1,2023-11-14T22:13:20.123456Z,sent,7,\"127.0.0.1:5000\",\"[::1]:40000\",4,48690d0a"));
    QCOMPARE(lines[2], QByteArray("2,2023-11-14T22:13:21.000001Z,received,7,\"127.0.0.1:5000\",\"[::1]:40000\",2,00ff"));
}

void tst_CaptureExport::rawKeepsOneDirectionAcrossPages()
{
    CaptureStore store;
    QByteArray expected;
    for (int i = 0; i < 10000; ++i) { // more than one page of chunksSince
        const QByteArray bytes = QByteArray::number(i) + ';';
        store.append(chunk(i % 3 == 0 ? Direction::Sent : Direction::Received, bytes, i));
        if (i % 3 != 0)
            expected += bytes;
    }
    QBuffer out;
    out.open(QIODevice::WriteOnly);
    writeCaptureRaw(store, Direction::Received, out);
    QCOMPARE(out.data(), expected);
}

void tst_CaptureExport::exportReportsUnwritablePath()
{
    CaptureStore store;
    QTemporaryDir dir;
    QVERIFY(exportCapture(store, dir.filePath(QStringLiteral("ok.csv"))).isEmpty());
    const QString error = exportCapture(store, dir.filePath(QStringLiteral("missing/dir/x.csv")));
    QVERIFY2(error.startsWith(QStringLiteral("Cannot write ")), qPrintable(error));
}

QTEST_GUILESS_MAIN(tst_CaptureExport)
#include "tst_captureexport.moc"
