// Unix domain sockets through the same sessions as TCP: a server on a path and on an abstract @name, a client
// session and real peers (ncat -U, python3's socket module) round-tripping bytes; peers shown as "(unnamed)"
// with their SO_PEERCRED pid, uid and gid (in the events and in the log's sentence); seqpacket keeping every
// message its own read, a 200 KiB one included; a stale socket file left by a dead server reported (and
// removed when asked), a live one and a plain file refused; the server removing its own file when it stops,
// but not a file another server put there since; a missing path, a refused one and a path too long for
// sun_path said in words; Unix datagrams through the UDP session: bound on a path or @name, from a named,
// an unnamed and an autobound sender, replies, a stale datagram file. Everything in a temporary folder or
// the abstract namespace.
#include "core/codec/eventdescription.h"
#include "core/io/iothread.h"
#include "core/session/tcpclientsession.h"
#include "core/session/tcpserversession.h"
#include "core/session/udpsession.h"
#include "support/pythonhttp.h"
#include "support/testpeers.h"
#include "support/translations.h"

#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>

using namespace core;

Q_DECLARE_METATYPE(core::SocketType)

namespace {

Endpoint unixEndpoint(const QString &path, SocketType type = SocketType::Stream)
{
    return parseUnixEndpoint(path, type).value.value_or(Endpoint{});
}

// A socket file nobody listens on, as a server that was killed leaves it.
bool leaveStaleSocket(const QString &path)
{
    const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    const QByteArray bytes = QFile::encodeName(path);
    std::memcpy(address.sun_path, bytes.constData(), size_t(bytes.size()));
    const bool bound = ::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof(address)) == 0;
    ::close(fd); // no unlink: the file stays, nothing listens
    return bound;
}

QString uniqueAbstractName()
{
    return QStringLiteral("@sockscope-test-%1-%2").arg(::getpid()).arg(QRandomGenerator::global()->generate());
}

struct Server
{
    IoThread io;
    TcpServerSession session{io};
    QSignalSpy listening{&session, &TcpServerSession::listening};
    QSignalSpy errors{&session, &TcpServerSession::errorOccurred};
    QSignalSpy events{&session, &Session::eventOccurred};

    // Whether it listens (else errors say why).
    bool listen(const Endpoint &endpoint, bool removeStale = false)
    {
        ListenOptions options;
        options.removeStaleSocketFile = removeStale;
        session.listen(endpoint, options);
        return QTest::qWaitFor([&] { return !listening.isEmpty() || !errors.isEmpty(); }, 5000) &&
               !listening.isEmpty();
    }
    SocketError firstError() const
    {
        return errors.isEmpty() ? SocketError{} : errors.at(0).at(1).value<SocketError>();
    }
    std::optional<SessionEvent> firstEvent(SessionEvent::Kind kind) const
    {
        for (const QList<QVariant> &args : events)
            if (const auto event = args.at(0).value<SessionEvent>(); event.kind == kind)
                return event;
        return std::nullopt;
    }
    QByteArray receivedFrom(ConnectionId client) const
    {
        QByteArray all;
        for (const CapturedChunk &chunk : session.capture()->chunksSince(0, 100000))
            if (chunk.connection == client && chunk.direction == Direction::Received)
                all += chunk.bytes;
        return all;
    }
};

} // namespace

class tst_UnixSockets : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { qRegisterMetaType<SessionEvent>(); }
    void clientAndServerOnAPath_data();
    void clientAndServerOnAPath();
    void realPeersOnAPath();
    void seqpacketKeepsEveryMessage();
    void staleSocketFile();
    void pathTakenOrNotASocket();
    void stopLeavesAnotherServersFile();
    void connectErrorsInWords();
    void datagramsOnAPath();
    void datagramSenderWithoutAName();

private:
    QTemporaryDir m_dir;
};

void tst_UnixSockets::clientAndServerOnAPath_data()
{
    QTest::addColumn<bool>("abstract");
    QTest::addColumn<SocketType>("type");
    QTest::newRow("path, stream") << false << SocketType::Stream;
    QTest::newRow("@name, stream") << true << SocketType::Stream;
    QTest::newRow("path, seqpacket") << false << SocketType::SeqPacket;
    QTest::newRow("@name, seqpacket") << true << SocketType::SeqPacket;
}

void tst_UnixSockets::clientAndServerOnAPath()
{
    QFETCH(bool, abstract);
    QFETCH(SocketType, type);
    const QString where = abstract ? uniqueAbstractName() : m_dir.filePath(QStringLiteral("s.sock"));
    Server server;
    QVERIFY(server.listen(unixEndpoint(where, type)));
    QCOMPARE(server.session.listenAddress().toString(), where);
    QCOMPARE(QFile::exists(where), !abstract);

    TcpClientSession client(server.io);
    QSignalSpy connected(&client, &TcpClientSession::connected);
    QSignalSpy clientEvents(&client, &Session::eventOccurred);
    TcpClientSession::Options options;
    options.type = type;
    client.connectToHost(where, 0, options);
    QVERIFY(connected.wait(5000));
    QCOMPARE(client.peerAddress().toString(), where);
    QCOMPARE(client.localAddress().toString(), QStringLiteral("(unnamed)"));
    QTRY_COMPARE(server.session.clientIds().size(), 1);
    const ConnectionId id = server.session.clientIds().first();

    // Both ends see who the other process is: here, this one.
    const auto accepted = server.firstEvent(SessionEvent::Kind::Accepted);
    QVERIFY(accepted && accepted->credentials);
    QCOMPARE(accepted->peer.toString(), QStringLiteral("(unnamed)"));
    QCOMPARE(accepted->credentials->pid, qint64(::getpid()));
    QCOMPARE(accepted->credentials->uid, quint32(::getuid()));
    QCOMPARE(accepted->credentials->gid, quint32(::getgid()));
    const QString sentence = describeEvent(*accepted).text;
    QVERIFY2(sentence.endsWith(QStringLiteral("from (unnamed) (pid %1, uid %2, gid %3)")
                                   .arg(::getpid()).arg(::getuid()).arg(::getgid())),
             qPrintable(sentence));
    std::optional<SessionEvent> clientSide;
    for (const QList<QVariant> &args : clientEvents)
        if (const auto event = args.at(0).value<SessionEvent>(); event.kind == SessionEvent::Kind::Connected)
            clientSide = event;
    QVERIFY(clientSide && clientSide->credentials);
    QCOMPARE(clientSide->credentials->pid, qint64(::getpid()));

    const QByteArray request = testsupport::randomBytes(100 * 1024, 7);
    client.send(request);
    QTRY_COMPARE(server.receivedFrom(id).size(), request.size());
    QCOMPARE(server.receivedFrom(id), request);
    if (type == SocketType::SeqPacket) {
        // Each send is one message at the other end, however fast they follow each other.
        client.send("a");
        client.send("bc");
        QTRY_COMPARE(server.receivedFrom(id).size(), request.size() + 3);
        const std::vector<CapturedChunk> chunks = server.session.capture()->chunksSince(0, 100);
        QCOMPARE(chunks.at(chunks.size() - 2).bytes, QByteArray("a"));
        QCOMPARE(chunks.back().bytes, QByteArray("bc"));
    }
    QSignalSpy received(&client, &TcpClientSession::received);
    server.session.send(id, "answer");
    QVERIFY(received.wait(5000));
    QCOMPARE(received.at(0).at(0).toByteArray(), QByteArray("answer"));

    // Stopping removes the server's own socket file.
    QSignalSpy stopped(&server.session, &TcpServerSession::stopped);
    server.session.stop();
    QVERIFY(stopped.wait(5000));
    QVERIFY(!QFile::exists(where));
}

void tst_UnixSockets::realPeersOnAPath()
{
    const QString path = m_dir.filePath(QStringLiteral("peers.sock"));
    Server server;
    QVERIFY(server.listen(unixEndpoint(path)));
    QSignalSpy clients(&server.session, &TcpServerSession::clientConnected);

    // ncat -U: sends a line and half-closes (--send-only), as a shell user would.
    const QString ncat = QStandardPaths::findExecutable(QStringLiteral("ncat"));
    if (!ncat.isEmpty()) {
        QProcess process;
        process.start(ncat, {QStringLiteral("-U"), QStringLiteral("--send-only"), path});
        QVERIFY(process.waitForStarted(5000));
        process.write("from ncat\n");
        process.closeWriteChannel();
        QTRY_COMPARE(clients.size(), 1);
        const ConnectionId id = clients.at(0).at(0).value<ConnectionId>();
        QTRY_COMPARE(server.receivedFrom(id), QByteArray("from ncat\n"));
        QTRY_COMPARE(int(process.state()), int(QProcess::NotRunning));
    }
    // python3's socket module: sends, then reads our answer until we close.
    const QString python = testsupport::python3();
    if (python.isEmpty())
        QSKIP("python3 is not installed (packaging/install-deps.sh installs it)");
    QProcess process;
    process.start(python, {QStringLiteral("-c"),
                           QStringLiteral("import socket,sys\n"
                                          "s=socket.socket(socket.AF_UNIX)\n"
                                          "s.connect(sys.argv[1])\n"
                                          "s.sendall(b'from python')\n"
                                          "data=b''\n"
                                          "while True:\n"
                                          "    b=s.recv(4096)\n"
                                          "    if not b: break\n"
                                          "    data+=b\n"
                                          "sys.stdout.buffer.write(data)\n"),
                           path});
    QVERIFY(process.waitForStarted(5000));
    QTRY_COMPARE(clients.size(), ncat.isEmpty() ? 1 : 2);
    const ConnectionId id = clients.last().at(0).value<ConnectionId>();
    QTRY_COMPARE(server.receivedFrom(id), QByteArray("from python"));
    server.session.send(id, "to python");
    server.session.disconnectClient(id);
    QTRY_COMPARE(int(process.state()), int(QProcess::NotRunning));
    QCOMPARE(process.readAllStandardOutput(), QByteArray("to python"));
}

void tst_UnixSockets::seqpacketKeepsEveryMessage()
{
    const QString path = m_dir.filePath(QStringLiteral("seq.sock"));
    Server server;
    QVERIFY(server.listen(unixEndpoint(path, SocketType::SeqPacket)));
    // A plain seqpacket peer sends three messages at once: one byte, 200 KiB (over our 64 KiB read), "end".
    const int peer = ::socket(AF_UNIX, SOCK_SEQPACKET, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::memcpy(address.sun_path, QFile::encodeName(path).constData(), size_t(QFile::encodeName(path).size()));
    int buffer = 1024 * 1024;
    ::setsockopt(peer, SOL_SOCKET, SO_SNDBUF, &buffer, sizeof(buffer));
    QCOMPARE(::connect(peer, reinterpret_cast<sockaddr *>(&address), sizeof(address)), 0);
    const QByteArray large = testsupport::randomBytes(200 * 1024, 11);
    QCOMPARE(::send(peer, "1", 1, 0), ssize_t(1));
    QCOMPARE(::send(peer, large.constData(), size_t(large.size()), 0), ssize_t(large.size()));
    QCOMPARE(::send(peer, "end", 3, 0), ssize_t(3));
    QTRY_COMPARE(server.session.clientIds().size(), 1);
    QTRY_COMPARE(server.receivedFrom(server.session.clientIds().first()).size(), 1 + large.size() + 3);
    // One captured chunk per message, each whole.
    QList<QByteArray> messages;
    for (const CapturedChunk &chunk : server.session.capture()->chunksSince(0, 100))
        if (chunk.direction == Direction::Received)
            messages << chunk.bytes;
    QCOMPARE(messages, (QList<QByteArray>{"1", large, "end"}));
    ::close(peer);
}

void tst_UnixSockets::staleSocketFile()
{
    const QString path = m_dir.filePath(QStringLiteral("stale.sock"));
    QVERIFY(leaveStaleSocket(path));
    {
        Server server;
        QVERIFY(!server.listen(unixEndpoint(path)));
        const SocketError error = server.firstError();
        QCOMPARE(error.kind, SocketError::Kind::StaleUnixSocket);
        QCOMPARE(error.message, QStringLiteral("%1 is a socket file left over from a server that is no longer "
                                               "running (connecting to it is refused): remove it to listen "
                                               "there.").arg(path));
        QVERIFY(QFile::exists(path)); // nothing removed unasked
    }
    // A client meets the same file: it says so too.
    {
        IoThread io;
        TcpClientSession client(io);
        QSignalSpy errors(&client, &TcpClientSession::errorOccurred);
        client.connectToHost(path, 0);
        QVERIFY(errors.wait(5000));
        QCOMPARE(errors.at(0).at(0).value<SocketError>().message,
                 QStringLiteral("Nothing is listening on %1: the socket file is left over from a server that is no "
                                "longer running.").arg(path));
    }
    Server server;
    QVERIFY(server.listen(unixEndpoint(path), true)); // asked to: the stale file goes
    QCOMPARE(server.session.listenAddress().toString(), path);
}

void tst_UnixSockets::pathTakenOrNotASocket()
{
    const QString path = m_dir.filePath(QStringLiteral("taken.sock"));
    Server first;
    QVERIFY(first.listen(unixEndpoint(path)));
    Server second;
    QVERIFY(!second.listen(unixEndpoint(path)));
    QCOMPARE(second.firstError().message,
             QStringLiteral("A server is already listening on %1 — stop it or pick another path.").arg(path));
    QCOMPARE(second.firstError().kind, SocketError::Kind::Os);
    Server third;
    QVERIFY(!third.listen(unixEndpoint(path), true)); // removing stale files never takes a live server's path

    const QString file = m_dir.filePath(QStringLiteral("plain.txt"));
    QFile plain(file);
    QVERIFY(plain.open(QIODevice::WriteOnly));
    plain.close();
    Server fourth;
    QVERIFY(!fourth.listen(unixEndpoint(file), true));
    QCOMPARE(fourth.firstError().message,
             QStringLiteral("%1 already exists and is not a socket: pick another path.").arg(file));
    QVERIFY(QFile::exists(file));
}

void tst_UnixSockets::stopLeavesAnotherServersFile()
{
    const QString path = m_dir.filePath(QStringLiteral("moved.sock"));
    Server server;
    QVERIFY(server.listen(unixEndpoint(path)));
    // Someone removes our file and another program binds the same path meanwhile.
    QVERIFY(QFile::remove(path));
    QVERIFY(leaveStaleSocket(path));
    QSignalSpy stopped(&server.session, &TcpServerSession::stopped);
    server.session.stop();
    QVERIFY(stopped.wait(5000));
    QVERIFY(QFile::exists(path)); // not ours any more: left alone
}

void tst_UnixSockets::connectErrorsInWords()
{
    IoThread io;
    TcpClientSession client(io);
    QSignalSpy errors(&client, &TcpClientSession::errorOccurred);
    const QString missing = m_dir.filePath(QStringLiteral("nobody.sock"));
    client.connectToHost(missing, 0);
    QVERIFY(errors.wait(5000));
    QCOMPARE(errors.at(0).at(0).value<SocketError>().message,
             QStringLiteral("No socket at %1: the file does not exist — is the server running, and is the path "
                            "right?").arg(missing));
    errors.clear();
    const QString name = uniqueAbstractName();
    client.connectToHost(name, 0);
    QVERIFY(errors.wait(5000));
    QCOMPARE(errors.at(0).at(0).value<SocketError>().message,
             QStringLiteral("Nothing is listening on %1 — is the server running?").arg(name));
    errors.clear();
    // Too long for sun_path: refused at once, before any socket is made.
    client.connectToHost(QStringLiteral("/tmp/") + QString(120, QLatin1Char('x')), 0);
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors.at(0).at(0).value<SocketError>().message,
             QStringLiteral("The Unix socket path is 125 bytes long; the limit is 107 bytes: pick a shorter one."));
    QCOMPARE(client.state(), SessionState::Idle);
    // A seqpacket client at a stream server: the kernel's EPROTOTYPE, in words.
    const QString path = m_dir.filePath(QStringLiteral("typed.sock"));
    Server server;
    QVERIFY(server.listen(unixEndpoint(path)));
    errors.clear();
    TcpClientSession::Options seqpacket;
    seqpacket.type = SocketType::SeqPacket;
    client.connectToHost(path, 0, seqpacket);
    QVERIFY(errors.wait(5000));
    QCOMPARE(errors.at(0).at(0).value<SocketError>().message,
             QStringLiteral("%1 is a socket of another type: pick stream or seqpacket as the server uses.").arg(path));
}

namespace {

// A plain Unix datagram socket, bound to `path` (or unbound when empty).
struct DatagramPeer
{
    int fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    explicit DatagramPeer(const QString &path = {})
    {
        if (!path.isEmpty()) {
            const sockaddr_un address = addressOf(path);
            ::bind(fd, reinterpret_cast<const sockaddr *>(&address), sizeof(address));
        }
    }
    ~DatagramPeer() { ::close(fd); }
    static sockaddr_un addressOf(const QString &path)
    {
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        const QByteArray bytes = QFile::encodeName(path);
        std::memcpy(address.sun_path, bytes.constData(), size_t(bytes.size()));
        return address;
    }
    bool sendTo(const QString &path, const QByteArray &bytes) const
    {
        const sockaddr_un address = addressOf(path);
        return ::sendto(fd, bytes.constData(), size_t(bytes.size()), 0, reinterpret_cast<const sockaddr *>(&address),
                        sizeof(address)) == ssize_t(bytes.size());
    }
    // The next datagram and its sender's name ("@…" for an abstract one), waiting up to 5 s.
    QByteArray receive(QString *from = nullptr) const
    {
        char buffer[4096];
        sockaddr_un sender{};
        socklen_t length = sizeof(sender);
        if (!QTest::qWaitFor([&] {
                return ::recvfrom(fd, buffer, sizeof(buffer), MSG_PEEK | MSG_DONTWAIT, nullptr, nullptr) >= 0;
            }, 5000))
            return {};
        const ssize_t got = ::recvfrom(fd, buffer, sizeof(buffer), 0, reinterpret_cast<sockaddr *>(&sender), &length);
        if (from)
            *from = SocketAddress::fromSockaddr(reinterpret_cast<const sockaddr *>(&sender), length).toString();
        return QByteArray(buffer, got > 0 ? got : 0);
    }
};

} // namespace

void tst_UnixSockets::datagramsOnAPath()
{
    const QString path = m_dir.filePath(QStringLiteral("d.sock"));
    const QString peerPath = m_dir.filePath(QStringLiteral("peer.sock"));
    IoThread io;
    UdpSession session(io);
    QSignalSpy bound(&session, &UdpSession::bound);
    session.bind(parseUnixEndpoint(path, SocketType::Datagram).value.value());
    QVERIFY(bound.wait(5000));
    QCOMPARE(session.localAddress().toString(), path);
    DatagramPeer peer(peerPath);
    QSignalSpy received(&session, &UdpSession::datagramReceived);
    QVERIFY(peer.sendTo(path, "reading=21.5"));
    QVERIFY(received.wait(5000));
    QCOMPARE(received.at(0).at(0).toByteArray(), QByteArray("reading=21.5"));
    QCOMPARE(received.at(0).at(1).value<SocketAddress>().toString(), peerPath);
    session.replyToLastSender("ack");
    QString from;
    QCOMPARE(peer.receive(&from), QByteArray("ack"));
    QCOMPARE(from, path);
    // Sending by path text, as the tab does (the port means nothing here).
    session.sendTo(peerPath, 0, "by path");
    QCOMPARE(peer.receive(), QByteArray("by path"));
    // A Unix datagram may be far larger than a UDP one: 200 KiB arrives whole, not cut at our 64 KiB read.
    int sendBuffer = 1024 * 1024;
    ::setsockopt(peer.fd, SOL_SOCKET, SO_SNDBUF, &sendBuffer, sizeof(sendBuffer));
    const QByteArray large = testsupport::randomBytes(200 * 1024, 21);
    received.clear();
    QVERIFY(peer.sendTo(path, large));
    QVERIFY(received.wait(5000));
    QCOMPARE(received.at(0).at(0).toByteArray().size(), large.size());
    QCOMPARE(received.at(0).at(0).toByteArray(), large);

    // Unbinding removes the file; a stale one is said, and removed when asked.
    QSignalSpy unbound(&session, &UdpSession::unbound);
    session.unbind();
    QTRY_VERIFY(!unbound.isEmpty());
    QTRY_VERIFY(!QFile::exists(path)); // removed on the loop thread as the socket closes
    {
        const DatagramPeer dead(path); // bound, then closed: its file stays
    }
    QSignalSpy errors(&session, &UdpSession::errorOccurred);
    session.bind(parseUnixEndpoint(path, SocketType::Datagram).value.value());
    QVERIFY(errors.wait(5000));
    QCOMPARE(errors.at(0).at(0).value<SocketError>().kind, SocketError::Kind::StaleUnixSocket);
    UdpOptions options;
    options.removeStaleSocketFile = true;
    bound.clear();
    session.bind(parseUnixEndpoint(path, SocketType::Datagram).value.value(), options);
    QVERIFY(bound.wait(5000));
}

void tst_UnixSockets::datagramSenderWithoutAName()
{
    const QString path = m_dir.filePath(QStringLiteral("anon.sock"));
    IoThread io;
    UdpSession session(io);
    QSignalSpy bound(&session, &UdpSession::bound);
    session.bind(parseUnixEndpoint(path, SocketType::Datagram).value.value());
    QVERIFY(bound.wait(5000));
    // An unbound peer: its datagrams come from "(unnamed)", and a reply cannot reach it — said at once.
    DatagramPeer anonymous;
    QSignalSpy received(&session, &UdpSession::datagramReceived);
    QVERIFY(anonymous.sendTo(path, "who am I"));
    QVERIFY(received.wait(5000));
    QCOMPARE(received.at(0).at(1).value<SocketAddress>().toString(), QStringLiteral("(unnamed)"));
    QSignalSpy errors(&session, &UdpSession::errorOccurred);
    session.replyToLastSender("hello?");
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors.at(0).at(0).value<SocketError>().message,
             QStringLiteral("Not sent: the sender is an unnamed Unix socket (it never bound a path or @name), so "
                            "nothing can reach it."));

    // An unbound session sending to a Unix path binds itself to a name the kernel picks, so answers come back.
    const QString peerPath = m_dir.filePath(QStringLiteral("named.sock"));
    DatagramPeer named(peerPath);
    UdpSession sender(io);
    QSignalSpy senderBound(&sender, &UdpSession::bound);
    QSignalSpy senderReceived(&sender, &UdpSession::datagramReceived);
    sender.sendTo(peerPath, 0, "ping");
    QVERIFY(senderBound.wait(5000));
    QString from;
    QCOMPARE(named.receive(&from), QByteArray("ping"));
    QVERIFY2(from.startsWith(QLatin1Char('@')), qPrintable(from)); // Linux autobind: an abstract name
    QCOMPARE(sender.localAddress().toString(), from);
    const sockaddr_un back = [&] {
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        const QByteArray name = from.mid(1).toUtf8();
        std::memcpy(address.sun_path + 1, name.constData(), size_t(name.size()));
        return address;
    }();
    const socklen_t backLength = socklen_t(offsetof(sockaddr_un, sun_path) + 1 + size_t(from.size() - 1));
    QCOMPARE(::sendto(named.fd, "pong", 4, 0, reinterpret_cast<const sockaddr *>(&back), backLength), ssize_t(4));
    QVERIFY(senderReceived.wait(5000));
    QCOMPARE(senderReceived.at(0).at(0).toByteArray(), QByteArray("pong"));
}

QTEST_GUILESS_MAIN(tst_UnixSockets)
#include "tst_unixsockets.moc"
