// TcpClientSession: the facade a TCP client tab (or a test, or the CLI) drives. Calls return at once; the
// work runs on the IoThread and comes back as signals on the owner thread, in order:
// resolved → connecting (per address) → connected → received / bytesWritten … → peerClosed / resetByPeer →
// closed. errorOccurred may come at any step, with a sentence for the user. state() goes Idle → Resolving →
// Connecting → Connected → Closing → Idle (stateChanged, from Session).
// Owner thread only. The IoThread must outlive the session.
#pragma once

#include "core/net/resolver.h"
#include "core/session/session.h"
#include "core/session/streamconnection.h"

#include <chrono>

namespace core {

class TcpClientEngine;

class TcpClientSession : public Session
{
    Q_OBJECT

public:
    struct Options
    {
        std::chrono::milliseconds connectTimeout{5000}; // per address tried
        ConnectionOptions connection;
        // Stream, or SeqPacket for a Unix path / @name (each message its own read, boundaries kept).
        SocketType type = SocketType::Stream;
        // IPv4 or IPv6: only the host's addresses of that family are tried; Unspecified tries them all.
        Family family = Family::Unspecified;
    };

    explicit TcpClientSession(IoThread &io, QObject *parent = nullptr);
    ~TcpClientSession() override;

    // For tests: answer lookups without the system resolver. Numeric hosts never reach it.
    void setResolver(std::shared_ptr<const Resolver> resolver);

    // Starts a new connection; a connection still open is aborted first.
    void connectToHost(const QString &host, quint16 port, const Options &options);
    void connectToHost(const QString &host, quint16 port) { connectToHost(host, port, Options{}); }
    void cancel();            // stop resolving / connecting; no late "connected" follows
    void send(const QByteArray &bytes);
    void shutdownWrite();     // half-close: FIN after queued bytes; receiving goes on
    void disconnectFromHost(); // graceful: queued bytes first, then FIN
    void abort();             // RST now
    // Whether a peer's FIN closes our side too (once our queued bytes are out). Off: the connection stays
    // half-closed and replies still go out. Applies to the live connection at once, and to later ones.
    void setCloseOnPeerFin(bool close);
    bool closesOnPeerFin() const { return m_closeOnPeerFin; }
    // A consumer for the received bytes of each connection from the next connectToHost() on, called on
    // the loop thread (echo, auto-reply: see streamconsumer.h). An empty factory: none.
    void setConsumerFactory(StreamConsumerFactory factory) { m_consumerFactory = std::move(factory); }

    ConnectionId connectionId() const { return m_id; }
    SocketAddress localAddress() const { return m_local; }
    SocketAddress peerAddress() const { return m_peer; }
    // The socket options as read back before the last connect that succeeded.
    SocketOptionSet effectiveOptions() const { return m_effectiveOptions; }
    bool isWriteShutdown() const { return m_writeShutdown; }
    bool isPeerFinished() const { return m_peerFinished; } // the peer sent FIN; we may still send

signals:
    void resolved(const QList<core::SocketAddress> &addresses);
    void connecting(const core::SocketAddress &target);
    void connected(const core::SocketAddress &local, const core::SocketAddress &peer);
    void received(const QByteArray &bytes);
    void bytesWritten(qint64 bytes);
    void backPressureChanged(bool high);
    void peerClosed();
    void resetByPeer();
    void closed(core::CloseReason reason);
    void errorOccurred(const core::SocketError &error);

protected:
    void handleEvent(const SessionEvent &event) override;
    void resumeReaders() override;

private:
    void rejectInput(const QString &message) { Session::rejectInput(m_id, message); }
    template<typename Work> void onEngine(Work work) { post(m_engine, std::move(work)); }

    std::shared_ptr<const Resolver> m_resolver;
    std::shared_ptr<TcpClientEngine> m_engine;
    ConnectionId m_id = 0;
    SocketAddress m_local;
    SocketAddress m_peer;
    SocketOptionSet m_effectiveOptions;
    bool m_writeShutdown = false;
    bool m_peerFinished = false;
    bool m_closeOnPeerFin = true;
    StreamConsumerFactory m_consumerFactory;
};

} // namespace core
