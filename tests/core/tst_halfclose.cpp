// A peer that finishes sending and then waits for the answer: the classic request/response of a tiny
// server (`echo PING | ncat host port`, `nc -N`, curl, many devices). Plain sockets (Qt cannot half-close)
// and a real ncat process, on 127.0.0.1 only.
#include "core/iothread.h"
#include "core/tcpclientsession.h"
#include "core/tcpserversession.h"
#include "support/testpeers.h"

#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

using namespace core;
using namespace testsupport;

namespace {

// A blocking-free plain TCP socket on the test's side, so the test can shut down its write half.
class PlainPeer
{
public:
    PlainPeer() = default;
    PlainPeer(const PlainPeer &) = delete;
    PlainPeer &operator=(const PlainPeer &) = delete;
    ~PlainPeer()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }

    bool connectTo(quint16 port)
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(port);
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        return m_fd >= 0 && ::connect(m_fd, reinterpret_cast<const sockaddr *>(&address), sizeof(address)) == 0;
    }
    // Takes an already connected descriptor (accepted by the test).
    void adopt(int fd) { m_fd = fd; }
    int fd() const { return m_fd; }

    bool sendAll(const QByteArray &bytes) const
    {
        return ::send(m_fd, bytes.constData(), size_t(bytes.size()), MSG_NOSIGNAL) == bytes.size();
    }
    bool finishSending() const { return ::shutdown(m_fd, SHUT_WR) == 0; }
    // Reads what is there without waiting; sets `ended` when the other side's FIN arrived.
    void poll()
    {
        char buffer[4096];
        for (;;) {
            const ssize_t got = ::recv(m_fd, buffer, sizeof(buffer), MSG_DONTWAIT);
            if (got > 0) {
                received.append(buffer, got);
                continue;
            }
            if (got == 0)
                ended = true;
            else if (errno != EAGAIN && errno != EWOULDBLOCK)
                failed = true;
            return;
        }
    }

    QByteArray received;
    bool ended = false;
    bool failed = false;

private:
    int m_fd = -1;
};

// A listening plain socket on 127.0.0.1, for the client session to connect to.
struct PlainListener
{
    int fd = -1;
    quint16 port = 0;

    bool listen()
    {
        fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (fd < 0 || ::bind(fd, reinterpret_cast<const sockaddr *>(&address), sizeof(address)) != 0
            || ::listen(fd, 4) != 0)
            return false;
        socklen_t length = sizeof(address);
        ::getsockname(fd, reinterpret_cast<sockaddr *>(&address), &length);
        port = ntohs(address.sin_port);
        return true;
    }
    int acceptOne() const { return ::accept4(fd, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC); }
    ~PlainListener()
    {
        if (fd >= 0)
            ::close(fd);
    }
};

} // namespace

class tst_HalfClose : public QObject
{
    Q_OBJECT

private slots:
    void serverAnswersAClientThatFinishedSending();
    void turningTheOptionOnClosesHalfClosedClients();
    void serverWithOptionOnClosesAtOnce();
    void ncatGetsItsReply();
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
    server.listen(QStringLiteral("127.0.0.1"), 0);
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
    server.listen(QStringLiteral("127.0.0.1"), 0);
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
    server.listen(QStringLiteral("127.0.0.1"), 0, options);
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
            QVERIFY2(event.flag, "PeerClosed must say that our side closes in answer");
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
    server.listen(QStringLiteral("127.0.0.1"), 0);
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
    QCOMPARE(client.state(), TcpClientSession::State::Connected);
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
