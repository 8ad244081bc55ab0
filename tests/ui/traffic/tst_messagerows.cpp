// TrafficModel's message rows over a CaptureStore filled directly (no sockets): a framing shows one row per
// message with the time of its last byte and its body's length and text; the raw reads a toggle away; a
// new framing re-frames what the store keeps without losing a byte, bounded per tick; a stream's end flushes
// what its framer held once the rows reach it (and again after a re-frame); framing errors are signalled
// with their offset; the store's drops take the messages whose bytes are gone; the rows' own budget drops
// the oldest messages, counted, while the capture keeps their bytes.
#include "core/capture/capturestore.h"
#include "ui/capture/capturefeed.h"
#include "ui/traffic/trafficmodel.h"

#include <QSignalSpy>
#include <QTest>

#include <memory>

using core::CapturedChunk;
using core::CaptureStore;
using core::Direction;
using ui::CaptureFeed;
using ui::TrafficModel;

namespace {

CapturedChunk makeChunk(core::ConnectionId connection, Direction direction, const QByteArray &bytes, qint64 timeUs)
{
    CapturedChunk chunk;
    chunk.timeUs = timeUs;
    chunk.direction = direction;
    chunk.connection = connection;
    chunk.local = core::SocketAddress::fromNumericHost(QStringLiteral("127.0.0.1"), 5000).value();
    chunk.peer = core::SocketAddress::fromNumericHost(QStringLiteral("127.0.0.1"), quint16(40000 + connection)).value();
    chunk.bytes = bytes;
    return chunk;
}

core::FramingSpec lines()
{
    core::FramingSpec spec;
    spec.kind = core::FramingKind::Delimiter;
    spec.delimiter = "\n";
    return spec;
}

QString cell(const TrafficModel &model, int row, int column)
{
    return model.data(model.index(row, column)).toString();
}

// Every message's bytes of one stream, joined: what re-framing must never change.
QByteArray joined(const TrafficModel &model, core::ConnectionId connection)
{
    QByteArray all;
    for (int row = 0; row < model.rowCount(); ++row)
        if (model.chunkAt(row).connection == connection)
            all += model.chunkAt(row).bytes;
    return all;
}

struct Fixture
{
    std::shared_ptr<CaptureStore> store = std::make_shared<CaptureStore>();
    CaptureFeed feed{store};
    TrafficModel model;
    qint64 time = 1'700'000'000'000'000;
    Fixture() { model.setFeed(&feed); }
    void add(core::ConnectionId connection, Direction direction, const QByteArray &bytes)
    {
        store->append(makeChunk(connection, direction, bytes, time += 1000));
    }
};

} // namespace

class tst_MessageRows : public QObject
{
    Q_OBJECT

private slots:
    void rowsAreMessages();
    void rawReadsAreAToggleAway();
    void reframingKeepsEveryByte();
    void reframingIsBoundedPerTick();
    void endOfStreamFlushesOnceReached();
    void errorsAreSignalledWithTheirOffset();
    void droppedBytesTakeTheirMessages();
    void cutShortSaysSo();
    void rowBudgetDropsTheOldestCounted();
};

void tst_MessageRows::rowsAreMessages()
{
    Fixture f;
    f.model.setFraming(lines());
    QVERIFY(f.model.showsMessages());
    f.add(1, Direction::Received, "hel");
    f.add(2, Direction::Received, "one\ntw");
    const qint64 secondChunkTime = f.time;
    f.add(1, Direction::Received, "lo\n");
    const qint64 lastByteTime = f.time;
    f.model.refresh();
    QCOMPARE(f.model.rowCount(), 2);
    // Rows come in the order messages end: client 2's "one" ended first.
    QCOMPARE(f.model.chunkAt(0).bytes, QByteArray("one"));
    QCOMPARE(f.model.chunkAt(0).timeUs, secondChunkTime);
    QCOMPARE(f.model.chunkAt(1).bytes, QByteArray("hello"));
    QCOMPARE(f.model.chunkAt(1).timeUs, lastByteTime); // the time of the last byte, not the first
    QCOMPARE(cell(f.model, 1, TrafficModel::LengthColumn), QStringLiteral("5"));
    QCOMPARE(cell(f.model, 1, TrafficModel::DataColumn), QStringLiteral("hello"));
    QCOMPARE(cell(f.model, 1, TrafficModel::PeerColumn), QStringLiteral("127.0.0.1:40001"));
    const TrafficModel::MessageMarks *marks = f.model.marksAt(1);
    QVERIFY(marks);
    QCOMPARE(marks->firstSeq, quint64(1));
    QCOMPARE(marks->lastSeq, quint64(3));
    QCOMPARE(f.model.pendingFramedBytes(), qint64(2)); // client 2's "tw"
    // The row's key is its message number.
    QCOMPARE(f.model.data(f.model.index(1, 0), TrafficModel::ChunkRole).toULongLong(), quint64(2));
    QCOMPARE(f.model.rowOfSeq(2), 1);
}

void tst_MessageRows::rawReadsAreAToggleAway()
{
    Fixture f;
    f.model.setFraming(lines());
    f.add(1, Direction::Received, "a\nb");
    f.add(1, Direction::Received, "\nc\n");
    f.model.refresh();
    QCOMPARE(f.model.rowCount(), 3);
    f.model.setGranularity(TrafficModel::Granularity::Reads);
    QVERIFY(!f.model.showsMessages());
    QCOMPARE(f.model.rowCount(), 2);
    QCOMPARE(f.model.chunkAt(1).bytes, QByteArray("\nc\n"));
    QCOMPARE(f.model.marksAt(0), nullptr);
    f.model.setGranularity(TrafficModel::Granularity::Messages);
    QCOMPARE(f.model.rowCount(), 3);
    QCOMPARE(f.model.chunkAt(2).bytes, QByteArray("c"));
    // Framing none is reads whatever the granularity.
    f.model.setFraming({});
    QVERIFY(!f.model.showsMessages());
    QCOMPARE(f.model.rowCount(), 2);
}

void tst_MessageRows::reframingKeepsEveryByte()
{
    Fixture f;
    QByteArray sent;
    // Length-prefixed records, cut into reads at odd places, on two connections.
    for (int i = 0; i < 40; ++i) {
        const QByteArray body = QByteArray::number(i).repeated(i % 7 + 1);
        sent += QByteArray(1, 0) + char(body.size()) + body;
    }
    for (qsizetype at = 0; at < sent.size(); at += 13) {
        f.add(1, Direction::Received, sent.mid(at, 13));
        f.add(2, Direction::Received, sent.mid(at, 13));
    }
    core::FramingSpec records;
    records.kind = core::FramingKind::LengthPrefix;
    records.lengthWidth = 2;
    f.model.setFraming(records);
    QCOMPARE(f.model.rowCount(), 80);
    QCOMPARE(joined(f.model, 1), sent);
    QCOMPARE(f.model.marksAt(0)->headerSize, qsizetype(2));
    QCOMPARE(cell(f.model, 0, TrafficModel::DataColumn), QStringLiteral("0")); // the body, not the header
    // A wrong guess (a delimiter that never comes) holds the bytes back, and the right one brings them all.
    core::FramingSpec neverThere = lines();
    neverThere.delimiter = "~~";
    f.model.setFraming(neverThere);
    QCOMPARE(f.model.rowCount(), 0);
    QCOMPARE(f.model.pendingFramedBytes(), 2 * sent.size());
    core::FramingSpec fixed;
    fixed.kind = core::FramingKind::FixedLength;
    fixed.fixedLength = sent.size();
    f.model.setFraming(fixed);
    QCOMPARE(f.model.rowCount(), 2);
    QCOMPARE(f.model.chunkAt(0).bytes, sent);
    QCOMPARE(f.model.chunkAt(1).bytes, sent);
    f.model.setFraming(records);
    QCOMPARE(joined(f.model, 2), sent);
}

void tst_MessageRows::reframingIsBoundedPerTick()
{
    Fixture f;
    const QByteArray line = QByteArray(1023, 'x') + '\n';
    const QByteArray read = line.repeated(64); // 64 KiB per read
    const int reads = 512;                     // 32 MiB in the store
    for (int i = 0; i < reads; ++i)
        f.add(1, Direction::Received, read);
    f.model.setFraming(lines()); // frames the first slice at once
    const int perTick = int(TrafficModel::kMaxFramedBytesPerRefresh / read.size()) * 64;
    QCOMPARE(f.model.rowCount(), perTick);
    int ticks = 1;
    while (f.model.rowCount() < reads * 64 && ticks < 100) {
        f.model.refresh();
        ++ticks;
        QVERIFY(f.model.rowCount() <= ticks * perTick);
    }
    QCOMPARE(f.model.rowCount(), reads * 64);
    QCOMPARE(ticks, int((qint64(reads) * read.size() + TrafficModel::kMaxFramedBytesPerRefresh - 1)
                        / TrafficModel::kMaxFramedBytesPerRefresh));

    // Tiny messages: a tick stops at kMaxRowsPerRefresh messages (give or take one read's), not at the bytes.
    Fixture small;
    const QByteArray tinyLines = QByteArray("x\n").repeated(1000); // 1,000 messages per read
    for (int i = 0; i < 100; ++i)
        small.add(1, Direction::Received, tinyLines);
    small.model.setFraming(lines());
    QVERIFY(small.model.rowCount() >= int(TrafficModel::kMaxRowsPerRefresh));
    QVERIFY(small.model.rowCount() < int(TrafficModel::kMaxRowsPerRefresh) + 1000);
    while (small.model.pendingChunks() > 0)
        small.model.refresh();
    QCOMPARE(small.model.rowCount(), 100 * 1000);
}

void tst_MessageRows::endOfStreamFlushesOnceReached()
{
    Fixture f;
    core::FramingSpec http;
    http.kind = core::FramingKind::Http;
    f.model.setFraming(http);
    const QByteArray response = "HTTP/1.0 200 OK\r\nServer: test\r\n\r\nbody to the close";
    f.add(1, Direction::Received, response.left(20));
    f.add(1, Direction::Received, response.mid(20));
    // The close is told before the rows have read the bytes: the flush waits for them.
    f.model.endStream(1, Direction::Received);
    QCOMPARE(f.model.rowCount(), 0);
    f.model.refresh();
    QCOMPARE(f.model.rowCount(), 1);
    QCOMPARE(f.model.chunkAt(0).bytes, response);
    QVERIFY(f.model.marksAt(0)->complete);
    QCOMPARE(f.model.marksAt(0)->headerSize, qsizetype(33));
    // Re-framing replays the end.
    f.model.setGranularity(TrafficModel::Granularity::Reads);
    f.model.setGranularity(TrafficModel::Granularity::Messages);
    QCOMPARE(f.model.rowCount(), 1);
    QCOMPARE(f.model.chunkAt(0).bytes, response);
    QCOMPARE(f.model.pendingFramedBytes(), qint64(0));
}

void tst_MessageRows::errorsAreSignalledWithTheirOffset()
{
    Fixture f;
    core::FramingSpec spec = lines();
    spec.maxFrameBytes = 8;
    f.model.setFraming(spec);
    QSignalSpy errors(&f.model, &TrafficModel::framingErrors);
    f.add(3, Direction::Received, "ok\n0123456789abc\nfine\n");
    f.model.refresh();
    QCOMPARE(errors.count(), 1);
    const auto reported = errors.at(0).at(0).value<std::vector<core::MessageFramingError>>();
    QCOMPARE(reported.size(), std::size_t(1));
    QCOMPARE(reported[0].error.offset, qint64(3));
    QCOMPARE(reported[0].connection, core::ConnectionId(3));
    QCOMPARE(f.model.chunkAt(f.model.rowCount() - 1).bytes, QByteArray("fine"));
}

void tst_MessageRows::droppedBytesTakeTheirMessages()
{
    Fixture f;
    f.model.setFraming(lines());
    f.store->setBudget(CaptureStore::costOf(4) * 3);
    f.add(1, Direction::Received, "aa\n");  // seq 1
    f.add(1, Direction::Received, "bb\n");  // seq 2
    f.add(1, Direction::Received, "c");     // seq 3
    f.model.refresh();
    QCOMPARE(f.model.rowCount(), 2);
    f.add(1, Direction::Received, "c\n"); // seq 4: the store lets seq 1 go
    f.model.refresh();
    QCOMPARE(f.store->firstSeq(), quint64(2));
    QCOMPARE(f.model.rowCount(), 2);
    QCOMPARE(f.model.chunkAt(0).bytes, QByteArray("bb"));
    QCOMPARE(f.model.chunkAt(1).bytes, QByteArray("cc"));
}

void tst_MessageRows::cutShortSaysSo()
{
    Fixture f;
    f.model.setFraming(lines());
    f.add(1, Direction::Received, "no newline yet");
    f.model.endStream(1);
    f.model.refresh();
    QCOMPARE(f.model.rowCount(), 1);
    QVERIFY(!f.model.marksAt(0)->complete);
    QCOMPARE(cell(f.model, 0, TrafficModel::LengthColumn), QStringLiteral("14 (cut short)"));
}

void tst_MessageRows::rowBudgetDropsTheOldestCounted()
{
    Fixture f;
    f.model.setFraming(lines());
    QSignalSpy dropped(&f.model, &TrafficModel::droppedMessagesChanged);
    // Room for three rows of 4-byte messages ("mNNN" less its stripped newline) and not a fourth.
    const qint64 row = 4 + TrafficModel::kMessageRowOverhead;
    f.model.setMessageBudget(row * 3 + row / 2);
    QByteArray all;
    for (int i = 0; i < 10; ++i)
        all += "m" + QByteArray::number(100 + i) + "\n";
    f.add(1, Direction::Received, all.left(16)); // m100..m102 and "m"
    f.model.refresh();
    QCOMPARE(f.model.rowCount(), 3);
    QCOMPARE(f.model.droppedMessages(), quint64(0));
    QVERIFY(dropped.isEmpty());
    f.add(1, Direction::Received, all.mid(16));
    f.model.refresh();
    // The newest three stay, byte-exact and in order; seven are counted as dropped, once per tick.
    QCOMPARE(f.model.rowCount(), 3);
    QCOMPARE(f.model.chunkAt(0).bytes, QByteArray("m107"));
    QCOMPARE(f.model.chunkAt(2).bytes, QByteArray("m109"));
    QCOMPARE(f.model.droppedMessages(), quint64(7));
    QCOMPARE(dropped.size(), 1);
    QCOMPARE(dropped.last().at(0).toULongLong(), quint64(7));
    QCOMPARE(f.model.messageRowsCost(), row * 3);
    // Message numbers carry on: the first row kept is message 8.
    QCOMPARE(f.model.data(f.model.index(0, 0), TrafficModel::ChunkRole).toULongLong(), quint64(8));
    QCOMPARE(f.model.rowOfSeq(8), 0);
    QCOMPARE(f.model.rowOfSeq(7), -1);
    // The capture still holds every byte: the raw reads list them, and the count starts again.
    f.model.setGranularity(TrafficModel::Granularity::Reads);
    QCOMPARE(f.model.rowCount(), 2);
    QCOMPARE(f.model.chunkAt(0).bytes + f.model.chunkAt(1).bytes, all);
    QCOMPARE(f.model.droppedMessages(), quint64(0));
    QCOMPARE(dropped.last().at(0).toULongLong(), quint64(0));
    // A larger budget keeps everything on re-framing; a smaller one drops at once.
    f.model.setMessageBudget(row * 100);
    f.model.setGranularity(TrafficModel::Granularity::Messages);
    QCOMPARE(f.model.rowCount(), 10);
    QCOMPARE(f.model.droppedMessages(), quint64(0));
    f.model.setMessageBudget(row);
    QCOMPARE(f.model.rowCount(), 1);
    QCOMPARE(f.model.chunkAt(0).bytes, QByteArray("m109"));
    QCOMPARE(f.model.droppedMessages(), quint64(9));
    // Even a budget below one row keeps the newest message.
    f.model.setMessageBudget(0);
    QCOMPARE(f.model.rowCount(), 1);
}

QTEST_MAIN(tst_MessageRows)
#include "tst_messagerows.moc"
