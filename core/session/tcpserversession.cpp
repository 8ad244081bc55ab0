#include "core/session/tcpserversession.h"

#include <QCoreApplication>

namespace core {

TcpServerSession::TcpServerSession(IoThread &io, QObject *parent)
    : Session(io, parent)
{
}

TcpServerSession::~TcpServerSession()
{
    onEngine([](TcpServerEngine &engine) { engine.stop(); });
}

void TcpServerSession::listen(const Endpoint &endpoint, const ListenOptions &options)
{
    Q_ASSERT(endpoint.type == SocketType::Stream || endpoint.type == SocketType::SeqPacket);
    if (const QString problem = unsupportedEndpointProblem(endpoint); !problem.isEmpty()) {
        rejectInput(0, problem);
        return;
    }
    onEngine([](TcpServerEngine &engine) { engine.stop(); });
    retire(m_engine);
    m_serverId = nextConnectionId();
    m_engine = std::make_shared<TcpServerEngine>(loop(), sink(), m_serverId, options);
    onEngine([endpoint, factory = m_consumerFactory](TcpServerEngine &engine) {
        engine.setConsumerFactory(factory);
        engine.start(endpoint);
    });
}

void TcpServerSession::stop()
{
    onEngine([](TcpServerEngine &engine) { engine.stop(); });
}

void TcpServerSession::send(ConnectionId client, const QByteArray &bytes)
{
    if (!m_clients.contains(client)) {
        rejectInput(client, QCoreApplication::translate("core", "Not sent: client #%1 is not connected.").arg(client));
        return;
    }
    onEngine([client, bytes](TcpServerEngine &engine) { engine.send(client, bytes); });
}

void TcpServerSession::sendToAll(const QByteArray &bytes)
{
    if (m_clients.isEmpty()) {
        rejectInput(0, QCoreApplication::translate("core", "Not sent: no client is connected."));
        return;
    }
    onEngine([bytes](TcpServerEngine &engine) { engine.sendToAll(bytes); });
}

void TcpServerSession::disconnectClient(ConnectionId client)
{
    if (auto it = m_clients.find(client); it != m_clients.end()) {
        it->state = ClientState::Closing;
        onEngine([client](TcpServerEngine &engine) { engine.disconnect(client); });
    }
}

void TcpServerSession::abortClient(ConnectionId client)
{
    if (auto it = m_clients.find(client); it != m_clients.end()) {
        it->state = ClientState::Closing;
        onEngine([client](TcpServerEngine &engine) { engine.abort(client); });
    }
}

void TcpServerSession::setConsumerFactory(StreamConsumerFactory factory)
{
    m_consumerFactory = factory;
    onEngine([factory = std::move(factory)](TcpServerEngine &engine) { engine.setConsumerFactory(factory); });
}

void TcpServerSession::setCloseOnPeerFin(bool close)
{
    onEngine([close](TcpServerEngine &engine) { engine.setCloseOnPeerFin(close); });
}

QList<ConnectionId> TcpServerSession::clientIds() const
{
    return m_clients.keys();
}

std::optional<TcpServerSession::ClientInfo> TcpServerSession::client(ConnectionId id) const
{
    const auto it = m_clients.constFind(id);
    if (it == m_clients.cend())
        return std::nullopt;
    return *it;
}

void TcpServerSession::resumeReaders()
{
    onEngine([](TcpServerEngine &engine) { engine.resumeReading(); });
}

void TcpServerSession::handleEvent(const SessionEvent &event)
{
    using Kind = SessionEvent::Kind;
    const bool serverLevel = event.connection == m_serverId || event.connection == 0;
    switch (event.kind) {
    case Kind::Listening:
        if (event.connection != m_serverId)
            return; // a server replaced before it got going
        m_listenAddress = event.local;
        m_effectiveOptions = event.options;
        setState(SessionState::Listening);
        emit listening(event.local);
        return;
    case Kind::Stopped:
        if (event.connection != m_serverId)
            return;
        setState(SessionState::Idle);
        emit stopped();
        return;
    case Kind::Rejected:
        emit clientRejected(event.peer, event.detail);
        return;
    case Kind::Error:
        emit errorOccurred(serverLevel ? 0 : event.connection, event.error);
        return;
    default:
        break;
    }
    if (!serverLevel)
        handleClientEvent(event);
}

void TcpServerSession::handleClientEvent(const SessionEvent &event)
{
    using Kind = SessionEvent::Kind;
    const ConnectionId id = event.connection;
    switch (event.kind) {
    case Kind::Accepted:
        m_clients.insert(id, ClientInfo{id, event.local, event.peer, event.timeUs, ClientState::Open,
                                        event.credentials});
        emit clientConnected(id, event.peer);
        break;
    case Kind::Received: emit received(id, event.data); break;
    case Kind::Written: emit bytesWritten(id, event.count); break;
    case Kind::BackPressure: emit backPressureChanged(id, event.queueHigh); break;
    case Kind::PeerClosed:
        if (auto it = m_clients.find(id); it != m_clients.end() && it->state == ClientState::Open)
            it->state = ClientState::PeerClosed;
        emit clientPeerClosed(id);
        break;
    case Kind::Reset: emit clientReset(id); break;
    case Kind::Closed:
        m_clients.remove(id);
        emit clientClosed(id, event.reason);
        break;
    default:
        break;
    }
}

} // namespace core
