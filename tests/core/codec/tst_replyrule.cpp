// Auto-reply rules: each match kind against messages that must and must not match; patterns that do not
// compile, with the position; and an AutoReplyResponder on a real server over loopback — CRLF lines split
// anyhow, the first matching enabled rule answers each line with its reply framed as a line, disabled and
// broken rules never fire, and every firing is reported with its rule's name, in order.
#include "core/codec/autoreplyresponder.h"
#include "core/codec/outgoingframing.h"
#include "core/codec/replyrule.h"
#include "core/io/iothread.h"
#include "core/session/tcpserversession.h"
#include "core/session/udpsession.h"
#include "core/io/eventloop.h"
#include "support/onloop.h"
#include "support/plainpeer.h"
#include "support/testpeers.h"
#include "support/translations.h"

#include <QSignalSpy>
#include <QNetworkDatagram>
#include <QUdpSocket>
#include <QTest>

#include <atomic>
#include <chrono>
#include <mutex>

using namespace core;

Q_DECLARE_METATYPE(core::MatchKind)

class tst_ReplyRule : public QObject
{
    Q_OBJECT

private slots:
    void matches_data();
    void matches();
    void patternErrors_data();
    void patternErrors();
    void framedForSending();
    void answersOnTheLoopThread();
    void delayedReplyAndEchoForTheRest();
    void datagramsAreAnsweredToTheirSender();
};

void tst_ReplyRule::matches_data()
{
    QTest::addColumn<MatchKind>("kind");
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<bool>("expected");
    QTest::newRow("exact") << MatchKind::Exact << "PING" << QByteArray("PING") << true;
    QTest::newRow("exact, longer") << MatchKind::Exact << "PING" << QByteArray("PING!") << false;
    QTest::newRow("exact, case") << MatchKind::Exact << "PING" << QByteArray("ping") << false;
    QTest::newRow("exact, UTF-8") << MatchKind::Exact << "温度?" << QByteArray("温度?") << true;
    QTest::newRow("prefix") << MatchKind::Prefix << "AT+" << QByteArray("AT+CSQ") << true;
    QTest::newRow("prefix, no") << MatchKind::Prefix << "AT+" << QByteArray("ATI") << false;
    QTest::newRow("regex") << MatchKind::Regex << "^GET (\\S+) HTTP/1\\.[01]$" << QByteArray("GET /x HTTP/1.1") << true;
    QTest::newRow("regex, no") << MatchKind::Regex << "^GET " << QByteArray("POST /") << false;
    QTest::newRow("regex, anywhere") << MatchKind::Regex << "temp=\\d+" << QByteArray("id=7 temp=21 ok") << true;
    QTest::newRow("hex") << MatchKind::HexPattern << "02 ?? 03" << QByteArray("\x02\x41\x03") << true;
    QTest::newRow("hex, wrong byte") << MatchKind::HexPattern << "02 ?? 03" << QByteArray("\x02\x41\x04") << false;
    QTest::newRow("hex, too long") << MatchKind::HexPattern << "02??03" << QByteArray("\x02\x41\x03\x00", 4) << false;
    QTest::newRow("hex, open end") << MatchKind::HexPattern << "aa 55 *" << QByteArray("\xaa\x55\x01\x02") << true;
    QTest::newRow("hex, open end, short") << MatchKind::HexPattern << "aa 55 *" << QByteArray("\xaa") << false;
    QTest::newRow("hex, NUL") << MatchKind::HexPattern << "00 ff" << QByteArray("\x00\xff", 2) << true;
}

void tst_ReplyRule::matches()
{
    QFETCH(MatchKind, kind);
    QFETCH(QString, pattern);
    QFETCH(QByteArray, message);
    QFETCH(bool, expected);
    const ReplyMatcherParse compiled = compileMatcher(kind, pattern);
    QVERIFY2(compiled.matcher, qPrintable(compiled.error));
    QCOMPARE(compiled.matcher->matches(message), expected);
}

void tst_ReplyRule::patternErrors_data()
{
    QTest::addColumn<MatchKind>("kind");
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QString>("error");
    QTest::newRow("regex") << MatchKind::Regex << "a(b" << "At position 4 of the pattern: missing closing parenthesis";
    QTest::newRow("odd hex") << MatchKind::HexPattern << "02 0"
                             << "At position 4 of the pattern: a byte needs two hex digits (or ?\?).";
    QTest::newRow("not hex") << MatchKind::HexPattern << "02 0g"
                             << "At position 5 of the pattern: “g” is not a hex digit; a byte is two hex digits or ??.";
    QTest::newRow("lone wildcard") << MatchKind::HexPattern << "02 ?A"
                                   << "At position 4 of the pattern: a wildcard byte is two question marks (?\?).";
    QTest::newRow("after the star") << MatchKind::HexPattern << "02 * 03"
                                    << "At position 6 of the pattern: nothing may follow the *.";
    QTest::newRow("empty hex") << MatchKind::HexPattern << "  " << "The hex pattern is empty: type bytes such as 02 ?? 03.";
}

void tst_ReplyRule::patternErrors()
{
    QFETCH(MatchKind, kind);
    QFETCH(QString, pattern);
    QFETCH(QString, error);
    const ReplyMatcherParse compiled = compileMatcher(kind, pattern);
    QVERIFY(!compiled.matcher);
    QCOMPARE(compiled.error, error);
}

void tst_ReplyRule::framedForSending()
{
    FramingSpec spec;
    QCOMPARE(frameForSending(spec, "abc").bytes, QByteArray("abc"));
    spec.kind = FramingKind::Delimiter;
    spec.delimiter = "\r\n";
    QCOMPARE(frameForSending(spec, "abc").bytes, QByteArray("abc\r\n"));
    spec.kind = FramingKind::LengthPrefix;
    spec.lengthWidth = 2;
    QCOMPARE(frameForSending(spec, "abc").bytes, QByteArray("\x00\x03" "abc", 5));
    spec.byteOrder = ByteOrder::LittleEndian;
    spec.lengthCountsHeader = true;
    spec.lengthWidth = 4;
    QCOMPARE(frameForSending(spec, "abc").bytes, QByteArray("\x07\x00\x00\x00" "abc", 7));
    spec.lengthWidth = 1;
    spec.lengthCountsHeader = false;
    const FramedPayload tooLong = frameForSending(spec, QByteArray(256, 'x'));
    QCOMPARE(tooLong.error, QStringLiteral("The message is 256 bytes: a 1-byte length header holds at most 255."));
    QVERIFY(tooLong.bytes.isEmpty());
    spec.preambleBytes = 2;
    QVERIFY(frameForSending(spec, "abc").error.startsWith(QStringLiteral("This framing has a 2-byte preamble")));
    spec.kind = FramingKind::FixedLength;
    spec.fixedLength = 4;
    QCOMPARE(frameForSending(spec, "abcd").bytes, QByteArray("abcd"));
    QCOMPARE(frameForSending(spec, "abc").error, QStringLiteral("The message is 3 bytes; this framing sends messages of "
                                                                "exactly 4."));
}

void tst_ReplyRule::answersOnTheLoopThread()
{
    FramingSpec lines;
    lines.kind = FramingKind::Delimiter;
    lines.delimiter = "\r\n";
    std::vector<ReplyRule> rules{
        {true, QStringLiteral("ping"), MatchKind::Exact, QStringLiteral("PING"), "PONG"},
        {false, QStringLiteral("off"), MatchKind::Prefix, QStringLiteral("GET"), "never"},
        {true, QStringLiteral("broken"), MatchKind::Regex, QStringLiteral("(("), "never"},
        {true, QStringLiteral("get"), MatchKind::Regex, QStringLiteral("^GET /\\w+$"), "200 OK"},
        {true, QStringLiteral("any GET"), MatchKind::Prefix, QStringLiteral("GET"), "404"},
    };
    IoThread io;
    TcpServerSession server(io);
    server.setConsumerFactory(autoReplyFactory(lines, rules));
    QStringList fired;
    connect(&server, &Session::eventOccurred, this, [&](const SessionEvent &event) {
        if (event.kind == SessionEvent::Kind::AutoReplied)
            fired << QStringLiteral("%1 %2 %3").arg(event.detail).arg(event.count).arg(event.peer.toString());
    });
    QSignalSpy listening(&server, &TcpServerSession::listening);
    server.listen(testsupport::streamEndpoint(QStringLiteral("127.0.0.1"), 0));
    QVERIFY(listening.wait(5000));
    testsupport::PlainPeer peer;
    QVERIFY(peer.connectTo(server.listenAddress().port()));
    QVERIFY(peer.sendAll("PI"));
    QVERIFY(peer.sendAll("NG\r\nGET /status\r"));
    QVERIFY(peer.sendAll("\nGET /a/b\r\nnothing\r\n"));
    QTRY_COMPARE((peer.poll(), peer.received), QByteArray("PONG\r\n200 OK\r\n404\r\n"));
    // Each firing reaches the owner as an event: the rule, the framed reply's size, who was answered.
    const QString who = peer.localAddress();
    QTRY_COMPARE(fired, (QStringList{QStringLiteral("ping 6 ") + who, QStringLiteral("get 8 ") + who,
                                     QStringLiteral("any GET 5 ") + who}));
}

// A rule with a delay answers later (after an echo of a message no rule matched, which goes at once), and
// its event says the delay; a connection closed before the delay ran is not answered (and nothing breaks).
void tst_ReplyRule::delayedReplyAndEchoForTheRest()
{
    FramingSpec lines;
    lines.kind = FramingKind::Delimiter;
    ReplyRule ping{true, QStringLiteral("ping"), MatchKind::Exact, QStringLiteral("PING"), "PONG"};
    ping.delayMs = 300;
    IoThread io;
    TcpServerSession server(io);
    server.setConsumerFactory(autoReplyFactory(lines, {ping}, Unmatched::Echo));
    QList<SessionEvent> fired;
    connect(&server, &Session::eventOccurred, this, [&](const SessionEvent &event) {
        if (event.kind == SessionEvent::Kind::AutoReplied)
            fired << event;
    });
    QSignalSpy listening(&server, &TcpServerSession::listening);
    server.listen(testsupport::streamEndpoint(QStringLiteral("127.0.0.1"), 0));
    QVERIFY(listening.wait(5000));
    testsupport::PlainPeer peer;
    QVERIFY(peer.connectTo(server.listenAddress().port()));
    QVERIFY(peer.sendAll("PING\nhello\n"));
    QTRY_COMPARE((peer.poll(), peer.received), QByteArray("hello\n")); // the echo did not wait
    QVERIFY(fired.isEmpty());
    QTRY_COMPARE((peer.poll(), peer.received), QByteArray("hello\nPONG\n"));
    QTRY_COMPARE(fired.size(), 1);
    QCOMPARE(fired[0].detail, QStringLiteral("ping"));
    QCOMPARE(fired[0].messages, qint64(300));
    QCOMPARE(fired[0].count, qint64(5));

    testsupport::PlainPeer leaving;
    QVERIFY(leaving.connectTo(server.listenAddress().port()));
    QSignalSpy closed(&server, &TcpServerSession::clientClosed);
    QVERIFY(leaving.sendAll("PING\n"));
    QTRY_COMPARE(server.counters().bytesIn, quint64(16));
    server.disconnectClient(server.clientIds().last()); // our FIN goes at once; the rule's delay has not run
    QVERIFY(leaving.finishSending());
    QVERIFY(closed.wait(5000));
    // The loop runs timers in deadline order: once one set later than the rule's delay has run, the rule's
    // timer has met the closed connection, without a reply and without an event.
    std::atomic<bool> pastTheDelay{false};
    testsupport::onLoop(io, [&] {
        io.loop()->runAfter(std::chrono::milliseconds(ping.delayMs + 50), [&] { pastTheDelay = true; });
    });
    QTRY_VERIFY(pastTheDelay.load());
    QCoreApplication::processEvents(); // deliver whatever the loop posted before it
    QCOMPARE(server.counters().bytesOut, quint64(11)); // the echo and the first PONG only
    QCOMPARE(fired.size(), 1);
}

void tst_ReplyRule::datagramsAreAnsweredToTheirSender()
{
    std::vector<ReplyRule> rules{{true, QStringLiteral("hello"), MatchKind::HexPattern, QStringLiteral("b5 62 ?? *"),
                                  QByteArray("\xb5\x62\x01", 3)}};
    IoThread io;
    UdpSession session(io);
    session.setConsumer(std::make_shared<DatagramAutoReplyResponder>(rules, Unmatched::Echo));
    QList<SessionEvent> fired;
    connect(&session, &Session::eventOccurred, this, [&](const SessionEvent &event) {
        if (event.kind == SessionEvent::Kind::AutoReplied)
            fired << event;
    });
    QSignalSpy bound(&session, &UdpSession::bound);
    session.bind(testsupport::datagramEndpoint(QStringLiteral("127.0.0.1"), 0));
    QVERIFY(bound.wait(5000));
    QUdpSocket a;
    QUdpSocket b;
    QVERIFY(a.bind(QHostAddress::LocalHost, 0));
    QVERIFY(b.bind(QHostAddress::LocalHost, 0));
    const quint16 port = session.localAddress().port();
    a.writeDatagram(QByteArray("\xb5\x62\x07\x00\x01", 5), QHostAddress::LocalHost, port);
    b.writeDatagram("not a match", QHostAddress::LocalHost, port);
    QTRY_VERIFY(a.hasPendingDatagrams());
    QTRY_VERIFY(b.hasPendingDatagrams());
    QCOMPARE(a.receiveDatagram().data(), QByteArray("\xb5\x62\x01", 3));
    QCOMPARE(b.receiveDatagram().data(), QByteArray("not a match"));
    QTRY_COMPARE(fired.size(), 1);
    QCOMPARE(fired[0].peer.port(), a.localPort());
    QCOMPARE(fired[0].detail, QStringLiteral("hello"));
}

QTEST_GUILESS_MAIN(tst_ReplyRule)
#include "tst_replyrule.moc"
