#include "core/session/tcpclientsession.h"

#include "core/session/tcpclientengine.h"

#include <QCoreApplication>

namespace core {

using State = SessionState;

TcpClientSession::TcpClientSession(IoThread &io, QObject *parent)
    : Session(io, parent)
    , m_resolver(std::make_shared<SystemResolver>())
{
}

TcpClientSession::~TcpClientSession()
{
    onEngine([](TcpClientEngine &engine) { engine.abort(); });
}

void TcpClientSession::setResolver(std::shared_ptr<const Resolver> resolver)
{
    m_resolver = std::move(resolver);
}

void TcpClientSession::connectToHost(const QString &host, quint16 port, const Options &options)
{
    const QString trimmed = host.trimmed();
    if (trimmed.isEmpty()) {
        rejectInput(QCoreApplication::translate("core", "Host is empty: type a name or an address."));
        return;
    }
    const std::optional<Resolution> numeric = resolveNumeric(trimmed, port);
    if (numeric && numeric->error.isError()) { // a Unix path that cannot be one
        rejectInput(numeric->error.message);
        return;
    }
    if (state() != State::Idle)
        onEngine([](TcpClientEngine &engine) { engine.abort(); });
    retire(m_engine);
    m_id = nextConnectionId();
    m_local = {};
    m_peer = {};
    m_writeShutdown = false;
    m_peerFinished = false;
    m_closeOnPeerFin = options.connection.closeOnPeerFin;
    m_engine = std::make_shared<TcpClientEngine>(sharedLoop(), sink(), m_id, options.connection,
                                                 options.connectTimeout, options.type, options.family);
    setState(numeric ? State::Connecting : State::Resolving);
    onEngine([trimmed, port, resolver = m_resolver, factory = m_consumerFactory](TcpClientEngine &engine) {
        engine.setConsumerFactory(factory);
        engine.start(trimmed, port, resolver);
    });
}

void TcpClientSession::cancel()
{
    if (!m_engine || (state() != State::Resolving && state() != State::Connecting))
        return;
    onEngine([](TcpClientEngine &engine) { engine.cancel(); });
    // From here on this attempt is over for the owner: anything it still reports is history, not state.
    m_id = 0;
    setState(State::Idle);
}

void TcpClientSession::send(const QByteArray &bytes)
{
    if (state() != State::Connected) {
        rejectInput(QCoreApplication::translate("core", "Not sent: not connected — connect first."));
        return;
    }
    if (m_writeShutdown) {
        rejectInput(QCoreApplication::translate("core", "Not sent: this side is half-closed (FIN sent) — "
                                                        "reconnect to send again."));
        return;
    }
    onEngine([bytes](TcpClientEngine &engine) { engine.send(bytes); });
}

void TcpClientSession::shutdownWrite()
{
    if (state() != State::Connected || m_writeShutdown)
        return;
    m_writeShutdown = true;
    onEngine([](TcpClientEngine &engine) { engine.shutdownWrite(); });
}

void TcpClientSession::disconnectFromHost()
{
    if (state() == State::Resolving || state() == State::Connecting) {
        cancel();
        return;
    }
    if (state() != State::Connected)
        return;
    setState(State::Closing);
    onEngine([](TcpClientEngine &engine) { engine.close(); });
}

void TcpClientSession::abort()
{
    if (state() == State::Resolving || state() == State::Connecting) {
        cancel();
        return;
    }
    if (state() != State::Connected && state() != State::Closing)
        return;
    setState(State::Closing);
    onEngine([](TcpClientEngine &engine) { engine.abort(); });
}

void TcpClientSession::resumeReaders()
{
    onEngine([](TcpClientEngine &engine) { engine.resumeReading(); });
}

void TcpClientSession::handleEvent(const SessionEvent &event)
{
    using Kind = SessionEvent::Kind;
    if (event.connection != m_id || m_id == 0) {
        // A cancelled or replaced attempt: only input errors of the current moment are still news.
        if (event.kind == Kind::Error && event.error.kind == SocketError::Kind::Input)
            emit errorOccurred(event.error);
        return;
    }
    switch (event.kind) {
    case Kind::Resolving: setState(State::Resolving); break;
    case Kind::Resolved: emit resolved(event.addresses); break;
    case Kind::Connecting:
        setState(State::Connecting);
        emit connecting(event.peer);
        break;
    case Kind::Connected:
        m_local = event.local;
        m_effectiveOptions = event.options;
        m_peer = event.peer;
        if (state() != State::Closing)
            setState(State::Connected);
        emit connected(event.local, event.peer);
        break;
    case Kind::Received: emit received(event.data); break;
    case Kind::Written: emit bytesWritten(event.count); break;
    case Kind::BackPressure: emit backPressureChanged(event.queueHigh); break;
    case Kind::PeerClosed:
        m_peerFinished = true;
        emit peerClosed();
        break;
    case Kind::Reset: emit resetByPeer(); break;
    case Kind::Error: emit errorOccurred(event.error); break;
    case Kind::Closed:
        setState(State::Idle);
        emit closed(event.reason);
        break;
    case Kind::Listening:
    case Kind::Bound:
    case Kind::Accepted:
    case Kind::Rejected:
    case Kind::Stopped:
    case Kind::AutoReplied:
        break;
    }
}

void TcpClientSession::setCloseOnPeerFin(bool close)
{
    m_closeOnPeerFin = close;
    onEngine([close](TcpClientEngine &engine) { engine.setCloseOnPeerFin(close); });
}

} // namespace core
