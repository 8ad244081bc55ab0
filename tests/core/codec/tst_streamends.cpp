// StreamEnds: an end applies to the index only once the reader has framed the chunks captured before it
// (so an HTTP body read to the close is flushed after its last bytes), in the order told; a direction alone
// ends one stream; replaying after a re-frame applies the same ends again once caught up; clear forgets them.
#include "core/codec/streamends.h"

#include <QTest>

using namespace core;

class tst_StreamEnds : public QObject
{
    Q_OBJECT

private slots:
    void appliesOnceTheReaderReachesIt();
    void replaysAfterReframing();
    void clearForgets();
    void withoutAnIndexNothingPilesUp();

private:
    CapturedChunk chunk(ConnectionId connection, Direction direction, const QByteArray &bytes)
    {
        CapturedChunk made;
        made.seq = ++m_seq;
        made.connection = connection;
        made.direction = direction;
        made.bytes = bytes;
        return made;
    }
    quint64 m_seq = 0;
};

static FramingSpec lines()
{
    FramingSpec spec;
    spec.kind = FramingKind::Delimiter;
    return spec;
}

void tst_StreamEnds::appliesOnceTheReaderReachesIt()
{
    MessageIndex index(lines());
    StreamEnds ends;
    MessageBatch out;
    const CapturedChunk a = chunk(1, Direction::Received, "tail of one"); // seq 1
    const CapturedChunk b = chunk(2, Direction::Sent, "tail of two");     // seq 2
    const CapturedChunk c = chunk(2, Direction::Received, "kept open");   // seq 3
    // Both ends were told when the capture's next seq was 4, while the reader had framed only seq 1.
    ends.tell(1, std::nullopt, 4);
    ends.tell(2, Direction::Sent, 4);
    index.add(a, out);
    ends.applyReached(2, &index, out);
    QVERIFY(out.messages.empty());
    QVERIFY(ends.hasPending());
    index.add(b, out);
    index.add(c, out);
    ends.applyReached(4, &index, out);
    QVERIFY(!ends.hasPending());
    // Flushed in the order told, each as an incomplete message; connection 2's received side stays open.
    QCOMPARE(out.messages.size(), std::size_t(2));
    QCOMPARE(out.messages[0].bytes, QByteArray("tail of one"));
    QCOMPARE(out.messages[1].bytes, QByteArray("tail of two"));
    QCOMPARE(out.messages[1].direction, Direction::Sent);
    QVERIFY(!out.messages[1].complete);
    QCOMPARE(index.openStreams(), std::size_t(1));
    QCOMPARE(index.pendingBytes(), qint64(9));
}

void tst_StreamEnds::replaysAfterReframing()
{
    StreamEnds ends;
    const CapturedChunk a = chunk(1, Direction::Received, "one\nrest");
    {
        MessageIndex index(lines());
        MessageBatch out;
        index.add(a, out);
        ends.tell(1, std::nullopt, a.seq + 1);
        ends.applyReached(a.seq + 1, &index, out);
        QCOMPARE(out.messages.size(), std::size_t(2));
    }
    // Framing again from the start: the end is due once the reader reaches the capture's end again.
    ends.replayAt(a.seq + 1);
    QVERIFY(ends.hasPending());
    MessageIndex again(lines());
    MessageBatch out;
    ends.applyReached(a.seq, &again, out);
    QVERIFY(out.messages.empty());
    again.add(a, out);
    ends.applyReached(a.seq + 1, &again, out);
    QCOMPARE(out.messages.size(), std::size_t(2));
    QCOMPARE(out.messages[1].bytes, QByteArray("rest"));
    QVERIFY(!out.messages[1].complete);
}

void tst_StreamEnds::clearForgets()
{
    StreamEnds ends;
    MessageIndex index(lines());
    MessageBatch out;
    index.add(chunk(1, Direction::Received, "x"), out);
    ends.tell(1, std::nullopt, 1);
    ends.clear();
    QVERIFY(!ends.hasPending());
    ends.replayAt(1);
    ends.applyReached(100, &index, out);
    QVERIFY(out.messages.empty());
    QCOMPARE(index.pendingBytes(), qint64(1));
}

void tst_StreamEnds::withoutAnIndexNothingPilesUp()
{
    // A reader showing raw reads frames nothing, while 5,000 connections end: the ends are remembered (the
    // last kMaxRemembered of them) and replayed when it frames again.
    StreamEnds ends;
    MessageBatch out;
    for (ConnectionId connection = 1; connection <= 5000; ++connection)
        ends.tell(connection, std::nullopt, connection);
    ends.applyReached(5001, nullptr, out);
    QVERIFY(!ends.hasPending());
    MessageIndex index(lines());
    index.add(chunk(4999, Direction::Received, "kept"), out); // one of the last 1,024
    index.add(chunk(1, Direction::Received, "forgotten"), out);
    ends.replayAt(10);
    ends.applyReached(10, &index, out);
    QCOMPARE(out.messages.size(), std::size_t(1));
    QCOMPARE(out.messages[0].bytes, QByteArray("kept"));
    QCOMPARE(index.openStreams(), std::size_t(1)); // connection 1's end was let go with the oldest
}

QTEST_APPLESS_MAIN(tst_StreamEnds)
#include "tst_streamends.moc"
