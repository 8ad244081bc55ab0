// TcpServerSession against independent QTcpSocket clients, on loopback only (127.0.0.1 and ::1).
#include "core/io/iothread.h"
#include "support/testpeers.h"
#include "core/session/tcpserversession.h"
#include "support/plainpeer.h"
#include "support/translations.h"

#include <QHash>
#include <QRandomGenerator>
#include <QSet>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <algorithm>

#include <dirent.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <memory>
#include <vector>

using namespace core;
using namespace testsupport;

namespace {

constexpr int kFleetSize = 50;

// The kernel's TCP state of a socket: TCP_CLOSE once a reset arrived, TCP_CLOSE_WAIT after a FIN.
int tcpState(int fd)
{
    tcp_info info{};
    socklen_t length = sizeof(info);
    if (::getsockopt(fd, IPPROTO_TCP, TCP_INFO, &info, &length) != 0)
        return -1;
    return info.tcpi_state;
}

// One independent client and everything it has read so far.
struct Client
{
    std::unique_ptr<QTcpSocket> socket = std::make_unique<QTcpSocket>();
    QByteArray received;
    ConnectionId id = 0;
};
using Clients = std::vector<std::unique_ptr<Client>>;

std::unique_ptr<Client> startClient(const QHostAddress &host, quint16 port)
{
    auto client = std::make_unique<Client>();
    QTcpSocket *socket = client->socket.get();
    QObject::connect(socket, &QTcpSocket::readyRead, socket,
                     [raw = client.get()] { raw->received += raw->socket->readAll(); });
    socket->connectToHost(host, port);
    return client;
}

// Waits for `count` more clientConnected signals and names each client by the id whose peer address is
// the client's own local address.
void identifyClients(const QSignalSpy &connectedSpy, qsizetype before, Clients &clients)
{
    QTRY_COMPARE_WITH_TIMEOUT(connectedSpy.size(), before + qsizetype(clients.size()), 10000);
    QHash<quint16, ConnectionId> idByPort;
    QHash<quint16, SocketAddress> peerByPort;
    for (qsizetype i = before; i < connectedSpy.size(); ++i) {
        const auto peer = connectedSpy.at(i).at(1).value<SocketAddress>();
        idByPort.insert(peer.port(), connectedSpy.at(i).at(0).value<ConnectionId>());
        peerByPort.insert(peer.port(), peer);
    }
    for (auto &client : clients) {
        QTRY_COMPARE(client->socket->state(), QAbstractSocket::ConnectedState);
        const SocketAddress own = addressOf(client->socket->localAddress(), client->socket->localPort());
        const SocketAddress reported = peerByPort.value(own.port());
        QCOMPARE(reported.toString(), own.toString());
        QVERIFY2(reported == own, qPrintable(reported.toString()));
        client->id = idByPort.value(own.port());
        QVERIFY(client->id != 0);
    }
}

QList<ConnectionId> idsOf(const Clients &clients, qsizetype from = 0)
{
    QList<ConnectionId> ids;
    for (auto it = clients.begin() + from; it != clients.end(); ++it)
        ids.append((*it)->id);
    return ids;
}

} // namespace

class tst_TcpServerSession : public QObject
{
    Q_OBJECT

private slots:
    void fiftyClients();
    void portZeroReportsRealPort_data();
    void portZeroReportsRealPort();
    void portInUse();
    void unsupportedEndpoint_data();
    void unsupportedEndpoint();
    void maxClients();
    void counters();
    void ipv6();
    void dualStackShowsIPv4ClientsPlainly();
    void clientClosesFirst_data();
    void clientClosesFirst();
    void effectiveOptions_data();
    void effectiveOptions();
    void closedConnectionsAreForgotten();

private:
    void sendToOneReachesOnlyIt(TcpServerSession &server, Clients &clients);
    void eachClientIsHeardUnderItsId(TcpServerSession &server, Clients &clients);
    void disconnectAndAbort(TcpServerSession &server, Clients &clients);
    void stopClosesEveryone(TcpServerSession &server, Clients &clients);
};

void tst_TcpServerSession::fiftyClients()
{
    IoThread io;
    TcpServerSession server(io);
    const int descriptorsBefore = openDescriptors(); // the session's own wake-up descriptor included
    QSignalSpy listeningSpy(&server, &TcpServerSession::listening);
    QSignalSpy connectedSpy(&server, &TcpServerSession::clientConnected);
    server.listen(streamEndpoint(QStringLiteral("127.0.0.1"), 0));
    QVERIFY(listeningSpy.wait(5000));
    const quint16 port = listeningSpy.at(0).at(0).value<SocketAddress>().port();
    QVERIFY(port != 0);

    Clients clients;
    for (int i = 0; i < kFleetSize; ++i)
        clients.push_back(startClient(QHostAddress::LocalHost, port));
    identifyClients(connectedSpy, 0, clients);
    if (QTest::currentTestFailed())
        return;
    const QList<ConnectionId> ids = idsOf(clients);
    QCOMPARE(QSet<ConnectionId>(ids.begin(), ids.end()).size(), kFleetSize);
    // clientIds() is in accept order, which need not be the order the clients called connect: compare sets.
    const QList<ConnectionId> listed = server.clientIds();
    QCOMPARE(QSet<ConnectionId>(listed.begin(), listed.end()), QSet<ConnectionId>(ids.begin(), ids.end()));
    QCOMPARE(listed.size(), kFleetSize);
    sendToOneReachesOnlyIt(server, clients);
    if (QTest::currentTestFailed())
        return;
    eachClientIsHeardUnderItsId(server, clients);
    if (QTest::currentTestFailed())
        return;
    disconnectAndAbort(server, clients);
    if (QTest::currentTestFailed())
        return;
    stopClosesEveryone(server, clients);
    if (QTest::currentTestFailed())
        return;
    clients.clear();
    QTRY_COMPARE(openDescriptors(), descriptorsBefore);
}

void tst_TcpServerSession::sendToOneReachesOnlyIt(TcpServerSession &server, Clients &clients)
{
    Client &target = *clients.at(7);
    const QByteArray payload = randomBytes(10000, 11);
    server.send(target.id, payload);
    QTRY_COMPARE(target.received.size(), payload.size());
    for (const auto &client : clients) {
        if (client.get() != &target) {
            QCOMPARE(client->received.size(), 0);
            QCOMPARE(client->socket->bytesAvailable(), 0);
        }
    }
    // Everyone gets the marker after the payload went out, so anything stray would be in front of it.
    const QByteArray marker = randomBytes(70000, 12);
    server.sendToAll(marker);
    for (const auto &client : clients) {
        const QByteArray expected = client.get() == &target ? payload + marker : marker;
        QTRY_COMPARE(client->received.size(), expected.size());
        QVERIFY2(client->received == expected, qPrintable(QStringLiteral("client #%1").arg(client->id)));
        client->received.clear();
    }
}

void tst_TcpServerSession::eachClientIsHeardUnderItsId(TcpServerSession &server, Clients &clients)
{
    QHash<ConnectionId, QByteArray> heard;
    connect(&server, &TcpServerSession::received, this,
            [&](ConnectionId id, const QByteArray &bytes) { heard[id] += bytes; });
    QHash<ConnectionId, QByteArray> sent;
    qsizetype total = 0;
    for (size_t i = 0; i < clients.size(); ++i) {
        const QByteArray bytes = randomBytes(qsizetype(1000 + 37 * i), quint32(100 + i));
        clients[i]->socket->write(bytes);
        sent.insert(clients[i]->id, bytes);
        total += bytes.size();
    }
    const auto heardTotal = [&] {
        qsizetype sum = 0;
        for (const QByteArray &bytes : std::as_const(heard))
            sum += bytes.size();
        return sum;
    };
    QTRY_COMPARE_WITH_TIMEOUT(heardTotal(), total, 10000);
    disconnect(&server, &TcpServerSession::received, this, nullptr);
    QCOMPARE(heard.size(), sent.size());
    for (auto it = sent.cbegin(); it != sent.cend(); ++it)
        QVERIFY2(heard.value(it.key()) == it.value(), qPrintable(QStringLiteral("client #%1").arg(it.key())));
}

void tst_TcpServerSession::disconnectAndAbort(TcpServerSession &server, Clients &clients)
{
    QSignalSpy closedSpy(&server, &TcpServerSession::clientClosed);
    Client &graceful = *clients.at(0);
    server.disconnectClient(graceful.id);
    QTRY_COMPARE(graceful.socket->state(), QAbstractSocket::UnconnectedState);
    QTRY_COMPARE(closedSpy.size(), 1);
    QCOMPARE(closedSpy.at(0).at(0).value<ConnectionId>(), graceful.id);
    QCOMPARE(closedSpy.at(0).at(1).value<CloseReason>(), CloseReason::Graceful);

    Client &aborted = *clients.at(1);
    // A second descriptor on the same socket outlives Qt's close, so the kernel's state can be read after.
    const int watcher = ::dup(int(aborted.socket->socketDescriptor()));
    QSignalSpy socketErrors(aborted.socket.get(), &QAbstractSocket::errorOccurred);
    server.abortClient(aborted.id);
    QTRY_COMPARE(aborted.socket->state(), QAbstractSocket::UnconnectedState);
    const int state = tcpState(watcher);
    ::close(watcher);
    QCOMPARE(state, int(TCP_CLOSE)); // a reset; a FIN would have left CLOSE_WAIT
    QVERIFY(!socketErrors.isEmpty());
    // Qt reports ECONNRESET on a read as RemoteHostClosedError (it has no reset error), hence TCP_INFO above.
    QCOMPARE(socketErrors.at(0).at(0).value<QAbstractSocket::SocketError>(), QAbstractSocket::RemoteHostClosedError);
    QTRY_COMPARE(closedSpy.size(), 2);
    QCOMPARE(closedSpy.at(1).at(0).value<ConnectionId>(), aborted.id);
    QCOMPARE(closedSpy.at(1).at(1).value<CloseReason>(), CloseReason::Aborted);

    const QList<ConnectionId> open = server.clientIds();
    const QList<ConnectionId> expected = idsOf(clients, 2);
    QCOMPARE(QSet<ConnectionId>(open.begin(), open.end()), QSet<ConnectionId>(expected.begin(), expected.end()));
    QCOMPARE(open.size(), expected.size());
    for (size_t i = 2; i < clients.size(); ++i)
        QCOMPARE(clients[i]->socket->state(), QAbstractSocket::ConnectedState);
}

void tst_TcpServerSession::stopClosesEveryone(TcpServerSession &server, Clients &clients)
{
    QSignalSpy stoppedSpy(&server, &TcpServerSession::stopped);
    QSignalSpy closedSpy(&server, &TcpServerSession::clientClosed);
    QSignalSpy states(&server, &Session::stateChanged);
    server.stop();
    QCOMPARE(server.state(), SessionState::Listening); // until the loop has closed the socket
    QVERIFY(stoppedSpy.wait(5000));
    QVERIFY(!server.isListening());
    QCOMPARE(server.state(), SessionState::Idle);
    QCOMPARE(states.size(), 1);
    QCOMPARE(states.at(0).at(0).value<SessionState>(), SessionState::Idle);
    // The server sends its FIN first and each QTcpSocket only answers it, so every close is the server's
    // doing: Stopped, never Graceful.
    for (size_t i = 2; i < clients.size(); ++i)
        QTRY_COMPARE(clients[i]->socket->state(), QAbstractSocket::UnconnectedState);
    const QList<ConnectionId> remaining = idsOf(clients, 2);
    QTRY_COMPARE(closedSpy.size(), remaining.size());
    QSet<ConnectionId> closedIds;
    for (const auto &arguments : std::as_const(closedSpy)) {
        closedIds.insert(arguments.at(0).value<ConnectionId>());
        QCOMPARE(arguments.at(1).value<CloseReason>(), CloseReason::Stopped);
    }
    QCOMPARE(closedIds, QSet<ConnectionId>(remaining.begin(), remaining.end()));
    QVERIFY(server.clientIds().isEmpty());
    QCOMPARE(stoppedSpy.size(), 1);
}

void tst_TcpServerSession::portZeroReportsRealPort_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<QString>("host");
    QTest::addColumn<QHostAddress>("connectTo");
    QTest::newRow("IPv4") << QStringLiteral("127.0.0.1") << QStringLiteral("127.0.0.1")
                          << QHostAddress(QHostAddress::LocalHost);
    QTest::newRow("IPv4, spaces") << QStringLiteral(" 127.0.0.1 ") << QStringLiteral("127.0.0.1")
                                  << QHostAddress(QHostAddress::LocalHost);
    QTest::newRow("IPv6") << QStringLiteral("::1") << QStringLiteral("::1")
                          << QHostAddress(QHostAddress::LocalHostIPv6);
    QTest::newRow("IPv6, brackets") << QStringLiteral("[::1]") << QStringLiteral("::1")
                                    << QHostAddress(QHostAddress::LocalHostIPv6);
}

void tst_TcpServerSession::portZeroReportsRealPort()
{
    QFETCH(QString, address);
    QFETCH(QString, host);
    QFETCH(QHostAddress, connectTo);
    IoThread io;
    TcpServerSession server(io);
    QSignalSpy listeningSpy(&server, &TcpServerSession::listening);
    QSignalSpy connectedSpy(&server, &TcpServerSession::clientConnected);
    server.listen(streamEndpoint(address, 0));
    QVERIFY(listeningSpy.wait(5000));
    const auto reported = listeningSpy.at(0).at(0).value<SocketAddress>();
    QVERIFY(reported.port() != 0);
    QCOMPARE(reported.host(), host);
    QVERIFY(server.isListening());
    QCOMPARE(server.state(), SessionState::Listening);
    QCOMPARE(server.listenAddress().toString(), reported.toString());
    QVERIFY(server.listenAddress() == reported);

    QTcpSocket socket;
    socket.connectToHost(connectTo, reported.port());
    QVERIFY2(socket.waitForConnected(5000), qPrintable(socket.errorString()));
    QTRY_COMPARE(connectedSpy.size(), 1);
}

void tst_TcpServerSession::portInUse()
{
    QTcpServer other;
    QVERIFY(other.listen(QHostAddress::LocalHost, 0));
    IoThread io;
    TcpServerSession server(io);
    QSignalSpy errors(&server, &TcpServerSession::errorOccurred);
    QSignalSpy stoppedSpy(&server, &TcpServerSession::stopped);
    QSignalSpy listeningSpy(&server, &TcpServerSession::listening);
    server.listen(streamEndpoint(QStringLiteral("127.0.0.1"), other.serverPort()));
    QVERIFY(stoppedSpy.wait(5000));
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors.at(0).at(0).value<ConnectionId>(), ConnectionId(0));
    const auto error = errors.at(0).at(1).value<SocketError>();
    QCOMPARE(error.kind, SocketError::Kind::Os);
    QCOMPARE(error.code, EADDRINUSE);
    QCOMPARE(error.message, QStringLiteral("Address 127.0.0.1:%1 is already in use — another program (or another "
                                           "tab) is using this port; pick another port or stop it.")
                                .arg(other.serverPort()));
    QCOMPARE(listeningSpy.size(), 0);
    QVERIFY(!server.isListening());
    QVERIFY(other.isListening());
}

void tst_TcpServerSession::unsupportedEndpoint_data()
{
    // Text that does not parse never reaches a session (tst_endpoint has those sentences); these parse.
    QTest::addColumn<Endpoint>("endpoint");
    QTest::addColumn<QString>("message");
    // (Unix paths and names listen: tst_unixsockets.)
    QTest::newRow("no address") << Endpoint{} << QStringLiteral("No address given: type one, such as 127.0.0.1.");
}

void tst_TcpServerSession::unsupportedEndpoint()
{
    QFETCH(Endpoint, endpoint);
    QFETCH(QString, message);
    IoThread io;
    TcpServerSession server(io);
    QSignalSpy errors(&server, &TcpServerSession::errorOccurred);
    QSignalSpy events(&server, &Session::eventOccurred);
    QSignalSpy states(&server, &Session::stateChanged);
    server.listen(endpoint);
    QCOMPARE(errors.size(), 1); // input is refused at once, on the caller's thread
    QCOMPARE(errors.at(0).at(0).value<ConnectionId>(), ConnectionId(0));
    const auto error = errors.at(0).at(1).value<SocketError>();
    QCOMPARE(error.kind, SocketError::Kind::Input);
    QCOMPARE(error.message, message);
    QCOMPARE(server.state(), SessionState::Idle);
    QVERIFY(states.isEmpty());
    QVERIFY(!server.listenAddress().isValid());

    // Anything the refused call had started would report before a later listen's own events.
    QSignalSpy listeningSpy(&server, &TcpServerSession::listening);
    server.listen(streamEndpoint(QStringLiteral("127.0.0.1"), 0));
    QVERIFY(listeningSpy.wait(5000));
    QCOMPARE(events.size(), 2);
    QCOMPARE(events.at(0).at(0).value<SessionEvent>().kind, SessionEvent::Kind::Error);
    QCOMPARE(events.at(1).at(0).value<SessionEvent>().kind, SessionEvent::Kind::Listening);
    QCOMPARE(states.size(), 1);
    QCOMPARE(states.at(0).at(0).value<SessionState>(), SessionState::Listening);
}

void tst_TcpServerSession::maxClients()
{
    IoThread io;
    TcpServerSession server(io);
    QSignalSpy listeningSpy(&server, &TcpServerSession::listening);
    QSignalSpy connectedSpy(&server, &TcpServerSession::clientConnected);
    QSignalSpy rejectedSpy(&server, &TcpServerSession::clientRejected);
    ListenOptions options;
    options.maxClients = 2;
    server.listen(streamEndpoint(QStringLiteral("127.0.0.1"), 0), options);
    QVERIFY(listeningSpy.wait(5000));
    const quint16 port = server.listenAddress().port();

    Clients admitted;
    for (int i = 0; i < 2; ++i) {
        Clients one;
        one.push_back(startClient(QHostAddress::LocalHost, port));
        identifyClients(connectedSpy, i, one);
        if (QTest::currentTestFailed())
            return;
        admitted.push_back(std::move(one.front()));
    }
    QTcpSocket third;
    quint16 thirdPort = 0; // read while connected: Qt forgets it on disconnect
    connect(&third, &QAbstractSocket::connected, this, [&] { thirdPort = third.localPort(); });
    QSignalSpy thirdDisconnected(&third, &QAbstractSocket::disconnected);
    third.connectToHost(QHostAddress::LocalHost, port);
    QTRY_COMPARE(rejectedSpy.size(), 1);
    QTRY_COMPARE(thirdDisconnected.size(), 1);
    QVERIFY(thirdPort != 0);
    const SocketAddress thirdAddress = addressOf(QHostAddress::LocalHost, thirdPort);
    QCOMPARE(rejectedSpy.at(0).at(0).value<SocketAddress>().toString(), thirdAddress.toString());
    QCOMPARE(rejectedSpy.at(0).at(1).toString(),
             QStringLiteral("Connection from %1 closed: the server already has 2 clients (the maximum).")
                 .arg(thirdAddress.toString()));
    QCOMPARE(connectedSpy.size(), 2);
    QCOMPARE(server.clientIds(), idsOf(admitted));

    QByteArray heard;
    connect(&server, &TcpServerSession::received, this,
            [&](ConnectionId id, const QByteArray &bytes) { heard += QByteArray::number(id) + bytes; });
    for (const auto &client : admitted) {
        heard.clear();
        client->socket->write("x");
        QTRY_COMPARE(heard, QByteArray::number(client->id) + "x");
        server.send(client->id, "y");
        QTRY_COMPARE(client->received, QByteArray("y"));
    }
}

void tst_TcpServerSession::counters()
{
    IoThread io;
    TcpServerSession server(io);
    QSignalSpy listeningSpy(&server, &TcpServerSession::listening);
    QSignalSpy connectedSpy(&server, &TcpServerSession::clientConnected);
    server.listen(streamEndpoint(QStringLiteral("127.0.0.1"), 0));
    QVERIFY(listeningSpy.wait(5000));
    Clients clients;
    clients.push_back(startClient(QHostAddress::LocalHost, server.listenAddress().port()));
    clients.push_back(startClient(QHostAddress::LocalHost, server.listenAddress().port()));
    identifyClients(connectedSpy, 0, clients);
    if (QTest::currentTestFailed())
        return;
    Client &a = *clients[0];
    Client &b = *clients[1];

    constexpr quint64 kAIn = 200 * 1024, kBIn = 3, kAOut = 300 * 1024, kBOut = 5, kAll = 7;
    a.socket->write(randomBytes(qsizetype(kAIn), 21));
    b.socket->write(randomBytes(qsizetype(kBIn), 22));
    server.send(a.id, randomBytes(qsizetype(kAOut), 23));
    server.send(b.id, randomBytes(qsizetype(kBOut), 24));
    server.sendToAll(randomBytes(qsizetype(kAll), 25));
    QTRY_COMPARE(quint64(a.received.size()), kAOut + kAll);
    QTRY_COMPARE(quint64(b.received.size()), kBOut + kAll);
    QTRY_COMPARE(server.counters().bytesIn, kAIn + kBIn);
    QTRY_COMPARE(server.counters().bytesOut, kAOut + kBOut + 2 * kAll);

    const TrafficCounters total = server.counters();
    const TrafficCounters countersA = server.connectionCounters(a.id);
    const TrafficCounters countersB = server.connectionCounters(b.id);
    QCOMPARE(countersA.bytesIn, kAIn);
    QCOMPARE(countersA.bytesOut, kAOut + kAll);
    QCOMPARE(countersB.bytesIn, kBIn);
    QCOMPARE(countersB.bytesOut, kBOut + kAll);
    QCOMPARE(countersA.messagesOut, quint64(2)); // one send and one sendToAll each
    QCOMPARE(countersB.messagesOut, quint64(2));
    QCOMPARE(total.messagesOut, quint64(4));
    QVERIFY(countersA.messagesIn >= 1 && countersB.messagesIn == 1);
    QCOMPARE(total.messagesIn, countersA.messagesIn + countersB.messagesIn);
    const CaptureStats stats = server.capture()->stats();
    QCOMPARE(stats.bytesIn, total.bytesIn);
    QCOMPARE(stats.bytesOut, total.bytesOut);
}

void tst_TcpServerSession::ipv6()
{
    IoThread io;
    TcpServerSession server(io);
    QSignalSpy listeningSpy(&server, &TcpServerSession::listening);
    QSignalSpy connectedSpy(&server, &TcpServerSession::clientConnected);
    QByteArray heard;
    connect(&server, &TcpServerSession::received, this, [&](ConnectionId, const QByteArray &bytes) { heard += bytes; });
    server.listen(streamEndpoint(QStringLiteral("::1"), 0));
    QVERIFY(listeningSpy.wait(5000));
    const auto local = listeningSpy.at(0).at(0).value<SocketAddress>();
    QCOMPARE(local.family(), Family::IPv6);
    QVERIFY(local.port() != 0);

    Clients clients;
    clients.push_back(startClient(QHostAddress::LocalHostIPv6, local.port()));
    identifyClients(connectedSpy, 0, clients);
    if (QTest::currentTestFailed())
        return;
    const auto peer = connectedSpy.at(0).at(1).value<SocketAddress>();
    QCOMPARE(peer.family(), Family::IPv6);
    QCOMPARE(peer.host(), QStringLiteral("::1"));

    const QByteArray up = randomBytes(5000, 31);
    const QByteArray down = randomBytes(7000, 32);
    clients[0]->socket->write(up);
    QTRY_COMPARE(heard.size(), up.size());
    QVERIFY(heard == up);
    server.send(clients[0]->id, down);
    QTRY_COMPARE(clients[0]->received.size(), down.size());
    QVERIFY(clients[0]->received == down);
}

void tst_TcpServerSession::dualStackShowsIPv4ClientsPlainly()
{
    IoThread io;
    TcpServerSession server(io);
    QSignalSpy listening(&server, &TcpServerSession::listening);
    QSignalSpy errors(&server, &TcpServerSession::errorOccurred);
    QSignalSpy connected(&server, &TcpServerSession::clientConnected);
    server.listen(streamEndpoint(QStringLiteral("::"), 0)); // dual stack: IPV6_V6ONLY off, the default
    if (!listening.wait(5000))
        QSKIP("this machine cannot listen on :: (no IPv6)");
    const quint16 port = server.listenAddress().port();
    QCOMPARE(server.effectiveOptions().value(SocketOption::IPv6Only), std::optional<int>(0));
    PlainPeer peer;
    QVERIFY(peer.connectTo(port)); // to 127.0.0.1
    QVERIFY(connected.wait(5000));
    // Not ::ffff:127.0.0.1: an IPv4 client is shown as the IPv4 address it is, and so is our side.
    const auto address = connected.at(0).at(1).value<SocketAddress>();
    QCOMPARE(address.family(), Family::IPv4);
    QCOMPARE(address.toString(), peer.localAddress());
    QCOMPARE(server.client(connected.at(0).at(0).value<ConnectionId>())->local.toString(),
             QStringLiteral("127.0.0.1:%1").arg(port));
    server.stop();
    QTRY_COMPARE(server.state(), SessionState::Idle);

    // IPv6 only: the same IPv4 client is refused.
    ListenOptions v6only;
    v6only.socketOptions.set(SocketOption::IPv6Only, 1);
    listening.clear();
    server.listen(streamEndpoint(QStringLiteral("::"), 0), v6only);
    QVERIFY(listening.wait(5000));
    QCOMPARE(server.effectiveOptions().value(SocketOption::IPv6Only), std::optional<int>(1));
    PlainPeer refused;
    QVERIFY(!refused.connectTo(server.listenAddress().port()));
}

void tst_TcpServerSession::clientClosesFirst_data()
{
    QTest::addColumn<qsizetype>("size");
    QTest::newRow("nothing sent") << qsizetype(0);
    QTest::newRow("one byte") << qsizetype(1);
    QTest::newRow("300 KiB") << qsizetype(300 * 1024);
}

void tst_TcpServerSession::clientClosesFirst()
{
    QFETCH(qsizetype, size);
    const QByteArray payload = randomBytes(size, 41);
    IoThread io;
    TcpServerSession server(io);
    QSignalSpy listeningSpy(&server, &TcpServerSession::listening);
    QSignalSpy connectedSpy(&server, &TcpServerSession::clientConnected);
    QByteArray heard;
    QStringList order;
    qsizetype heardAtPeerClose = -1;
    connect(&server, &TcpServerSession::received, this, [&](ConnectionId, const QByteArray &bytes) { heard += bytes; });
    connect(&server, &TcpServerSession::clientPeerClosed, this, [&](ConnectionId id) {
        order.append(QStringLiteral("peerClosed #%1").arg(id));
        heardAtPeerClose = heard.size();
    });
    connect(&server, &TcpServerSession::clientClosed, this, [&](ConnectionId id, CloseReason reason) {
        order.append(QStringLiteral("closed #%1 %2").arg(id).arg(int(reason)));
    });
    // The tab's option "close when the client finishes sending" (off by default: see halfclose tests).
    ListenOptions options;
    options.connection.closeOnPeerFin = true;
    server.listen(streamEndpoint(QStringLiteral("127.0.0.1"), 0), options);
    QVERIFY(listeningSpy.wait(5000));
    Clients clients;
    clients.push_back(startClient(QHostAddress::LocalHost, server.listenAddress().port()));
    identifyClients(connectedSpy, 0, clients);
    if (QTest::currentTestFailed())
        return;
    const ConnectionId id = clients[0]->id;

    clients[0]->socket->write(payload);
    clients[0]->socket->disconnectFromHost();
    const QStringList expected{QStringLiteral("peerClosed #%1").arg(id),
                               QStringLiteral("closed #%1 %2").arg(id).arg(int(CloseReason::PeerFinished))};
    QTRY_COMPARE_WITH_TIMEOUT(order, expected, 10000);
    QCOMPARE(heardAtPeerClose, payload.size());
    QVERIFY2(heard == payload, "bytes altered, or delivered after the peer's FIN");
    QVERIFY(server.clientIds().isEmpty());
    QVERIFY(!server.client(id).has_value());
    QCOMPARE(clients[0]->socket->state(), QAbstractSocket::UnconnectedState);
}

void tst_TcpServerSession::effectiveOptions_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<QHostAddress>("peerAddress");
    QTest::addColumn<bool>("ipv6");
    QTest::newRow("IPv4") << QStringLiteral("127.0.0.1") << QHostAddress(QHostAddress::LocalHost) << false;
    QTest::newRow("IPv6") << QStringLiteral("::1") << QHostAddress(QHostAddress::LocalHostIPv6) << true;
}

// The listening socket's options, read back once, arrive with Listening; clients still connect and talk.
void tst_TcpServerSession::effectiveOptions()
{
    QFETCH(QString, address);
    QFETCH(QHostAddress, peerAddress);
    QFETCH(bool, ipv6);
    IoThread io;
    TcpServerSession server(io);
    QSignalSpy listeningSpy(&server, &TcpServerSession::listening);
    QSignalSpy connectedSpy(&server, &TcpServerSession::clientConnected);
    QSignalSpy events(&server, &Session::eventOccurred);
    QVERIFY(server.effectiveOptions().isEmpty());
    ListenOptions options;
    options.socketOptions.set(SocketOption::KeepAlive, 1);
    options.socketOptions.set(SocketOption::Ttl, 17); // IPv4 only: skipped on IPv6
    options.connection.socketOptions.set(SocketOption::ReceiveBuffer, 50000);
    server.listen(streamEndpoint(address, 0), options);
    QVERIFY(listeningSpy.wait(5000));

    SocketOptionSet expected{{SocketOption::ReuseAddress, 1}, {SocketOption::NoDelay, 1},
                             {SocketOption::KeepAlive, 1}, {SocketOption::ReceiveBuffer, 100000}};
    if (ipv6)
        expected.set(SocketOption::IPv6Only, 0); // always explicit, dual-stack as Linux's default
    else
        expected.set(SocketOption::Ttl, 17);
    QCOMPARE(server.effectiveOptions(), expected);
    const auto listeningEvent = std::find_if(events.cbegin(), events.cend(), [](const QList<QVariant> &args) {
        return args.at(0).value<SessionEvent>().kind == SessionEvent::Kind::Listening;
    });
    QVERIFY(listeningEvent != events.cend());
    QCOMPARE(listeningEvent->at(0).value<SessionEvent>().options, expected);

    Clients clients;
    clients.push_back(startClient(peerAddress, server.listenAddress().port()));
    identifyClients(connectedSpy, 0, clients);
    if (QTest::currentTestFailed())
        return;
    QByteArray heard;
    connect(&server, &TcpServerSession::received, this, [&](ConnectionId, const QByteArray &bytes) { heard += bytes; });
    clients[0]->socket->write("ping");
    QTRY_COMPARE(heard, QByteArray("ping"));
    for (const QList<QVariant> &args : std::as_const(events)) {
        const SessionEvent event = args.at(0).value<SessionEvent>();
        if (event.kind != SessionEvent::Kind::Listening)
            QVERIFY2(event.options.isEmpty(), "only Listening carries the options");
    }
}

void tst_TcpServerSession::closedConnectionsAreForgotten()
{
    // 10,000 clients connect, send a byte and close, 100 at a time: the session keeps the counters of the
    // last kKeptClosedConnections only, the newest still readable, and the totals stay exact.
    constexpr int kCycles = 10000;
    constexpr int kBatch = 100;
    IoThread io;
    TcpServerSession server(io);
    QSignalSpy listening(&server, &TcpServerSession::listening);
    QSignalSpy closed(&server, &TcpServerSession::clientClosed);
    ListenOptions options;
    options.connection.closeOnPeerFin = true;
    server.listen(streamEndpoint(QStringLiteral("127.0.0.1"), 0), options);
    QVERIFY(listening.wait(5000));
    const quint16 port = server.listenAddress().port();
    for (int done = 0; done < kCycles; done += kBatch) {
        for (int i = 0; i < kBatch; ++i) {
            PlainPeer peer;
            QVERIFY(peer.connectTo(port));
            QVERIFY(peer.sendAll("x"));
            QVERIFY(peer.finishSending());
            // The peer closes now; the server reads the byte and the FIN from the kernel all the same.
        }
        QTRY_COMPARE_WITH_TIMEOUT(closed.size(), done + kBatch, 20000);
        QVERIFY2(server.trackedConnectionCount() <= Session::kKeptClosedConnections,
                 qPrintable(QString::number(server.trackedConnectionCount())));
    }
    QCOMPARE(server.counters().bytesIn, quint64(kCycles));
    QCOMPARE(server.counters().messagesIn, quint64(kCycles));
    QCOMPARE(server.trackedConnectionCount(), Session::kKeptClosedConnections);
    const ConnectionId newest = closed.last().at(0).value<ConnectionId>();
    const ConnectionId oldest = closed.first().at(0).value<ConnectionId>();
    QCOMPARE(server.connectionCounters(newest).bytesIn, quint64(1));
    QCOMPARE(server.connectionCounters(oldest).bytesIn, quint64(0)); // forgotten
}

QTEST_GUILESS_MAIN(tst_TcpServerSession)
#include "tst_tcpserversession.moc"
