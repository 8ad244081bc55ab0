// StreamConnection on its own and through the sessions: a socket the loop cannot watch ends with an error
// sentence and a Closed, never silently; a seqpacket socket's messages stay apart all the way to the
// owner while a byte stream's merge; a StreamConsumer gets the received bytes on the loop thread and can
// answer from there (echo), on the server and on the client.
#include "core/io/iothread.h"
#include "support/onloop.h"
#include "core/session/streamconnection.h"
#include "core/session/tcpclientsession.h"
#include "core/session/tcpserversession.h"
#include "support/testpeers.h"
#include "support/translations.h"

#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryFile>
#include <QTest>

#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <future>
#include <mutex>
#include <thread>

using namespace core;
using testsupport::onLoop;
using namespace std::chrono_literals;

Q_DECLARE_METATYPE(core::SocketType)

namespace {

// A connection's sink, and everything it reported so far (taken from its queue as the test polls).
struct SinkProbe
{
    SessionSink sink{std::make_shared<EventQueue>(), std::make_shared<CaptureStore>()};
    std::vector<SessionEvent> events;

    const std::vector<SessionEvent> &poll()
    {
        EventQueue::Batch batch = sink.events->takeAll();
        for (SessionEvent &event : batch.events)
            events.push_back(std::move(event));
        return events;
    }
    bool has(SessionEvent::Kind kind)
    {
        poll();
        return std::any_of(events.cbegin(), events.cend(), [kind](const SessionEvent &e) { return e.kind == kind; });
    }
    QByteArray receivedBytes()
    {
        QByteArray all;
        for (const SessionEvent &event : poll())
            if (event.kind == SessionEvent::Kind::Received)
                all += event.data;
        return all;
    }
};

// Echoes what it receives, from the loop thread, and notes where it ran and how it ended.
struct EchoRecord
{
    std::mutex mutex;
    std::thread::id thread;
    bool offLoop = false;
    QList<ConnectionId> closed;
};

class EchoConsumer : public StreamConsumer
{
public:
    EchoConsumer(std::shared_ptr<EchoRecord> record, QByteArray prefix)
        : m_record(std::move(record)), m_prefix(std::move(prefix)) {}
    void received(StreamConnection &connection, const QByteArray &bytes) override
    {
        {
            std::lock_guard lock(m_record->mutex);
            m_record->thread = std::this_thread::get_id();
        }
        connection.send(m_prefix + bytes);
    }
    void closed(ConnectionId id) override
    {
        std::lock_guard lock(m_record->mutex);
        m_record->closed.append(id);
    }

private:
    std::shared_ptr<EchoRecord> m_record;
    QByteArray m_prefix;
};

StreamConsumerFactory echoFactory(const std::shared_ptr<EchoRecord> &record, const QByteArray &prefix = {})
{
    return [record, prefix](ConnectionId) { return std::make_shared<EchoConsumer>(record, prefix); };
}

} // namespace

class tst_StreamConnection : public QObject
{
    Q_OBJECT

private slots:
    void unwatchableSocketClosesWithASentence();
    void messageBoundaries_data();
    void messageBoundaries();
    void serverConsumerEchoesOnTheLoopThread();
    void clientConsumerAnswersOnTheLoopThread();
    void consumerFactoryOutlivesAListen();
    void consumerThatClosesItsConnectionOutlivesTheCall();
};

void tst_StreamConnection::unwatchableSocketClosesWithASentence()
{
    // epoll refuses a regular file (EPERM): the connection must say so and close, not wait forever.
    QTemporaryFile file;
    QVERIFY(file.open());
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("^epoll_ctl\\(ADD\\) failed")));
    IoThread io;
    SinkProbe probe;
    const SocketAddress peer = SocketAddress::fromNumericHost(QStringLiteral("127.0.0.1"), 9).value();
    std::shared_ptr<StreamConnection> connection;
    ConnectionId closedId = 0;
    onLoop(io, [&] {
        connection = std::make_shared<StreamConnection>(io.loop(), UniqueFd(::dup(int(file.handle()))),
                                                        SocketType::Stream, 41, SocketAddress(), peer, probe.sink,
                                                        ConnectionOptions{});
        connection->setCloseHandler([&](ConnectionId id) { closedId = id; });
        connection->start();
    });
    QTRY_VERIFY(probe.has(SessionEvent::Kind::Closed));
    QCOMPARE(probe.events.size(), size_t(2));
    const SessionEvent &error = probe.events[0];
    QCOMPARE(error.kind, SessionEvent::Kind::Error);
    QCOMPARE(error.connection, ConnectionId(41));
    QCOMPARE(error.error.kind, SocketError::Kind::Os);
    QCOMPARE(error.error.code, EPERM);
    QCOMPARE(error.error.message, QStringLiteral("Could not watch the connection to 127.0.0.1:9 for network events "
                                                 "(Operation not permitted), so it was closed."));
    QCOMPARE(probe.events[1].reason, CloseReason::Error);
    onLoop(io, [&] {
        QVERIFY(connection->isClosed());
        QCOMPARE(closedId, ConnectionId(41));
        connection.reset();
    });
}

void tst_StreamConnection::messageBoundaries_data()
{
    QTest::addColumn<SocketType>("type");
    QTest::addColumn<int>("expectedEvents");
    // Three sends before anything is read: a seqpacket socket returns them one by one and the owner sees
    // three messages; a byte stream returns whatever is there, and the owner sees one run of bytes.
    QTest::newRow("seqpacket") << SocketType::SeqPacket << 3;
    QTest::newRow("stream") << SocketType::Stream << 1;
}

void tst_StreamConnection::messageBoundaries()
{
    QFETCH(SocketType, type);
    QFETCH(int, expectedEvents);
    int pair[2];
    QCOMPARE(::socketpair(AF_UNIX, (type == SocketType::SeqPacket ? SOCK_SEQPACKET : SOCK_STREAM) | SOCK_NONBLOCK
                                       | SOCK_CLOEXEC, 0, pair), 0);
    UniqueFd ours(pair[0]);
    UniqueFd theirs(pair[1]);
    const QList<QByteArray> messages{"one", "two", "three"};
    for (const QByteArray &message : messages)
        QCOMPARE(::send(theirs.get(), message.constData(), size_t(message.size()), 0), ssize_t(message.size()));

    IoThread io;
    SinkProbe probe;
    const SocketAddress peer = SocketAddress::fromUnixPath(QStringLiteral("@sockscope-pair")).value();
    std::shared_ptr<StreamConnection> connection;
    onLoop(io, [&] {
        connection = std::make_shared<StreamConnection>(io.loop(), std::move(ours), type, 7, SocketAddress(), peer,
                                                        probe.sink, ConnectionOptions{});
        connection->start();
    });
    QTRY_COMPARE(probe.receivedBytes(), QByteArray("onetwothree"));
    QList<QByteArray> received;
    for (const SessionEvent &event : probe.events)
        received.append(event.data);
    QCOMPARE(received.size(), expectedEvents);
    if (type == SocketType::SeqPacket)
        QCOMPARE(received, messages);
    QCOMPARE(probe.sink.capture->chunksSince(0, 100).size(), size_t(expectedEvents));
    onLoop(io, [&] { connection.reset(); });
}

void tst_StreamConnection::serverConsumerEchoesOnTheLoopThread()
{
    IoThread io;
    TcpServerSession server(io);
    auto record = std::make_shared<EchoRecord>();
    server.setConsumerFactory(echoFactory(record));
    QSignalSpy listening(&server, &TcpServerSession::listening);
    QSignalSpy closed(&server, &TcpServerSession::clientClosed);
    ListenOptions options;
    options.connection.closeOnPeerFin = true; // the peer's FIN ends it, so the consumer hears the close
    server.listen(testsupport::streamEndpoint(QStringLiteral("127.0.0.1"), 0), options);
    QVERIFY(listening.wait(5000));

    QTcpSocket peer;
    peer.connectToHost(QHostAddress::LocalHost, server.listenAddress().port());
    QVERIFY(peer.waitForConnected(5000));
    const QByteArray payload = testsupport::randomBytes(1024 * 1024, 1207);
    peer.write(payload);
    QByteArray echoed;
    QTRY_VERIFY_WITH_TIMEOUT((echoed += peer.readAll()).size() >= payload.size(), 20000);
    QCOMPARE(echoed.size(), payload.size());
    QVERIFY(echoed == payload);
    {
        std::lock_guard lock(record->mutex);
        QVERIFY(record->thread != std::thread::id{});
        QVERIFY(record->thread != std::this_thread::get_id());
    }
    // The session saw both directions, exactly: the echo went through the connection's own send path.
    QTRY_COMPARE(server.counters().bytesIn, quint64(payload.size()));
    QTRY_COMPARE(server.counters().bytesOut, quint64(payload.size()));

    peer.disconnectFromHost();
    QVERIFY(closed.wait(5000));
    const ConnectionId id = closed.at(0).at(0).value<ConnectionId>();
    std::lock_guard lock(record->mutex);
    QCOMPARE(record->closed, QList<ConnectionId>{id});
}

void tst_StreamConnection::clientConsumerAnswersOnTheLoopThread()
{
    QTcpServer listener;
    QVERIFY(listener.listen(QHostAddress::LocalHost, 0));
    IoThread io;
    TcpClientSession client(io);
    auto record = std::make_shared<EchoRecord>();
    client.setConsumerFactory(echoFactory(record, "pong:"));
    QSignalSpy connected(&client, &TcpClientSession::connected);
    client.connectToHost(QStringLiteral("127.0.0.1"), listener.serverPort());
    QVERIFY(listener.waitForNewConnection(5000));
    std::unique_ptr<QTcpSocket> peer(listener.nextPendingConnection());
    QVERIFY(connected.wait(5000));
    peer->write("ping");
    QByteArray answer;
    QTRY_COMPARE(answer += peer->readAll(), QByteArray("pong:ping"));
    std::lock_guard lock(record->mutex);
    QVERIFY(record->thread != std::this_thread::get_id());
}

void tst_StreamConnection::consumerFactoryOutlivesAListen()
{
    // Set once, the factory serves the next server too (a tab that stops and listens again).
    IoThread io;
    TcpServerSession server(io);
    auto record = std::make_shared<EchoRecord>();
    server.setConsumerFactory(echoFactory(record, ">"));
    QSignalSpy listening(&server, &TcpServerSession::listening);
    QSignalSpy stopped(&server, &TcpServerSession::stopped);
    for (int round = 0; round < 2; ++round) {
        server.listen(testsupport::streamEndpoint(QStringLiteral("127.0.0.1"), 0));
        QVERIFY(listening.wait(5000));
        QTcpSocket peer;
        peer.connectToHost(QHostAddress::LocalHost, server.listenAddress().port());
        QVERIFY(peer.waitForConnected(5000));
        peer.write("hi");
        QByteArray answer;
        QTRY_COMPARE(answer += peer.readAll(), QByteArray(">hi"));
        server.stop();
        QVERIFY(stopped.wait(5000));
    }
    // An empty factory turns it off for what comes next.
    server.setConsumerFactory({});
    server.listen(testsupport::streamEndpoint(QStringLiteral("127.0.0.1"), 0));
    QVERIFY(listening.wait(5000));
    QTcpSocket peer;
    peer.connectToHost(QHostAddress::LocalHost, server.listenAddress().port());
    QVERIFY(peer.waitForConnected(5000));
    QSignalSpy received(&server, &TcpServerSession::received);
    peer.write("quiet");
    QVERIFY(received.wait(5000));
    // With a consumer the answer would be in the socket before `received` reached us: it was sent from the
    // loop thread in the same turn that read "quiet".
    QVERIFY(!peer.waitForReadyRead(100));
    QCOMPARE(peer.bytesAvailable(), qint64(0));
}

// A consumer's send can fail and close the connection, or it can close it itself: the close lets go of the
// consumer, which must still be alive until its received() returns (ASan would also see the use after free).
void tst_StreamConnection::consumerThatClosesItsConnectionOutlivesTheCall()
{
    struct Record
    {
        std::atomic<bool> destroyed{false};
        std::atomic<bool> destroyedInside{false};
        std::atomic<int> calls{0};
    };
    struct Aborting : StreamConsumer
    {
        std::shared_ptr<Record> record;
        bool inside = false;
        explicit Aborting(std::shared_ptr<Record> r) : record(std::move(r)) {}
        ~Aborting() override
        {
            record->destroyedInside = inside;
            record->destroyed = true;
        }
        void received(StreamConnection &connection, const QByteArray &) override
        {
            inside = true;
            connection.abort();
            ++record->calls; // a member of this consumer, after the close
            inside = false;
        }
    };
    auto record = std::make_shared<Record>();
    IoThread io;
    TcpServerSession server(io);
    server.setConsumerFactory([record](ConnectionId) { return std::make_shared<Aborting>(record); });
    QSignalSpy listening(&server, &TcpServerSession::listening);
    QSignalSpy closed(&server, &TcpServerSession::clientClosed);
    server.listen(testsupport::streamEndpoint(QStringLiteral("127.0.0.1"), 0));
    QVERIFY(listening.wait(5000));
    QTcpSocket peer;
    peer.connectToHost(QHostAddress::LocalHost, server.listenAddress().port());
    QVERIFY(peer.waitForConnected(5000));
    peer.write("x");
    QVERIFY(closed.wait(5000));
    QCOMPARE(closed.at(0).at(1).value<CloseReason>(), CloseReason::Aborted);
    QTRY_VERIFY(record->destroyed.load());
    QVERIFY2(!record->destroyedInside.load(), "the consumer was destroyed inside its own received()");
    QCOMPARE(record->calls.load(), 1);
}

QTEST_GUILESS_MAIN(tst_StreamConnection)
#include "tst_streamconnection.moc"
