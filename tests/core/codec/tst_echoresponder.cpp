// EchoResponder through a real TcpServerSession on loopback: without a framer each read goes straight back;
// with a delimiter framer only whole lines do, however the client splits them; echo turned on reaches
// clients already connected, and turned off stops at once. The peers are plain sockets (they split writes
// where the test says and never read unless asked).
#include "core/codec/echoresponder.h"
#include "core/io/iothread.h"
#include "core/session/tcpserversession.h"
#include "support/onloop.h"
#include "support/plainpeer.h"
#include "support/testpeers.h"
#include "support/translations.h"

#include <QSignalSpy>
#include <QTest>

using namespace core;
using testsupport::PlainPeer;

class tst_EchoResponder : public QObject
{
    Q_OBJECT

private slots:
    void readsComeStraightBack();
    void wholeLinesComeBackWithADelimiterFramer();
    void turnedOnForConnectedClientsAndOff();

private:
    quint16 listen(TcpServerSession &server);
};

quint16 tst_EchoResponder::listen(TcpServerSession &server)
{
    QSignalSpy listening(&server, &TcpServerSession::listening);
    server.listen(testsupport::streamEndpoint(QStringLiteral("127.0.0.1"), 0));
    if (!listening.wait(5000))
        return 0;
    return server.listenAddress().port();
}

void tst_EchoResponder::readsComeStraightBack()
{
    IoThread io;
    TcpServerSession server(io);
    server.setConsumerFactory(echoFactory());
    const quint16 port = listen(server);
    QVERIFY(port != 0);
    PlainPeer peer;
    QVERIFY(peer.connectTo(port));
    const QByteArray payload = testsupport::randomBytes(256 * 1024, 77);
    QVERIFY(peer.sendAll(payload));
    QTRY_COMPARE_WITH_TIMEOUT((peer.poll(), peer.received.size()), payload.size(), 10000);
    QVERIFY(peer.received == payload);
}

void tst_EchoResponder::wholeLinesComeBackWithADelimiterFramer()
{
    IoThread io;
    TcpServerSession server(io);
    FramingSpec lines;
    lines.kind = FramingKind::Delimiter;
    lines.delimiter = "\r\n";
    server.setConsumerFactory(echoFactory(lines));
    const quint16 port = listen(server);
    QVERIFY(port != 0);
    PlainPeer peer;
    QVERIFY(peer.connectTo(port));
    QSignalSpy received(&server, &TcpServerSession::received);
    // "PING\r\n" in three writes, the CRLF split; then two lines in one write and half a third.
    QVERIFY(peer.sendAll("PI"));
    QVERIFY(received.wait(5000));
    QVERIFY(peer.sendAll("NG\r"));
    QTRY_COMPARE(received.size(), 2);
    peer.poll();
    QCOMPARE(peer.received, QByteArray()); // nothing whole yet
    QVERIFY(peer.sendAll("\nA\r\nB\r\nC"));
    QTRY_COMPARE((peer.poll(), peer.received), QByteArray("PING\r\nA\r\nB\r\n"));
}

void tst_EchoResponder::turnedOnForConnectedClientsAndOff()
{
    IoThread io;
    TcpServerSession server(io);
    const quint16 port = listen(server);
    QVERIFY(port != 0);
    QSignalSpy connected(&server, &TcpServerSession::clientConnected);
    QSignalSpy received(&server, &TcpServerSession::received);
    PlainPeer peer;
    QVERIFY(peer.connectTo(port));
    QVERIFY(connected.wait(5000));
    QVERIFY(peer.sendAll("before"));
    QVERIFY(received.wait(5000));
    server.setConsumerFactory(echoFactory()); // the client is already here
    // The switch is work posted to the loop, and a socket's readiness may be handled before it: wait
    // until the loop has run it (queued work runs in order).
    testsupport::onLoop(io, [] {});
    QVERIFY(peer.sendAll("during"));
    QTRY_COMPARE((peer.poll(), peer.received), QByteArray("during"));
    server.setConsumerFactory({});
    testsupport::onLoop(io, [] {});
    QVERIFY(peer.sendAll("after"));
    QTRY_COMPARE(server.counters().bytesIn, quint64(17));
    peer.poll();
    QCOMPARE(peer.received, QByteArray("during"));
    QCOMPARE(server.counters().bytesOut, quint64(6));
}

QTEST_GUILESS_MAIN(tst_EchoResponder)
#include "tst_echoresponder.moc"
