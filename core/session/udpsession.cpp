#include "core/session/udpsession.h"

#include <QCoreApplication>
#include <QPointer>

namespace core {

UdpSession::UdpSession(IoThread &io, QObject *parent)
    : Session(io, parent)
    , m_resolver(std::make_shared<SystemResolver>())
{
}

UdpSession::~UdpSession()
{
    onEngine([](UdpEngine &engine) { engine.close(); });
}

void UdpSession::setResolver(std::shared_ptr<const Resolver> resolver)
{
    m_resolver = std::move(resolver);
}

void UdpSession::ensureEngine()
{
    if (m_engine)
        return;
    m_socketId = nextConnectionId();
    m_engine = std::make_shared<UdpEngine>(loop(), sink(), m_socketId);
    if (m_consumer)
        onEngine([consumer = m_consumer](UdpEngine &engine) { engine.setConsumer(consumer); });
}

void UdpSession::setConsumer(std::shared_ptr<DatagramConsumer> consumer)
{
    m_consumer = consumer;
    onEngine([consumer = std::move(consumer)](UdpEngine &engine) { engine.setConsumer(consumer); });
}

void UdpSession::bind(const Endpoint &endpoint, const UdpOptions &options)
{
    Q_ASSERT(endpoint.type == SocketType::Datagram);
    if (const QString problem = unsupportedEndpointProblem(endpoint); !problem.isEmpty()) {
        rejectInput(problem);
        return;
    }
    unbind();
    ensureEngine();
    onEngine([target = endpoint.address, options](UdpEngine &engine) { engine.bind(target, options); });
}

void UdpSession::unbind()
{
    if (!m_engine)
        return;
    onEngine([](UdpEngine &engine) { engine.close(); });
    forgetSocket();
}

// The socket is gone (closed by us, or by the engine: a failed bind, a socket the loop could not watch).
// A new bind gets a new engine and socket id, so late datagrams of the old socket cannot be taken for the
// new one's.
void UdpSession::forgetSocket()
{
    retire(m_engine);
    m_socketId = 0;
    m_lastSender = {};
    m_local = {};
    if (state() == SessionState::Bound) {
        setState(SessionState::Idle);
        emit unbound();
    }
}

void UdpSession::setImplicitBind(std::optional<Endpoint> endpoint)
{
    m_implicitBind = std::move(endpoint);
}

SocketAddress UdpSession::implicitLocalFor(const SocketAddress &target) const
{
    if (m_implicitBind)
        return m_implicitBind->address;
    if (target.family() == Family::Unix)
        return SocketAddress::unnamedUnix(); // the kernel names us (an @name), so replies can come back
    const QString loopback = target.family() == Family::IPv6 ? QStringLiteral("::1") : QStringLiteral("127.0.0.1");
    return SocketAddress::fromNumericHost(loopback, 0).value_or(SocketAddress{});
}

void UdpSession::sendTo(const SocketAddress &target, const QByteArray &datagram)
{
    if (!target.isValid()) {
        rejectInput(QCoreApplication::translate("core", "Not sent: no target address."));
        return;
    }
    if (target.isUnnamed()) {
        rejectInput(QCoreApplication::translate("core", "Not sent: the sender is an unnamed Unix socket (it never "
                                                        "bound a path or @name), so nothing can reach it."));
        return;
    }
    if (m_implicitBind && !isBound()) {
        if (const QString problem = unsupportedEndpointProblem(*m_implicitBind); !problem.isEmpty()) {
            rejectInput(QCoreApplication::translate("core", "Not sent: sending binds first, and %1").arg(problem));
            return;
        }
    }
    ensureEngine();
    onEngine([target, datagram, local = implicitLocalFor(target)](UdpEngine &engine) {
        engine.sendTo(target, datagram, local);
    });
}

void UdpSession::sendTo(const QString &host, quint16 port, const QByteArray &datagram)
{
    const QString trimmed = host.trimmed();
    if (trimmed.isEmpty()) {
        rejectInput(QCoreApplication::translate("core", "Not sent: the target host is empty."));
        return;
    }
    if (auto numeric = resolveNumeric(trimmed, port)) {
        if (numeric->error.isError()) // a Unix path that cannot be one
            rejectInput(QCoreApplication::translate("core", "Not sent: %1").arg(numeric->error.message));
        else
            sendTo(numeric->addresses.constFirst(), datagram);
        return;
    }
    // A name: look it up off this thread, then send from here so ordering and counters stay on one thread.
    QPointer<UdpSession> self(this);
    resolveAsync(m_resolver, trimmed, port, [self, datagram](Resolution resolution) {
        QMetaObject::invokeMethod(qApp, [self, datagram, resolution] {
            if (!self)
                return;
            if (resolution.error.isError())
                self->rejectInput(resolution.error.message);
            else
                self->sendTo(resolution.addresses.constFirst(), datagram);
        });
    });
}

void UdpSession::replyToLastSender(const QByteArray &datagram)
{
    if (!m_lastSender.isValid()) {
        rejectInput(QCoreApplication::translate("core", "Not sent: no datagram has arrived yet, so there is no "
                                                        "sender to reply to."));
        return;
    }
    sendTo(m_lastSender, datagram);
}

void UdpSession::resumeReaders()
{
    onEngine([](UdpEngine &engine) { engine.resumeReading(); });
}

void UdpSession::handleEvent(const SessionEvent &event)
{
    using Kind = SessionEvent::Kind;
    const bool current = event.connection == m_socketId;
    switch (event.kind) {
    case Kind::Bound:
        if (current) {
            m_local = event.local;
            m_effectiveOptions = event.options;
            setState(SessionState::Bound);
            emit bound(event.local);
        }
        break;
    case Kind::Stopped:
        if (current)
            forgetSocket(); // the engine closed it on its own; unbind() has forgotten its own already
        break;
    case Kind::Received:
        if (current)
            m_lastSender = event.peer;
        emit datagramReceived(event.data, event.peer);
        break;
    case Kind::Written:
        emit datagramSent(event.count, event.peer);
        break;
    case Kind::Error:
        emit errorOccurred(event.error);
        break;
    default:
        break;
    }
}

} // namespace core
