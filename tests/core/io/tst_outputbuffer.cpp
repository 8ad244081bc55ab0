// OutputBuffer: bytes queued for sending, in order, without copies; a partial write advances into the first
// chunk; consume() says how many whole sends finished (what the Written event counts as messages).
#include "core/io/outputbuffer.h"

#include <QTest>

using namespace core;

class tst_OutputBuffer : public QObject
{
    Q_OBJECT

private slots:
    void emptyAppendsAreIgnored();
    void partialWritesKeepOrderAndCountFinishedSends_data();
    void partialWritesKeepOrderAndCountFinishedSends();
    void noCopyOfQueuedBytes();
    void clearForgetsEverything();
};

void tst_OutputBuffer::emptyAppendsAreIgnored()
{
    OutputBuffer buffer;
    buffer.append(QByteArray());
    QVERIFY(buffer.isEmpty());
    QCOMPARE(buffer.size(), qint64(0));
    QCOMPARE(buffer.frontSize(), size_t(0));
    QCOMPARE(buffer.front(), nullptr);
}

// Writes the queue out in steps of `step` bytes (the kernel taking what it takes); the bytes come out in
// order and each consume() reports exactly the sends whose last byte it took.
void tst_OutputBuffer::partialWritesKeepOrderAndCountFinishedSends_data()
{
    QTest::addColumn<int>("step");
    QTest::newRow("one byte at a time") << 1;
    QTest::newRow("3 bytes") << 3;
    QTest::newRow("exactly the first send") << 5;
    QTest::newRow("more than several sends") << 100;
}

void tst_OutputBuffer::partialWritesKeepOrderAndCountFinishedSends()
{
    QFETCH(int, step);
    const QList<QByteArray> sends{"hello", "a", "world!!", "0123456789abcdef", "z"};
    OutputBuffer buffer;
    QByteArray expected;
    for (const QByteArray &send : sends) {
        buffer.append(send);
        expected += send;
    }
    QCOMPARE(buffer.size(), qint64(expected.size()));

    QByteArray written;
    qint64 finished = 0;
    QList<qint64> finishedAt; // bytes written when each send was reported finished
    while (!buffer.isEmpty()) {
        // Like send(): take up to `step` bytes of the contiguous front, never across chunks.
        const qint64 take = qMin<qint64>(step, qint64(buffer.frontSize()));
        written.append(buffer.front(), take);
        const qint64 done = buffer.consume(take);
        for (qint64 i = 0; i < done; ++i)
            finishedAt.append(written.size());
        finished += done;
        QCOMPARE(buffer.size(), qint64(expected.size() - written.size()));
    }
    QCOMPARE(written, expected);
    QCOMPARE(finished, qint64(sends.size()));
    qint64 end = 0;
    for (qsizetype i = 0; i < sends.size(); ++i) {
        end += sends.at(i).size();
        QCOMPARE(finishedAt.at(i), end); // reported with its last byte, never before
    }
}

void tst_OutputBuffer::noCopyOfQueuedBytes()
{
    const QByteArray payload(64 * 1024, 'x');
    OutputBuffer buffer;
    buffer.append(payload);
    QCOMPARE(buffer.front(), payload.constData()); // the caller's bytes, shared, not copied
    QCOMPARE(buffer.consume(1000), qint64(0));
    QCOMPARE(buffer.front(), payload.constData() + 1000);
    QCOMPARE(buffer.frontSize(), size_t(payload.size() - 1000));
    // One consume() may finish several sends at once.
    buffer.append("ab");
    buffer.append("cd");
    QCOMPARE(buffer.consume(buffer.size()), qint64(3));
    QVERIFY(buffer.isEmpty());
}

void tst_OutputBuffer::clearForgetsEverything()
{
    OutputBuffer buffer;
    buffer.append("abc");
    buffer.append("def");
    QCOMPARE(buffer.consume(1), qint64(0));
    buffer.clear();
    QVERIFY(buffer.isEmpty());
    QCOMPARE(buffer.size(), qint64(0));
    buffer.append("xyz");
    QCOMPARE(QByteArray(buffer.front(), qsizetype(buffer.frontSize())), QByteArray("xyz"));
}

QTEST_APPLESS_MAIN(tst_OutputBuffer)
#include "tst_outputbuffer.moc"
