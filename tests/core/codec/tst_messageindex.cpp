// MessageIndex: captured chunks become messages per stream — every client's received bytes framed on their
// own, a connection's sent bytes apart from its received ones — naming the chunks a message spans and the
// time of its last byte; a delimiter kept or stripped, a length header as the message's header; a stream's
// end flushing what its framer held; errors with their stream offset and connection; and the same messages
// whether the capture holds a stream in one chunk or in one chunk per byte.
#include "core/codec/messageindex.h"

#include <QTest>

using namespace core;

class tst_MessageIndex : public QObject
{
    Q_OBJECT

private slots:
    void everyClientIsFramedOnItsOwn();
    void sentAndReceivedAreApart();
    void delimiterKeptOrStripped();
    void lengthHeaderIsTheHeader();
    void endFlushesAndLetsGo();
    void errorsNameTheirStream();
    void byteAtATimeGivesTheSameMessages();
    void memoryIsBoundedWithoutADelimiter();

private:
    CapturedChunk chunk(ConnectionId connection, Direction direction, const QByteArray &bytes);
    quint64 m_seq = 0;
};

CapturedChunk tst_MessageIndex::chunk(ConnectionId connection, Direction direction, const QByteArray &bytes)
{
    CapturedChunk made;
    made.seq = ++m_seq;
    made.timeUs = qint64(m_seq) * 1000;
    made.connection = connection;
    made.direction = direction;
    made.peer = *SocketAddress::fromNumericHost(QStringLiteral("127.0.0.1"), quint16(40000 + connection));
    made.bytes = bytes;
    return made;
}

static FramingSpec lines(bool keep = false)
{
    FramingSpec spec;
    spec.kind = FramingKind::Delimiter;
    spec.delimiter = "\n";
    spec.keepDelimiter = keep;
    return spec;
}

void tst_MessageIndex::everyClientIsFramedOnItsOwn()
{
    MessageIndex index(lines());
    MessageBatch out;
    // Two clients' halves interleave in the capture; each line is whole only within its own stream.
    index.add(chunk(1, Direction::Received, "hel"), out);  // seq 1
    index.add(chunk(2, Direction::Received, "wor"), out);  // seq 2
    index.add(chunk(1, Direction::Received, "lo\nA"), out); // seq 3
    index.add(chunk(2, Direction::Received, "ld\n"), out); // seq 4
    QCOMPARE(out.messages.size(), std::size_t(2));
    const CapturedMessage &first = out.messages[0];
    QCOMPARE(first.bytes, QByteArray("hello"));
    QCOMPARE(first.connection, ConnectionId(1));
    QCOMPARE(first.firstSeq, quint64(1));
    QCOMPARE(first.lastSeq, quint64(3));
    QCOMPARE(first.timeUs, qint64(3000)); // the time of its last byte
    QCOMPARE(first.offset, qint64(0));
    // Where its wire bytes are in the chunks: "hel" from byte 0 of seq 1 to "lo\n" ending at byte 3 of seq 3.
    QCOMPARE(first.startInChunk, qsizetype(0));
    QCOMPARE(first.endInChunk, qsizetype(3));
    QCOMPARE(first.strippedSize, qsizetype(1));
    QCOMPARE(first.peer.port(), quint16(40001));
    const CapturedMessage &second = out.messages[1];
    QCOMPARE(second.bytes, QByteArray("world"));
    QCOMPARE(second.connection, ConnectionId(2));
    QCOMPARE(second.firstSeq, quint64(2));
    QCOMPARE(second.lastSeq, quint64(4));
    QCOMPARE(index.openStreams(), std::size_t(2));
    QCOMPARE(index.pendingBytes(), qint64(1)); // client 1's "A"
}

void tst_MessageIndex::sentAndReceivedAreApart()
{
    MessageIndex index(lines());
    MessageBatch out;
    index.add(chunk(1, Direction::Received, "ask"), out);
    index.add(chunk(1, Direction::Sent, "answer\n"), out);
    index.add(chunk(1, Direction::Received, "ed\n"), out);
    QCOMPARE(out.messages.size(), std::size_t(2));
    QCOMPARE(out.messages[0].bytes, QByteArray("answer"));
    QCOMPARE(out.messages[0].direction, Direction::Sent);
    QCOMPARE(out.messages[1].bytes, QByteArray("asked"));
    QCOMPARE(out.messages[1].direction, Direction::Received);
    QCOMPARE(out.messages[1].firstSeq, m_seq - 2);
}

void tst_MessageIndex::delimiterKeptOrStripped()
{
    for (bool keep : {false, true}) {
        FramingSpec spec = lines(keep);
        spec.delimiter = "\r\n";
        MessageIndex index(spec);
        MessageBatch out;
        index.add(chunk(1, Direction::Received, "one\r\ntwo\r"), out);
        index.add(chunk(1, Direction::Received, "\n"), out);
        QCOMPARE(out.messages.size(), std::size_t(2));
        QCOMPARE(out.messages[1].bytes, keep ? QByteArray("two\r\n") : QByteArray("two"));
        QCOMPARE(out.messages[1].trailerSize, keep ? qsizetype(2) : qsizetype(0));
        QCOMPARE(out.messages[1].offset, qint64(5));
        QCOMPARE(out.messages[1].payload(), out.messages[1].bytes);
        // "two\r" starts at byte 5 of the first read; the "\n" ends the wire bytes at byte 1 of the second.
        QCOMPARE(out.messages[1].firstSeq, m_seq - 1);
        QCOMPARE(out.messages[1].startInChunk, qsizetype(5));
        QCOMPARE(out.messages[1].lastSeq, m_seq);
        QCOMPARE(out.messages[1].endInChunk, qsizetype(1));
        QCOMPARE(out.messages[1].strippedSize, keep ? qsizetype(0) : qsizetype(2));
        QCOMPARE(out.messages[0].endInChunk, qsizetype(5));
    }
}

void tst_MessageIndex::lengthHeaderIsTheHeader()
{
    FramingSpec spec;
    spec.kind = FramingKind::LengthPrefix;
    spec.lengthWidth = 2;
    spec.preambleBytes = 1;
    MessageIndex index(spec);
    MessageBatch out;
    index.add(chunk(7, Direction::Received, QByteArray("\x7e\x00\x03" "abc" "\x7e\x00", 8)), out);
    index.add(chunk(7, Direction::Received, QByteArray("\x00", 1)), out);
    QCOMPARE(out.messages.size(), std::size_t(2));
    QCOMPARE(out.messages[0].bytes, QByteArray("\x7e\x00\x03" "abc", 6));
    QCOMPARE(out.messages[0].headerSize, qsizetype(3));
    QCOMPARE(out.messages[0].payload(), QByteArray("abc"));
    // A zero-length message is a message: its header and nothing else.
    QCOMPARE(out.messages[1].bytes, QByteArray("\x7e\x00\x00", 3));
    QCOMPARE(out.messages[1].payload(), QByteArray());
    QCOMPARE(out.messages[1].firstSeq, quint64(m_seq - 1));
    QCOMPARE(out.messages[1].lastSeq, quint64(m_seq));
    QCOMPARE(out.messages[1].startInChunk, qsizetype(6));
    QCOMPARE(out.messages[1].endInChunk, qsizetype(1));
    QCOMPARE(out.messages[1].strippedSize, qsizetype(0));
}

void tst_MessageIndex::endFlushesAndLetsGo()
{
    FramingSpec spec;
    spec.kind = FramingKind::Http;
    MessageIndex index(spec);
    MessageBatch out;
    const QByteArray head = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n";
    index.add(chunk(3, Direction::Received, head + "body to"), out);
    index.add(chunk(3, Direction::Received, " the close"), out);
    index.add(chunk(4, Direction::Received, "partial"), out);
    QVERIFY(out.messages.empty());
    index.endConnection(3, out);
    QCOMPARE(out.messages.size(), std::size_t(1));
    const CapturedMessage &message = out.messages[0];
    QCOMPARE(message.bytes, head + "body to the close");
    QCOMPARE(message.headerSize, head.size());
    QCOMPARE(message.payload(), message.bytes); // HTTP shows the whole message, status line first
    QVERIFY(message.complete);
    QCOMPARE(message.lastSeq, quint64(m_seq - 1)); // a stream's end belongs to its last chunk
    QCOMPARE(index.openStreams(), std::size_t(1));
    index.add(chunk(4, Direction::Sent, "GET"), out);
    index.endStream(4, Direction::Sent, out); // our half-close: the received side stays open
    QCOMPARE(out.messages.size(), std::size_t(2));
    QCOMPARE(out.messages[1].direction, Direction::Sent);
    QCOMPARE(index.openStreams(), std::size_t(1));
    index.endConnection(4, out);
    QCOMPARE(index.openStreams(), std::size_t(0));
    QCOMPARE(index.pendingBytes(), qint64(0));
    index.endConnection(99, out); // an unknown connection is no trouble
    QCOMPARE(out.messages.size(), std::size_t(3));
    QCOMPARE(out.messages[2].bytes, QByteArray("partial"));
    QCOMPARE(out.messages[2].complete, false); // it never saw its end
}

void tst_MessageIndex::errorsNameTheirStream()
{
    FramingSpec spec;
    spec.kind = FramingKind::LengthPrefix;
    spec.lengthWidth = 1;
    spec.maxFrameBytes = 4;
    MessageIndex index(spec);
    MessageBatch out;
    index.add(chunk(5, Direction::Received, QByteArray("\x02hi\x09", 4)), out);
    QCOMPARE(out.messages.size(), std::size_t(1));
    QCOMPARE(out.errors.size(), std::size_t(1));
    const MessageFramingError &error = out.errors[0];
    QCOMPARE(error.connection, ConnectionId(5));
    QCOMPARE(error.direction, Direction::Received);
    QCOMPARE(error.seq, m_seq);
    QCOMPARE(error.error.offset, qint64(3));
    QVERIFY2(error.error.message.contains(QLatin1String("9")), qPrintable(error.error.message));
    QCOMPARE(error.peer.port(), quint16(40005));
}

void tst_MessageIndex::byteAtATimeGivesTheSameMessages()
{
    const QByteArray stream = "GET / HTTP/1.1\r\nHost: a\r\n\r\n"
                              "POST /x HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello"
                              "POST /y HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n";
    FramingSpec spec;
    spec.kind = FramingKind::Http;
    MessageIndex whole(spec);
    MessageBatch once;
    whole.add(chunk(1, Direction::Received, stream), once);
    const quint64 firstByteSeq = m_seq + 1;
    MessageIndex bytewise(spec);
    MessageBatch split;
    for (char byte : stream)
        bytewise.add(chunk(1, Direction::Received, QByteArray(1, byte)), split);
    QCOMPARE(once.messages.size(), std::size_t(3));
    QCOMPARE(split.messages.size(), once.messages.size());
    for (std::size_t i = 0; i < once.messages.size(); ++i) {
        QCOMPARE(split.messages[i].bytes, once.messages[i].bytes);
        QCOMPARE(split.messages[i].offset, once.messages[i].offset);
        QCOMPARE(split.messages[i].headerSize, once.messages[i].headerSize);
        // One chunk per byte: the message spans exactly the chunks of its bytes.
        QCOMPARE(split.messages[i].firstSeq, firstByteSeq + quint64(once.messages[i].offset));
        QCOMPARE(split.messages[i].lastSeq,
                 firstByteSeq + quint64(once.messages[i].offset + once.messages[i].bytes.size()) - 1);
    }
}

void tst_MessageIndex::memoryIsBoundedWithoutADelimiter()
{
    FramingSpec spec = lines();
    spec.maxFrameBytes = 64 * 1024;
    MessageIndex index(spec);
    MessageBatch out;
    const QByteArray block(16 * 1024, 'x');
    for (int i = 0; i < 1024; ++i) { // 16 MiB and never a newline
        index.add(chunk(1, Direction::Received, block), out);
        QVERIFY(index.pendingBytes() <= spec.maxFrameBytes + 1);
    }
    QVERIFY(!out.errors.empty());
    QCOMPARE(out.errors.front().error.offset, qint64(0));
    for (const CapturedMessage &message : out.messages)
        QVERIFY(message.bytes.size() <= spec.maxFrameBytes);
}

QTEST_GUILESS_MAIN(tst_MessageIndex)
#include "tst_messageindex.moc"
