#include "core/session/tcpclientengine.h"

#include <QCoreApplication>

namespace core {

TcpClientEngine::TcpClientEngine(std::shared_ptr<EventLoop> loop, SessionSink sink, ConnectionId id,
                                 ConnectionOptions options, std::chrono::milliseconds connectTimeout,
                                 SocketType type, Family family)
    : m_loop(std::move(loop))
    , m_sink(std::move(sink))
    , m_id(id)
    , m_type(type)
    , m_family(family)
    , m_options(options)
    , m_connectTimeout(connectTimeout)
{
}

void TcpClientEngine::start(const QString &host, quint16 port, std::shared_ptr<const Resolver> resolver)
{
    m_loop->assertInLoopThread("TcpClientEngine::start");
    m_host = host;
    if (auto numeric = resolveNumeric(host, port)) {
        onResolved(*numeric);
        return;
    }
    SessionEvent resolving = SessionSink::make(SessionEvent::Kind::Resolving, m_id);
    resolving.detail = host;
    m_sink.post(std::move(resolving));
    std::weak_ptr<TcpClientEngine> weak = weak_from_this();
    resolveAsync(std::move(resolver), host, port, [weak, loop = m_loop](Resolution resolution) {
        loop->queueInLoop([weak, resolution = std::move(resolution)] {
            if (auto self = weak.lock())
                self->onResolved(resolution);
        });
    });
}

void TcpClientEngine::onResolved(const Resolution &resolution)
{
    if (m_finished)
        return;
    if (resolution.error.isError()) {
        m_sink.postError(m_id, resolution.error);
        finishAttempt(CloseReason::Error);
        return;
    }
    SessionEvent resolved = SessionSink::make(SessionEvent::Kind::Resolved, m_id);
    resolved.addresses = resolution.addresses;
    resolved.detail = m_host;
    m_sink.post(std::move(resolved));
    // Only one family asked for: try its addresses, or say there are none.
    QList<SocketAddress> targets = resolution.addresses;
    if (m_family == Family::IPv4 || m_family == Family::IPv6) {
        targets.removeIf([this](const SocketAddress &address) { return address.family() != m_family; });
        if (targets.isEmpty()) {
            QStringList found;
            for (const SocketAddress &address : resolution.addresses)
                found << address.host();
            m_sink.postError(m_id, SocketError::input(QCoreApplication::translate(
                                       "core", "“%1” has no %2 address (it has %3): pick another family or host.")
                                       .arg(m_host, familyName(m_family), found.join(QStringLiteral(", ")))));
            finishAttempt(CloseReason::Error);
            return;
        }
    }

    Connector::Handlers handlers;
    handlers.attempting = [this](const SocketAddress &target) {
        SessionEvent event = SessionSink::make(SessionEvent::Kind::Connecting, m_id);
        event.peer = target;
        m_sink.post(std::move(event));
    };
    handlers.failed = [this](const SocketError &error, bool moreToTry) {
        m_sink.postError(m_id, error, moreToTry);
        if (!moreToTry)
            finishAttempt(CloseReason::Error);
    };
    handlers.connected = [this](UniqueFd fd, const SocketAddress &local, const SocketAddress &peer,
                                const SocketOptionSet &effective) {
        onConnected(std::move(fd), local, peer, effective);
    };
    handlers.optionFailed = [this](const SocketError &error) { m_sink.postError(m_id, error); };
    m_connector = std::make_shared<Connector>(m_loop.get(), targets, m_connectTimeout,
                                              m_options.socketOptions, std::move(handlers), m_type);
    m_connector->start();
}

void TcpClientEngine::onConnected(UniqueFd fd, const SocketAddress &local, const SocketAddress &peer,
                                  const SocketOptionSet &effective)
{
    SessionEvent event = SessionSink::make(SessionEvent::Kind::Connected, m_id);
    event.local = local;
    event.peer = peer;
    event.options = effective;
    event.credentials = peerCredentials(fd.get());
    m_sink.post(std::move(event));
    m_connection = std::make_shared<StreamConnection>(m_loop.get(), std::move(fd), m_type, m_id, local,
                                                      peer, m_sink, m_options);
    if (m_consumerFactory)
        m_connection->setConsumer(m_consumerFactory(m_id));
    m_connection->setCloseHandler([this](ConnectionId) { m_finished = true; });
    m_connection->start();
}

// Ends an attempt that never produced a connection.
void TcpClientEngine::finishAttempt(CloseReason reason)
{
    if (m_finished)
        return;
    m_finished = true;
    SessionEvent closed = SessionSink::make(SessionEvent::Kind::Closed, m_id);
    closed.reason = reason;
    m_sink.post(std::move(closed));
}

void TcpClientEngine::cancel()
{
    if (m_connection) {
        m_connection->abort();
        return;
    }
    if (m_connector)
        m_connector->cancel();
    finishAttempt(CloseReason::Cancelled);
}

void TcpClientEngine::send(const QByteArray &bytes)
{
    m_loop->assertInLoopThread("TcpClientEngine::send");
    if (m_connection)
        m_connection->send(bytes);
}

void TcpClientEngine::shutdownWrite()
{
    if (m_connection)
        m_connection->shutdownWrite();
}

void TcpClientEngine::close()
{
    if (m_connection)
        m_connection->close();
    else
        cancel();
}

void TcpClientEngine::abort()
{
    if (m_connection)
        m_connection->abort();
    else
        cancel();
}

void TcpClientEngine::resumeReading()
{
    if (m_connection)
        m_connection->resumeReading();
}

void TcpClientEngine::setCloseOnPeerFin(bool close)
{
    m_options.closeOnPeerFin = close;
    if (m_connection)
        m_connection->setCloseOnPeerFin(close);
}

void TcpClientEngine::setConsumerFactory(StreamConsumerFactory factory)
{
    m_loop->assertInLoopThread("TcpClientEngine::setConsumerFactory");
    m_consumerFactory = std::move(factory);
}

} // namespace core
