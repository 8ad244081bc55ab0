// UdpSession: the facade a UDP tab drives — bind, send datagrams to a target (by name or address), receive
// every datagram with its sender, reply to the last sender. Calls return at once; results come back as
// signals on the owner thread. Sending while unbound binds first, to the implicit bind address (see
// setImplicitBind), so the port never opens anywhere the user was not shown. ICMP errors about sent
// datagrams (nothing listening, host unreachable) come back as errorOccurred, coalesced per target.
// Owner thread only; the IoThread must outlive the session.
#pragma once

#include "core/net/resolver.h"
#include "core/session/session.h"
#include "core/session/udpengine.h"

namespace core {

class UdpSession : public Session
{
    Q_OBJECT

public:
    explicit UdpSession(IoThread &io, QObject *parent = nullptr);
    ~UdpSession() override;

    void setResolver(std::shared_ptr<const Resolver> resolver);

    // An IPv4 or IPv6 datagram endpoint (parseEndpoint); port 0 picks a free one. Any other endpoint is
    // an input error event. state() is Bound from the bound signal until unbind().
    void bind(const Endpoint &endpoint, const UdpOptions &options = {});
    // Drops the socket and every fact about it (local address, last sender) at once.
    void unbind();
    // Where sending while unbound binds, as bind() takes it: the tab passes its Bind fields' endpoint, so
    // the first send binds exactly where Bind would (fields that do not parse are the tab's to report: it
    // does not send). Until this is called (or after nullopt): the loopback address of the target's
    // family, port 0 — never a wildcard unless asked for. A bind address of another family than the
    // target's is an error, not a silent fallback; so is an endpoint bind() would refuse.
    void setImplicitBind(std::optional<Endpoint> endpoint);
    // host may be a name (looked up off the UI thread) or a numeric address. Unbound: binds implicitly.
    void sendTo(const QString &host, quint16 port, const QByteArray &datagram);
    void sendTo(const SocketAddress &target, const QByteArray &datagram);
    // Replies to the sender of the last datagram received; an error when nothing was received yet.
    void replyToLastSender(const QByteArray &datagram);
    // Gets every datagram received from now on, on the loop thread (echo: see datagramconsumer.h); the
    // same consumer serves every socket this session opens. nullptr: none.
    void setConsumer(std::shared_ptr<DatagramConsumer> consumer);

    bool isBound() const { return state() == SessionState::Bound; }
    SocketAddress localAddress() const { return m_local; }
    SocketAddress lastSender() const { return m_lastSender; }
    // The socket options as read back when the socket was last bound (explicitly or by a first send).
    SocketOptionSet effectiveOptions() const { return m_effectiveOptions; }

signals:
    void bound(const core::SocketAddress &local);
    void unbound();
    void datagramReceived(const QByteArray &datagram, const core::SocketAddress &sender);
    void datagramSent(qint64 bytes, const core::SocketAddress &target);
    void errorOccurred(const core::SocketError &error);

protected:
    void handleEvent(const SessionEvent &event) override;
    void resumeReaders() override;

private:
    void ensureEngine();
    void forgetSocket();
    void rejectInput(const QString &message) { Session::rejectInput(m_socketId, message); }
    SocketAddress implicitLocalFor(const SocketAddress &target) const;
    template<typename Work> void onEngine(Work work) { post(m_engine, std::move(work)); }

    std::shared_ptr<const Resolver> m_resolver;
    std::shared_ptr<UdpEngine> m_engine;
    std::shared_ptr<DatagramConsumer> m_consumer;
    ConnectionId m_socketId = 0;
    SocketAddress m_local;
    SocketAddress m_lastSender;
    SocketOptionSet m_effectiveOptions;
    std::optional<Endpoint> m_implicitBind; // nullopt: loopback of the target's family
};

} // namespace core
