// TcpClientSession against independent peers (QTcpServer / plain sockets) on loopback only.
#include "core/io/iothread.h"
#include "support/testpeers.h"
#include "core/session/tcpclientsession.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <memory>

using namespace core;
using namespace testsupport;
using namespace std::chrono_literals;

namespace {

// Answers every lookup from a fixed table, so "host not found" needs no real lookup.
class TableResolver final : public Resolver
{
public:
    QHash<QString, QList<SocketAddress>> table;
    Resolution resolve(const QString &host, quint16 port) const override
    {
        Resolution result;
        if (!table.contains(host)) {
            result.error = resolveError(-2 /* EAI_NONAME */, 0, host);
            return result;
        }
        for (SocketAddress address : table.value(host)) {
            address.setPort(port);
            result.addresses.append(address);
        }
        return result;
    }
};

// A listener whose accept queue is full: Linux drops further SYNs, so a connect to it never completes.
struct FullListener
{
    int listener = -1;
    QList<int> fillers;
    quint16 port = 0;

    FullListener()
    {
        listener = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        ::bind(listener, reinterpret_cast<sockaddr *>(&address), sizeof(address));
        ::listen(listener, 0);
        socklen_t length = sizeof(address);
        ::getsockname(listener, reinterpret_cast<sockaddr *>(&address), &length);
        port = ntohs(address.sin_port);
        // Backlog 0 queues one connection; two more fill the SYN side too.
        for (int i = 0; i < 3; ++i) {
            const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
            ::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof(address));
            fillers.append(fd);
        }
    }
    ~FullListener()
    {
        for (int fd : fillers)
            ::close(fd);
        ::close(listener);
    }
};

// A peer written with plain blocking sockets, for what Qt's sockets cannot do: stay half-open after a FIN,
// and tell a reset from a close. Every blocking call has a 10 s timeout so a failure cannot hang the test.
struct PlainPeer
{
    int listener = -1;
    int connection = -1;
    quint16 port = 0;

    PlainPeer()
    {
        listener = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        ::bind(listener, reinterpret_cast<sockaddr *>(&address), sizeof(address));
        ::listen(listener, 4);
        socklen_t length = sizeof(address);
        ::getsockname(listener, reinterpret_cast<sockaddr *>(&address), &length);
        port = ntohs(address.sin_port);
    }
    ~PlainPeer()
    {
        if (connection >= 0)
            ::close(connection);
        ::close(listener);
    }
    bool accept()
    {
        connection = ::accept(listener, nullptr, nullptr);
        const timeval timeout{10, 0};
        ::setsockopt(connection, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
        ::setsockopt(connection, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof(timeout));
        return connection >= 0;
    }
    // Reads until the peer's FIN; returns the bytes, and errno of a failed read in *error (0 on a clean EOF).
    QByteArray readToEnd(int *error)
    {
        QByteArray all;
        char buffer[65536];
        for (;;) {
            const ssize_t n = ::recv(connection, buffer, sizeof(buffer), 0);
            if (n > 0) {
                all.append(buffer, n);
                continue;
            }
            *error = n == 0 ? 0 : errno;
            return all;
        }
    }
    bool writeAll(const QByteArray &bytes)
    {
        for (qsizetype offset = 0; offset < bytes.size();) {
            const ssize_t n = ::send(connection, bytes.constData() + offset, size_t(bytes.size() - offset), MSG_NOSIGNAL);
            if (n <= 0)
                return false;
            offset += n;
        }
        return true;
    }
};

QList<SessionEvent::Kind> kinds(const QSignalSpy &spy)
{
    QList<SessionEvent::Kind> result;
    for (const auto &arguments : spy)
        result.append(arguments.at(0).value<SessionEvent>().kind);
    return result;
}

} // namespace

class tst_TcpClientSession : public QObject
{
    Q_OBJECT

private slots:
    void transfersSixteenMebibytesEachWay();
    void familyLimitsTheAddressesTried();
    void refusedConnection();
    void connectTimeout();
    void cancelDuringConnect();
    void peerFinDeliversEverythingFirst();
    void peerReset();
    void halfCloseWhilePeerKeepsSending();
    void partialWritesWithTinySendBuffer();
    void gracefulDisconnectFlushesFirst();
    void abortSendsReset();
    void hostNotFound();
    void triesEveryAddressInOrder();
    void resolvesLocalhost();
    void sendWhileDisconnectedIsRefused();
    void effectiveOptions_data();
    void effectiveOptions();
};

void tst_TcpClientSession::transfersSixteenMebibytesEachWay()
{
    constexpr qsizetype kSize = 16 * 1024 * 1024;
    const QByteArray upload = randomBytes(kSize, 1);
    const QByteArray download = randomBytes(kSize, 2);

    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    IoThread io;
    TcpClientSession client(io);
    QSignalSpy connectedSpy(&client, &TcpClientSession::connected);
    QByteArray receivedByClient;
    int receivedSignals = 0;
    connect(&client, &TcpClientSession::received, this, [&](const QByteArray &bytes) {
        receivedByClient += bytes;
        ++receivedSignals;
    });

    client.connectToHost(QStringLiteral("127.0.0.1"), server.serverPort());
    QVERIFY(server.waitForNewConnection(5000));
    std::unique_ptr<QTcpSocket> peer(server.nextPendingConnection());
    QTRY_COMPARE(connectedSpy.size(), 1);
    QCOMPARE(client.state(), SessionState::Connected);
    QCOMPARE(client.peerAddress().port(), server.serverPort());
    QCOMPARE(client.localAddress().port(), peer->peerPort());

    QByteArray receivedByPeer;
    connect(peer.get(), &QTcpSocket::readyRead, this, [&] { receivedByPeer += peer->readAll(); });
    client.send(upload);
    QTRY_COMPARE_WITH_TIMEOUT(receivedByPeer.size(), kSize, 30000);
    QVERIFY2(receivedByPeer == upload, "upload arrived altered");

    QElapsedTimer elapsed;
    elapsed.start();
    peer->write(download);
    QTRY_COMPARE_WITH_TIMEOUT(receivedByClient.size(), kSize, 30000);
    const qint64 ms = elapsed.elapsed();
    QVERIFY2(receivedByClient == download, "download arrived altered");
    // Delivery is batched: at most one batch per Session::kMinDrainIntervalMs.
    QVERIFY2(receivedSignals <= ms / Session::kMinDrainIntervalMs + 2,
             qPrintable(QStringLiteral("%1 received signals in %2 ms").arg(receivedSignals).arg(ms)));

    QCOMPARE(client.counters().bytesOut, quint64(kSize));
    QCOMPARE(client.counters().bytesIn, quint64(kSize));
    QCOMPARE(client.counters().messagesOut, quint64(1));
    QCOMPARE(client.connectionCounters(client.connectionId()), client.counters());
    const CaptureStats stats = client.capture()->stats();
    QCOMPARE(stats.bytesIn, quint64(kSize));
    QCOMPARE(stats.bytesOut, quint64(kSize));
}

void tst_TcpClientSession::refusedConnection()
{
    quint16 closedPort = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        closedPort = probe.serverPort();
    }
    IoThread io;
    TcpClientSession client(io);
    QSignalSpy errors(&client, &TcpClientSession::errorOccurred);
    QSignalSpy closed(&client, &TcpClientSession::closed);
    client.connectToHost(QStringLiteral("127.0.0.1"), closedPort);
    QVERIFY(closed.wait(5000));
    QCOMPARE(errors.size(), 1);
    const auto error = errors.at(0).at(0).value<SocketError>();
    QCOMPARE(error.code, ECONNREFUSED);
    QCOMPARE(error.message, QStringLiteral("Connection refused by 127.0.0.1:%1 — is anything listening?").arg(closedPort));
    QCOMPARE(closed.at(0).at(0).value<CloseReason>(), CloseReason::Error);
    QCOMPARE(client.state(), SessionState::Idle);
}

void tst_TcpClientSession::connectTimeout()
{
    FullListener full;
    IoThread io;
    TcpClientSession client(io);
    QSignalSpy errors(&client, &TcpClientSession::errorOccurred);
    QSignalSpy closed(&client, &TcpClientSession::closed);
    QSignalSpy connectedSpy(&client, &TcpClientSession::connected);
    TcpClientSession::Options options;
    options.connectTimeout = 300ms;
    client.connectToHost(QStringLiteral("127.0.0.1"), full.port, options);
    QVERIFY(closed.wait(5000));
    QCOMPARE(connectedSpy.size(), 0);
    QCOMPARE(errors.size(), 1);
    const auto error = errors.at(0).at(0).value<SocketError>();
    QCOMPARE(error.kind, SocketError::Kind::Timeout);
    QVERIFY2(error.message.startsWith(QStringLiteral("No answer from 127.0.0.1:%1 within 300 ms").arg(full.port)),
             qPrintable(error.message));
    QCOMPARE(client.state(), SessionState::Idle);
}

void tst_TcpClientSession::cancelDuringConnect()
{
    FullListener full;
    IoThread io;
    TcpClientSession client(io);
    QSignalSpy events(&client, &Session::eventOccurred);
    QSignalSpy connecting(&client, &TcpClientSession::connecting);
    QSignalSpy connectedSpy(&client, &TcpClientSession::connected);
    QSignalSpy closed(&client, &TcpClientSession::closed);
    client.connectToHost(QStringLiteral("127.0.0.1"), full.port);
    QVERIFY(connecting.wait(5000));
    client.cancel();
    QCOMPARE(client.state(), SessionState::Idle);
    // Free the listener's queue: were the attempt still alive, it could now complete.
    for (int fd : full.fillers)
        ::shutdown(fd, SHUT_RDWR);
    QTRY_VERIFY(kinds(events).contains(SessionEvent::Kind::Closed));
    const auto last = events.last().at(0).value<SessionEvent>();
    QCOMPARE(last.kind, SessionEvent::Kind::Closed);
    QCOMPARE(last.reason, CloseReason::Cancelled);
    QCOMPARE(connectedSpy.size(), 0);
    QCOMPARE(closed.size(), 0); // the owner already knows: the attempt is history
    QCOMPARE(client.state(), SessionState::Idle);
}

void tst_TcpClientSession::peerFinDeliversEverythingFirst()
{
    const QByteArray payload = randomBytes(300 * 1024, 3);
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    IoThread io;
    TcpClientSession client(io);
    QSignalSpy events(&client, &Session::eventOccurred);
    QSignalSpy peerClosed(&client, &TcpClientSession::peerClosed);
    QSignalSpy closed(&client, &TcpClientSession::closed);
    client.connectToHost(QStringLiteral("127.0.0.1"), server.serverPort());
    QVERIFY(server.waitForNewConnection(5000));
    std::unique_ptr<QTcpSocket> peer(server.nextPendingConnection());
    peer->write(payload);
    peer->disconnectFromHost();
    QTRY_COMPARE(closed.size(), 1);
    QCOMPARE(peerClosed.size(), 1);
    QCOMPARE(closed.at(0).at(0).value<CloseReason>(), CloseReason::PeerFinished);

    QByteArray received;
    bool sawFin = false;
    for (const auto &arguments : events) {
        const auto event = arguments.at(0).value<SessionEvent>();
        if (event.kind == SessionEvent::Kind::Received) {
            QVERIFY2(!sawFin, "bytes delivered after the peer's FIN was reported");
            received += event.data;
        }
        sawFin = sawFin || event.kind == SessionEvent::Kind::PeerClosed;
    }
    QVERIFY(received == payload);
    const auto order = kinds(events);
    QCOMPARE(order.count(SessionEvent::Kind::PeerClosed), 1);
    QCOMPARE(order.count(SessionEvent::Kind::Closed), 1);
    QVERIFY(order.indexOf(SessionEvent::Kind::PeerClosed) < order.indexOf(SessionEvent::Kind::Closed));
}

void tst_TcpClientSession::peerReset()
{
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    IoThread io;
    TcpClientSession client(io);
    QSignalSpy connectedSpy(&client, &TcpClientSession::connected);
    QSignalSpy reset(&client, &TcpClientSession::resetByPeer);
    QSignalSpy closed(&client, &TcpClientSession::closed);
    client.connectToHost(QStringLiteral("127.0.0.1"), server.serverPort());
    QVERIFY(server.waitForNewConnection(5000));
    std::unique_ptr<QTcpSocket> peer(server.nextPendingConnection());
    QTRY_COMPARE(connectedSpy.size(), 1);
    const linger abortive{1, 0};
    QCOMPARE(::setsockopt(int(peer->socketDescriptor()), SOL_SOCKET, SO_LINGER, &abortive, sizeof(abortive)), 0);
    peer->abort();
    QTRY_COMPARE(closed.size(), 1);
    QCOMPARE(reset.size(), 1);
    QCOMPARE(closed.at(0).at(0).value<CloseReason>(), CloseReason::Reset);
}

void tst_TcpClientSession::halfCloseWhilePeerKeepsSending()
{
    const QByteArray reply = randomBytes(2 * 1024 * 1024, 4);
    PlainPeer peer;
    IoThread io;
    TcpClientSession client(io);
    QSignalSpy connectedSpy(&client, &TcpClientSession::connected);
    QSignalSpy peerClosed(&client, &TcpClientSession::peerClosed);
    QSignalSpy closed(&client, &TcpClientSession::closed);
    QByteArray received;
    connect(&client, &TcpClientSession::received, this, [&](const QByteArray &bytes) { received += bytes; });
    client.connectToHost(QStringLiteral("127.0.0.1"), peer.port);
    QVERIFY(peer.accept());
    QTRY_COMPARE(connectedSpy.size(), 1);

    client.send("GET / HTTP/1.0\r\n\r\n");
    client.shutdownWrite();
    QVERIFY(client.isWriteShutdown());
    int readError = -1;
    QCOMPARE(peer.readToEnd(&readError), QByteArray("GET / HTTP/1.0\r\n\r\n"));
    QCOMPARE(readError, 0); // a clean FIN

    // Our FIN does not stop the other direction; sending on our side is refused with a reason.
    QSignalSpy refused(&client, &TcpClientSession::errorOccurred);
    client.send("more");
    QCOMPARE(refused.size(), 1);
    QVERIFY(peer.writeAll(reply));
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), reply.size(), 20000);
    QVERIFY(received == reply);
    QCOMPARE(client.state(), SessionState::Connected);
    QCOMPARE(peerClosed.size(), 0);
    ::shutdown(peer.connection, SHUT_WR);
    QTRY_COMPARE(closed.size(), 1);
    QCOMPARE(peerClosed.size(), 1);
    QCOMPARE(closed.at(0).at(0).value<CloseReason>(), CloseReason::Graceful);
}

void tst_TcpClientSession::partialWritesWithTinySendBuffer()
{
    constexpr qsizetype kSize = 32 * 1024 * 1024;
    const QByteArray payload = randomBytes(kSize, 5);
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    IoThread io;
    TcpClientSession client(io);
    QSignalSpy connectedSpy(&client, &TcpClientSession::connected);
    QSignalSpy pressure(&client, &TcpClientSession::backPressureChanged);
    qint64 written = 0;
    connect(&client, &TcpClientSession::bytesWritten, this, [&](qint64 bytes) { written += bytes; });
    TcpClientSession::Options options;
    // 64 KiB against a 32 MiB payload forces hundreds of partial writes. Smaller buffers work too but crawl:
    // below loopback's 64 KiB segment size every segment waits for a delayed ACK (measured: 4 KiB takes 17 s).
    options.connection.socketOptions.set(SocketOption::SendBuffer, 64 * 1024);
    client.connectToHost(QStringLiteral("127.0.0.1"), server.serverPort(), options);
    QVERIFY(server.waitForNewConnection(5000));
    std::unique_ptr<QTcpSocket> peer(server.nextPendingConnection());
    peer->setReadBufferSize(64 * 1024);
    QTRY_COMPARE(connectedSpy.size(), 1);

    // Many sends of uneven sizes: the output queue must keep their order across partial writes.
    QRandomGenerator sizes(6);
    int sends = 0;
    for (qsizetype offset = 0; offset < kSize; ++sends) {
        const qsizetype piece = qMin<qsizetype>(kSize - offset, sizes.bounded(1, 256 * 1024));
        client.send(payload.mid(offset, piece));
        offset += piece;
    }

    // A slow reader: Qt reads at most 64 KiB ahead, and only when this thread gets to it.
    QByteArray received;
    connect(peer.get(), &QTcpSocket::readyRead, this, [&] { received += peer->readAll(); });
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), kSize, 60000);
    QVERIFY2(received == payload, "bytes arrived altered or out of order");
    QTRY_COMPARE(written, kSize);
    QCOMPARE(client.counters().bytesOut, quint64(kSize));
    QCOMPARE(client.counters().messagesOut, quint64(sends));
    QVERIFY2(pressure.size() >= 2, "back-pressure was never reported for a 32 MiB queue");
    QCOMPARE(pressure.first().at(0).toBool(), true);
    QCOMPARE(pressure.last().at(0).toBool(), false);
}

void tst_TcpClientSession::gracefulDisconnectFlushesFirst()
{
    const QByteArray payload = randomBytes(8 * 1024 * 1024, 7);
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    IoThread io;
    TcpClientSession client(io);
    QSignalSpy connectedSpy(&client, &TcpClientSession::connected);
    QSignalSpy closed(&client, &TcpClientSession::closed);
    client.connectToHost(QStringLiteral("127.0.0.1"), server.serverPort());
    QVERIFY(server.waitForNewConnection(5000));
    std::unique_ptr<QTcpSocket> peer(server.nextPendingConnection());
    QTRY_COMPARE(connectedSpy.size(), 1);
    QByteArray received;
    QSignalSpy peerFinished(peer.get(), &QTcpSocket::readChannelFinished);
    connect(peer.get(), &QTcpSocket::readyRead, this, [&] { received += peer->readAll(); });
    client.send(payload);
    client.disconnectFromHost();
    QCOMPARE(client.state(), SessionState::Closing);
    QTRY_COMPARE_WITH_TIMEOUT(peerFinished.size(), 1, 20000);
    received += peer->readAll();
    QVERIFY2(received == payload, "the FIN overtook queued bytes");
    peer->disconnectFromHost();
    QTRY_COMPARE(closed.size(), 1);
    QCOMPARE(closed.at(0).at(0).value<CloseReason>(), CloseReason::Graceful);
    QCOMPARE(client.state(), SessionState::Idle);
}

void tst_TcpClientSession::abortSendsReset()
{
    PlainPeer peer;
    IoThread io;
    TcpClientSession client(io);
    QSignalSpy connectedSpy(&client, &TcpClientSession::connected);
    QSignalSpy closed(&client, &TcpClientSession::closed);
    client.connectToHost(QStringLiteral("127.0.0.1"), peer.port);
    QVERIFY(peer.accept());
    QTRY_COMPARE(connectedSpy.size(), 1);
    client.send("partial");
    client.abort();
    QTRY_COMPARE(closed.size(), 1);
    QCOMPARE(closed.at(0).at(0).value<CloseReason>(), CloseReason::Aborted);
    int readError = 0;
    peer.readToEnd(&readError);
    QCOMPARE(readError, ECONNRESET); // an RST, not a FIN
}

void tst_TcpClientSession::familyLimitsTheAddressesTried()
{
    QTcpServer server; // IPv4 only
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    auto resolver = std::make_shared<TableResolver>();
    resolver->table.insert(QStringLiteral("dual.test"), {*SocketAddress::fromNumericHost(QStringLiteral("::1"), 0),
                                                         *SocketAddress::fromNumericHost(QStringLiteral("127.0.0.1"), 0)});
    resolver->table.insert(QStringLiteral("v4.test"), {*SocketAddress::fromNumericHost(QStringLiteral("127.0.0.1"), 0)});
    IoThread io;
    TcpClientSession client(io);
    client.setResolver(resolver);
    QSignalSpy connecting(&client, &TcpClientSession::connecting);
    QSignalSpy connected(&client, &TcpClientSession::connected);
    TcpClientSession::Options v4;
    v4.family = Family::IPv4;
    client.connectToHost(QStringLiteral("dual.test"), server.serverPort(), v4);
    QVERIFY(connected.wait(5000));
    QCOMPARE(connecting.size(), 1); // ::1 was never tried
    QCOMPARE(connecting.at(0).at(0).value<SocketAddress>().host(), QStringLiteral("127.0.0.1"));
    client.abort();
    QTRY_COMPARE(client.state(), SessionState::Idle);

    QSignalSpy errors(&client, &TcpClientSession::errorOccurred);
    QSignalSpy closed(&client, &TcpClientSession::closed);
    TcpClientSession::Options v6;
    v6.family = Family::IPv6;
    client.connectToHost(QStringLiteral("v4.test"), server.serverPort(), v6);
    QVERIFY(closed.wait(5000));
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors.at(0).at(0).value<SocketError>().message,
             QStringLiteral("“v4.test” has no IPv6 address (it has 127.0.0.1): pick another family or host."));
    QCOMPARE(client.state(), SessionState::Idle);
}

void tst_TcpClientSession::hostNotFound()
{
    IoThread io;
    TcpClientSession client(io);
    client.setResolver(std::make_shared<TableResolver>());
    QSignalSpy states(&client, &TcpClientSession::stateChanged);
    QSignalSpy errors(&client, &TcpClientSession::errorOccurred);
    QSignalSpy closed(&client, &TcpClientSession::closed);
    client.connectToHost(QStringLiteral("nosuch.invalid"), 80);
    QCOMPARE(client.state(), SessionState::Resolving);
    QVERIFY(closed.wait(5000));
    QCOMPARE(errors.size(), 1);
    const auto error = errors.at(0).at(0).value<SocketError>();
    QCOMPARE(error.kind, SocketError::Kind::Resolver);
    QCOMPARE(error.message,
             QStringLiteral("Host “nosuch.invalid” not found — check the spelling, or use a numeric address."));
    QCOMPARE(client.state(), SessionState::Idle);
}

void tst_TcpClientSession::triesEveryAddressInOrder()
{
    QTcpServer server; // IPv4 only: the IPv6 address is refused, so the second address must be used
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    auto resolver = std::make_shared<TableResolver>();
    resolver->table.insert(QStringLiteral("twin.test"), {*SocketAddress::fromNumericHost(QStringLiteral("::1"), 0),
                                                         *SocketAddress::fromNumericHost(QStringLiteral("127.0.0.1"), 0)});
    IoThread io;
    TcpClientSession client(io);
    client.setResolver(resolver);
    QSignalSpy resolved(&client, &TcpClientSession::resolved);
    QSignalSpy connecting(&client, &TcpClientSession::connecting);
    QSignalSpy errors(&client, &TcpClientSession::errorOccurred);
    QSignalSpy connectedSpy(&client, &TcpClientSession::connected);
    client.connectToHost(QStringLiteral("twin.test"), server.serverPort());
    QVERIFY(connectedSpy.wait(5000));
    QCOMPARE(resolved.size(), 1);
    QCOMPARE(resolved.at(0).at(0).value<QList<SocketAddress>>().size(), 2);
    QCOMPARE(connecting.size(), 2);
    QCOMPARE(connecting.at(0).at(0).value<SocketAddress>().toString(), QStringLiteral("[::1]:%1").arg(server.serverPort()));
    QCOMPARE(connecting.at(1).at(0).value<SocketAddress>().toString(), QStringLiteral("127.0.0.1:%1").arg(server.serverPort()));
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors.at(0).at(0).value<SocketError>().code, ECONNREFUSED);
    QCOMPARE(connectedSpy.at(0).at(1).value<SocketAddress>().toString(),
             QStringLiteral("127.0.0.1:%1").arg(server.serverPort()));
}

void tst_TcpClientSession::resolvesLocalhost()
{
    // "localhost" comes from the hosts file: no DNS traffic.
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::Any, 0));
    IoThread io;
    TcpClientSession client(io);
    QSignalSpy connectedSpy(&client, &TcpClientSession::connected);
    client.connectToHost(QStringLiteral("localhost"), server.serverPort());
    QVERIFY(connectedSpy.wait(5000));
    QVERIFY(connectedSpy.at(0).at(1).value<SocketAddress>().isLoopback());
}

void tst_TcpClientSession::sendWhileDisconnectedIsRefused()
{
    IoThread io;
    TcpClientSession client(io);
    QSignalSpy errors(&client, &TcpClientSession::errorOccurred);
    client.send("hello");
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors.at(0).at(0).value<SocketError>().message,
             QStringLiteral("Not sent: not connected — connect first."));
    QCOMPARE(client.counters().messagesOut, quint64(0));
    client.connectToHost(QStringLiteral("  "), 80);
    QCOMPARE(errors.size(), 2);
    QCOMPARE(client.state(), SessionState::Idle);
}

void tst_TcpClientSession::effectiveOptions_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<QHostAddress>("listenAddress");
    QTest::addColumn<bool>("ipv6");
    QTest::newRow("IPv4") << QStringLiteral("127.0.0.1") << QHostAddress(QHostAddress::LocalHost) << false;
    QTest::newRow("IPv6") << QStringLiteral("::1") << QHostAddress(QHostAddress::LocalHostIPv6) << true;
}

// The options read back before connect() arrive with Connected; those of the other family are skipped.
void tst_TcpClientSession::effectiveOptions()
{
    QFETCH(QString, host);
    QFETCH(QHostAddress, listenAddress);
    QFETCH(bool, ipv6);
    QTcpServer server;
    QVERIFY(server.listen(listenAddress, 0));
    IoThread io;
    TcpClientSession client(io);
    QSignalSpy connectedSpy(&client, &TcpClientSession::connected);
    QSignalSpy errors(&client, &TcpClientSession::errorOccurred);
    TcpClientSession::Options options;
    options.connection.socketOptions.set(SocketOption::SendBuffer, 50000);
    options.connection.socketOptions.set(SocketOption::Ttl, 17);
    options.connection.socketOptions.set(SocketOption::UnicastHops, 18);
    client.connectToHost(host, server.serverPort(), options);
    QTRY_COMPARE(connectedSpy.size(), 1);
    QVERIFY(errors.isEmpty());

    SocketOptionSet expected{{SocketOption::NoDelay, 1}, {SocketOption::SendBuffer, 100000}};
    if (ipv6) {
        expected.set(SocketOption::IPv6Only, 0);
        expected.set(SocketOption::UnicastHops, 18);
    } else {
        expected.set(SocketOption::Ttl, 17);
    }
    QCOMPARE(client.effectiveOptions(), expected);
}

QTEST_GUILESS_MAIN(tst_TcpClientSession)
#include "tst_tcpclientsession.moc"
