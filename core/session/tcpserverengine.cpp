#include "core/session/tcpserverengine.h"

#include "core/io/corelog.h"
#include "core/net/socketops.h"
#include "core/i18n/translations.h"

#include <QCoreApplication>

#include <unistd.h>

#include <cerrno>

namespace core {

TcpServerEngine::TcpServerEngine(EventLoop *loop, SessionSink sink, ConnectionId serverId, ListenOptions options)
    : m_loop(loop)
    , m_sink(std::move(sink))
    , m_serverId(serverId)
    , m_options(options)
{
}

void TcpServerEngine::start(const Endpoint &endpoint)
{
    m_loop->assertInLoopThread("TcpServerEngine::start");
    const SocketAddress &address = endpoint.address;
    m_type = endpoint.type;
    int error = 0;
    UniqueFd fd = sockets::create(address.family(), m_type, &error);
    if (!fd.isValid()) {
        m_sink.postError(m_serverId, socketCreateError(error, address.family()));
        m_sink.post(SessionSink::make(SessionEvent::Kind::Stopped, m_serverId));
        return;
    }
    SocketOptionSet effective;
    if (!configure(fd.get(), address, &effective))
        return;
    int result = sockets::bind(fd.get(), address);
    if (result == -EADDRINUSE && !unixFilePath(address).isEmpty()) {
        // A Unix path: say what holds it, and take it back from a server that is gone when asked to.
        const UnixPathState state = probeUnixPath(address, m_type);
        if (state == UnixPathState::Stale && m_options.removeStaleSocketFile) {
            qCDebug(lcCore, "#%llu: removing the stale socket file %s", qulonglong(m_serverId),
                    unixFilePath(address).constData());
            ::unlink(unixFilePath(address).constData());
            result = sockets::bind(fd.get(), address);
        } else {
            m_sink.postError(m_serverId, unixPathInUseError(state, address));
            m_sink.post(SessionSink::make(SessionEvent::Kind::Stopped, m_serverId));
            return;
        }
    }
    const bool bound = result == 0;
    if (bound) {
        m_socketFile = UnixSocketFile::claim(address); // ours from here: removed when we stop, even on failure
        result = sockets::listen(fd.get(), m_options.backlog);
    }
    if (result < 0) {
        m_socketFile.remove();
        m_sink.postError(m_serverId, bound ? listenError(-result, address) : bindError(-result, address));
        m_sink.post(SessionSink::make(SessionEvent::Kind::Stopped, m_serverId));
        return;
    }
    const SocketAddress local = sockets::localAddress(fd.get());
    Acceptor::Handlers handlers;
    handlers.accepted = [this](UniqueFd client, const SocketAddress &peer) { onAccepted(std::move(client), peer); };
    handlers.failed = [this](const SocketError &failure) {
        SessionEvent event = SessionSink::make(SessionEvent::Kind::Rejected, m_serverId);
        event.error = failure;
        event.detail = failure.message;
        m_sink.post(std::move(event));
    };
    handlers.broken = [this](const SocketError &failure) { onBroken(failure); };
    m_acceptor = std::make_unique<Acceptor>(m_loop, std::move(fd), local, std::move(handlers));
    m_acceptor->start();
    qCDebug(lcCore, "#%llu: listening on %s", qulonglong(m_serverId), qUtf8Printable(local.toString()));
    SessionEvent listening = SessionSink::make(SessionEvent::Kind::Listening, m_serverId);
    listening.local = local;
    listening.options = std::move(effective);
    m_sink.post(std::move(listening));
}

// The listening socket's options, read back once: accepted clients copy them, so 10,000 clients cost no
// read-back each. A required option that fails stops the server; any other failure is reported.
bool TcpServerEngine::configure(int fd, const SocketAddress &address, SocketOptionSet *effective)
{
    const SocketOptionSet wanted = m_options.connection.socketOptions.mergedWith(m_options.socketOptions);
    AppliedOptions applied = applyOptions(fd, address.family(), m_type, wanted);
    for (const SocketError &error : std::as_const(applied.errors))
        m_sink.postError(m_serverId, error);
    if (!applied.usable()) {
        m_sink.postError(m_serverId, applied.fatal);
        m_sink.post(SessionSink::make(SessionEvent::Kind::Stopped, m_serverId));
        return false;
    }
    *effective = std::move(applied.effective);
    return true;
}

void TcpServerEngine::onAccepted(UniqueFd fd, const SocketAddress &peer)
{
    if (m_options.maxClients > 0 && m_clients.size() >= size_t(m_options.maxClients)) {
        fd.reset(); // the newcomer sees its connection closed; existing clients are untouched
        SessionEvent event = SessionSink::make(SessionEvent::Kind::Rejected, m_serverId);
        event.peer = peer;
        event.detail = QCoreApplication::translate("core", "Connection from %1 closed: the server already has "
                                                           "%L2 client(s) (the maximum).", nullptr,
                                                           pluralCount(m_options.maxClients))
                           .arg(peer.toString())
                           .arg(m_options.maxClients);
        m_sink.post(std::move(event));
        return;
    }
    // Set again on the client (not read back): not every option is copied from the listener on every kernel.
    setOptionsQuietly(fd.get(), m_acceptor->localAddress().family(), m_type, m_options.connection.socketOptions);
    const ConnectionId id = nextConnectionId();
    const SocketAddress local = sockets::localAddress(fd.get()).withoutV4Mapping();
    const std::optional<PeerCredentials> credentials = peerCredentials(fd.get());
    auto connection = std::make_shared<StreamConnection>(m_loop, std::move(fd), m_type, id, local, peer, m_sink,
                                                         m_options.connection);
    if (m_consumerFactory)
        connection->setConsumer(m_consumerFactory(id));
    connection->setCloseHandler([this](ConnectionId closed) { m_clients.erase(closed); });
    m_clients.emplace(id, connection);
    SessionEvent event = SessionSink::make(SessionEvent::Kind::Accepted, id);
    event.local = local;
    event.peer = peer;
    event.credentials = credentials;
    m_sink.post(std::move(event));
    connection->start();
}

void TcpServerEngine::stop()
{
    m_loop->assertInLoopThread("TcpServerEngine::stop");
    const bool wasListening = m_acceptor != nullptr;
    m_acceptor.reset(); // closes the listening socket now: a listen that follows may take the same port
    m_socketFile.remove();
    closeClients();
    if (wasListening) {
        qCDebug(lcCore, "#%llu: stopped listening", qulonglong(m_serverId));
        m_sink.post(SessionSink::make(SessionEvent::Kind::Stopped, m_serverId));
    }
}

// The listening socket can no longer be watched: say so, and stop as Stop would.
void TcpServerEngine::onBroken(const SocketError &error)
{
    m_sink.postError(m_serverId, error);
    // We are inside the acceptor's callback: it goes once that returns.
    m_loop->destroyLater(std::shared_ptr<Acceptor>(std::move(m_acceptor)));
    m_socketFile.remove();
    closeClients();
    m_sink.post(SessionSink::make(SessionEvent::Kind::Stopped, m_serverId));
}

void TcpServerEngine::closeClients()
{
    // Copy: each close may remove itself from the map.
    const auto clients = m_clients;
    for (const auto &entry : clients)
        entry.second->close(CloseReason::Stopped);
}

void TcpServerEngine::setConsumerFactory(StreamConsumerFactory factory)
{
    m_loop->assertInLoopThread("TcpServerEngine::setConsumerFactory");
    m_consumerFactory = std::move(factory);
    // Clients already here change too (echo turned on or off mid-session): a fresh consumer, or none.
    for (const auto &[id, connection] : m_clients)
        connection->setConsumer(m_consumerFactory ? m_consumerFactory(id) : nullptr);
}

StreamConnection *TcpServerEngine::client(ConnectionId id) const
{
    const auto found = m_clients.find(id);
    return found == m_clients.end() ? nullptr : found->second.get();
}

void TcpServerEngine::send(ConnectionId id, const QByteArray &bytes)
{
    m_loop->assertInLoopThread("TcpServerEngine::send");
    if (StreamConnection *connection = client(id))
        connection->send(bytes);
}

void TcpServerEngine::sendToAll(const QByteArray &bytes)
{
    const auto clients = m_clients;
    for (const auto &entry : clients)
        entry.second->send(bytes);
}

void TcpServerEngine::disconnect(ConnectionId id)
{
    if (StreamConnection *connection = client(id))
        connection->close();
}

void TcpServerEngine::abort(ConnectionId id)
{
    if (StreamConnection *connection = client(id))
        connection->abort();
}

void TcpServerEngine::resumeReading()
{
    for (const auto &entry : m_clients)
        entry.second->resumeReading();
}

void TcpServerEngine::setCloseOnPeerFin(bool close)
{
    m_options.connection.closeOnPeerFin = close;
    const auto clients = m_clients; // a client that closes now leaves the map
    for (const auto &entry : clients)
        entry.second->setCloseOnPeerFin(close);
}

} // namespace core
