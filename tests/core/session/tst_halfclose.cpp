// A peer that finishes sending and then waits for the answer: the classic request/response of a tiny
// server (`echo PING | ncat host port`, `nc -N`, curl, many devices). Plain sockets (Qt cannot half-close)
// and a real ncat process, on 127.0.0.1 only.
#include "core/io/iothread.h"
#include "core/session/tcpclientsession.h"
#include "core/session/tcpserversession.h"
#include "support/plainpeer.h"
#include "support/testpeers.h"

#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace core;
using namespace testsupport;

class tst_HalfClose : public QObject
{
    Q_OBJECT

private slots:
    void serverAnswersAClientThatFinishedSending();
    void turningTheOptionOnClosesHalfClosedClients();
    void serverWithOptionOnClosesAtOnce();
    void ncatGetsItsReply();
    void closeBoundsAnAnswerStuckBehindAQueue_data();
    void closeBoundsAnAnswerStuckBehindAQueue();
    void clientStaysOpenWhenAsked();
};

// Default server: the client's FIN leaves it in the list, half-closed; our reply reaches it; it closes when
// we disconnect it, and then the reason says we closed first.
void tst_HalfClose::serverAnswersAClientThatFinishedSending()
{
    IoThread io;
    TcpServerSession server(io);
    QSignalSpy listening(&server, &TcpServerSession::listening);
    QSignalSpy connected(&server, &TcpServerSession::clientConnected);
    QSignalSpy peerClosed(&server, &TcpServerSession::clientPeerClosed);
    QSignalSpy closed(&server, &TcpServerSession::clientClosed);
    QByteArray heard;
    connect(&server, &TcpServerSession::received, this, [&](ConnectionId, const QByteArray &bytes) { heard += bytes; });
    server.listen(streamEndpoint(QStringLiteral("127.0.0.1"), 0));
    QVERIFY(listening.wait(5000));

    PlainPeer peer;
    QVERIFY(peer.connectTo(server.listenAddress().port()));
    QTRY_COMPARE(connected.size(), 1);
    const auto id = connected.at(0).at(0).value<ConnectionId>();
    QVERIFY(peer.sendAll("PING\n"));
    QVERIFY(peer.finishSending());
    QTRY_COMPARE(peerClosed.size(), 1);
    QCOMPARE(heard, QByteArray("PING\n"));
    QCOMPARE(server.clientIds(), QList<ConnectionId>{id});
    QCOMPARE(server.client(id)->state, TcpServerSession::ClientState::PeerClosed);

    server.send(id, "PONG\n");
    QTRY_COMPARE((peer.poll(), peer.received), QByteArray("PONG\n"));
    QVERIFY(!peer.ended);
    QCOMPARE(closed.size(), 0);
    QTRY_COMPARE(server.connectionCounters(id).messagesOut, quint64(1));
    QCOMPARE(server.connectionCounters(id).bytesOut, quint64(5));

    server.disconnectClient(id);
    QTRY_VERIFY((peer.poll(), peer.ended));
    QVERIFY(!peer.failed);
    QTRY_COMPARE(closed.size(), 1);
    QCOMPARE(closed.at(0).at(1).value<CloseReason>(), CloseReason::Graceful);
    QVERIFY(server.clientIds().isEmpty());
}

void tst_HalfClose::turningTheOptionOnClosesHalfClosedClients()
{
    IoThread io;
    TcpServerSession server(io);
    QSignalSpy listening(&server, &TcpServerSession::listening);
    QSignalSpy connected(&server, &TcpServerSession::clientConnected);
    QSignalSpy peerClosed(&server, &TcpServerSession::clientPeerClosed);
    QSignalSpy closed(&server, &TcpServerSession::clientClosed);
    server.listen(streamEndpoint(QStringLiteral("127.0.0.1"), 0));
    QVERIFY(listening.wait(5000));
    PlainPeer finished;
    PlainPeer open;
    QVERIFY(finished.connectTo(server.listenAddress().port()));
    QTRY_COMPARE(connected.size(), 1);
    QVERIFY(open.connectTo(server.listenAddress().port()));
    QTRY_COMPARE(connected.size(), 2);
    const auto finishedId = connected.at(0).at(0).value<ConnectionId>();
    QVERIFY(finished.finishSending());
    QTRY_COMPARE(peerClosed.size(), 1);

    server.setCloseOnPeerFin(true);
    QTRY_COMPARE(closed.size(), 1);
    QCOMPARE(closed.at(0).at(0).value<ConnectionId>(), finishedId);
    QCOMPARE(closed.at(0).at(1).value<CloseReason>(), CloseReason::PeerFinished);
    QTRY_VERIFY((finished.poll(), finished.ended));
    // The client that is still sending is untouched; when it finishes, it is closed at once.
    QCOMPARE(server.clientIds().size(), 1);
    QVERIFY(open.finishSending());
    QTRY_COMPARE(closed.size(), 2);
    QCOMPARE(closed.at(1).at(1).value<CloseReason>(), CloseReason::PeerFinished);
}

void tst_HalfClose::serverWithOptionOnClosesAtOnce()
{
    IoThread io;
    TcpServerSession server(io);
    QSignalSpy listening(&server, &TcpServerSession::listening);
    QSignalSpy connected(&server, &TcpServerSession::clientConnected);
    QSignalSpy events(&server, &Session::eventOccurred);
    ListenOptions options;
    options.connection.closeOnPeerFin = true;
    server.listen(streamEndpoint(QStringLiteral("127.0.0.1"), 0), options);
    QVERIFY(listening.wait(5000));
    PlainPeer peer;
    QVERIFY(peer.connectTo(server.listenAddress().port()));
    QTRY_COMPARE(connected.size(), 1);
    QVERIFY(peer.finishSending());
    QTRY_VERIFY((peer.poll(), peer.ended));
    // PeerClosed says our side closes too, so a log can fold it into the Closed line.
    QTRY_VERIFY(server.clientIds().isEmpty());
    bool sawPeerClosed = false;
    for (const auto &arguments : events) {
        const auto event = arguments.at(0).value<SessionEvent>();
        if (event.kind == SessionEvent::Kind::PeerClosed) {
            sawPeerClosed = true;
            QVERIFY2(event.closesToo, "PeerClosed must say that our side closes in answer");
        }
    }
    QVERIFY(sawPeerClosed);
}

// The real thing from the issue: `echo PING | ncat 127.0.0.1 PORT` prints the server's reply.
void tst_HalfClose::ncatGetsItsReply()
{
    const QString ncat = QStandardPaths::findExecutable(QStringLiteral("ncat"));
    if (ncat.isEmpty())
        QSKIP("ncat is not installed (packaging/install-deps.sh installs it)");
    IoThread io;
    TcpServerSession server(io);
    QSignalSpy listening(&server, &TcpServerSession::listening);
    QSignalSpy peerClosed(&server, &TcpServerSession::clientPeerClosed);
    QSignalSpy closed(&server, &TcpServerSession::clientClosed);
    QByteArray heard;
    connect(&server, &TcpServerSession::received, this, [&](ConnectionId, const QByteArray &bytes) { heard += bytes; });
    server.listen(streamEndpoint(QStringLiteral("127.0.0.1"), 0));
    QVERIFY(listening.wait(5000));

    QProcess process;
    process.start(ncat, {QStringLiteral("127.0.0.1"), QString::number(server.listenAddress().port())});
    QVERIFY(process.waitForStarted(5000));
    process.write("PING\n");
    process.closeWriteChannel(); // ncat sees the end of its input and sends FIN
    QTRY_COMPARE_WITH_TIMEOUT(peerClosed.size(), 1, 10000);
    QCOMPARE(heard, QByteArray("PING\n"));
    const auto id = peerClosed.at(0).at(0).value<ConnectionId>();
    server.send(id, "PONG\n");
    server.disconnectClient(id);
    QTRY_COMPARE_WITH_TIMEOUT(int(process.state()), int(QProcess::NotRunning), 10000);
    QCOMPARE(process.exitCode(), 0);
    QCOMPARE(process.readAllStandardOutput(), QByteArray("PONG\n"));
    QTRY_COMPARE(closed.size(), 1);
    QCOMPARE(closed.at(0).at(1).value<CloseReason>(), CloseReason::Graceful);
}

void tst_HalfClose::closeBoundsAnAnswerStuckBehindAQueue_data()
{
    QTest::addColumn<bool>("stop");
    QTest::newRow("disconnect") << false;
    QTest::newRow("stop") << true;
}

// Our answer to a FIN waits behind bytes the peer never reads; Disconnect or Stop must still end it, within
// the close timeout, with the reason of what was asked.
void tst_HalfClose::closeBoundsAnAnswerStuckBehindAQueue()
{
    QFETCH(bool, stop);
    IoThread io;
    TcpServerSession server(io);
    QSignalSpy listening(&server, &TcpServerSession::listening);
    QSignalSpy connected(&server, &TcpServerSession::clientConnected);
    QSignalSpy peerClosed(&server, &TcpServerSession::clientPeerClosed);
    QSignalSpy closed(&server, &TcpServerSession::clientClosed);
    ListenOptions options;
    options.connection.closeOnPeerFin = true;
    options.connection.closeTimeout = std::chrono::milliseconds(300);
    options.connection.socketOptions.set(SocketOption::SendBuffer, 64 * 1024);
    server.listen(streamEndpoint(QStringLiteral("127.0.0.1"), 0), options);
    QVERIFY(listening.wait(5000));
    PlainPeer peer;
    QVERIFY(peer.connectTo(server.listenAddress().port(), 64 * 1024));
    QTRY_COMPARE(connected.size(), 1);
    const auto id = connected.at(0).at(0).value<ConnectionId>();
    QSignalSpy pressure(&server, &TcpServerSession::backPressureChanged);
    server.send(id, QByteArray(16 * 1024 * 1024, 'q')); // far more than both socket buffers hold
    QVERIFY(pressure.wait(5000)); // queued behind the socket before the FIN comes
    QVERIFY(pressure.at(0).at(1).toBool());
    QVERIFY(peer.finishSending());
    QVERIFY(peerClosed.wait(5000));
    QTest::qWait(600); // twice the close timeout: the answer alone must not give up on a slow reader
    QCOMPARE(closed.size(), 0);
    if (stop)
        server.stop();
    else
        server.disconnectClient(id);
    QVERIFY(closed.wait(5000));
    QCOMPARE(closed.at(0).at(1).value<CloseReason>(), stop ? CloseReason::Stopped : CloseReason::PeerFinished);
}

// The client session can stay open after the server finished sending, when asked, and still send.
void tst_HalfClose::clientStaysOpenWhenAsked()
{
    PlainListener listener;
    QVERIFY(listener.listen());
    IoThread io;
    TcpClientSession client(io);
    QSignalSpy connected(&client, &TcpClientSession::connected);
    QSignalSpy peerClosed(&client, &TcpClientSession::peerClosed);
    QSignalSpy closed(&client, &TcpClientSession::closed);
    TcpClientSession::Options options;
    options.connection.closeOnPeerFin = false;
    client.connectToHost(QStringLiteral("127.0.0.1"), listener.port, options);
    QVERIFY(connected.wait(5000));
    PlainPeer server;
    QTRY_VERIFY(server.fd() >= 0 || (server.adopt(listener.acceptOne()), server.fd() >= 0));
    QVERIFY(server.sendAll("banner\n"));
    QVERIFY(server.finishSending());
    QTRY_COMPARE(peerClosed.size(), 1);
    QVERIFY(client.isPeerFinished());
    QCOMPARE(client.state(), SessionState::Connected);
    client.send("reply\n");
    QTRY_COMPARE((server.poll(), server.received), QByteArray("reply\n"));
    QCOMPARE(closed.size(), 0);
    client.setCloseOnPeerFin(true); // the option turned on now closes the half-closed connection
    QTRY_COMPARE(closed.size(), 1);
    QCOMPARE(closed.at(0).at(0).value<CloseReason>(), CloseReason::PeerFinished);
    QTRY_VERIFY((server.poll(), server.ended));
}

QTEST_GUILESS_MAIN(tst_HalfClose)
#include "tst_halfclose.moc"
