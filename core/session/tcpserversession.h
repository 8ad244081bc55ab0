// TcpServerSession: the facade a TCP server tab drives — listen, accept many clients, send to one or all,
// disconnect or abort one, stop. Calls return at once; results come back as signals on the owner thread.
// Clients are named by ConnectionId. Owner thread only; the IoThread must outlive the session.
#pragma once

#include "core/session/session.h"
#include "core/session/tcpserverengine.h"

#include <QDateTime>
#include <QMap>

namespace core {

class TcpServerSession : public Session
{
    Q_OBJECT

public:
    enum class ClientState : quint8 { Open, PeerClosed, Closing, Closed };
    Q_ENUM(ClientState)

    struct ClientInfo
    {
        ConnectionId id = 0;
        SocketAddress local;
        SocketAddress peer;
        qint64 connectedUs = 0;
        ClientState state = ClientState::Open;
        std::optional<PeerCredentials> credentials; // a Unix peer's pid, uid, gid
    };

    explicit TcpServerSession(IoThread &io, QObject *parent = nullptr);
    ~TcpServerSession() override;

    // An IPv4 or IPv6 stream endpoint (parseEndpoint); port 0 picks a free one. Any other endpoint is an
    // input error event. state() is Listening from the listening signal until stopped.
    void listen(const Endpoint &endpoint, const ListenOptions &options);
    void listen(const Endpoint &endpoint) { listen(endpoint, ListenOptions{}); }
    void stop();
    void send(ConnectionId client, const QByteArray &bytes);
    void sendToAll(const QByteArray &bytes);
    void disconnectClient(ConnectionId client);
    void abortClient(ConnectionId client);
    // Whether a client's FIN closes our side too. Off (the default, ListenOptions): the client stays,
    // half-closed, until we disconnect it, and replies still go out. Applies to every client at once.
    void setCloseOnPeerFin(bool close);
    // A consumer for each client, those connected now (each gets a fresh one) and later ones (this server
    // and the next listen()), called on the loop thread with its received bytes (echo, auto-reply: see
    // streamconsumer.h). Empty: none.
    void setConsumerFactory(StreamConsumerFactory factory);

    bool isListening() const { return state() == SessionState::Listening; }
    SocketAddress listenAddress() const { return m_listenAddress; }
    // The listening socket's options as read back when it last started listening (its clients copy them).
    SocketOptionSet effectiveOptions() const { return m_effectiveOptions; }
    // Clients not yet closed, in order of arrival.
    QList<ConnectionId> clientIds() const;
    int clientCount() const { return int(m_clients.size()); }
    std::optional<ClientInfo> client(ConnectionId id) const;

signals:
    void listening(const core::SocketAddress &address);
    void stopped();
    void clientConnected(core::ConnectionId client, const core::SocketAddress &peer);
    void clientRejected(const core::SocketAddress &peer, const QString &reason);
    void received(core::ConnectionId client, const QByteArray &bytes);
    void bytesWritten(core::ConnectionId client, qint64 bytes);
    void backPressureChanged(core::ConnectionId client, bool high);
    void clientPeerClosed(core::ConnectionId client);
    void clientReset(core::ConnectionId client);
    void clientClosed(core::ConnectionId client, core::CloseReason reason);
    void errorOccurred(core::ConnectionId client, const core::SocketError &error); // client 0: the server

protected:
    void handleEvent(const SessionEvent &event) override;
    void resumeReaders() override;

private:
    void handleClientEvent(const SessionEvent &event);
    template<typename Work> void onEngine(Work work) { post(m_engine, std::move(work)); }

    std::shared_ptr<TcpServerEngine> m_engine;
    StreamConsumerFactory m_consumerFactory;
    ConnectionId m_serverId = 0;
    SocketAddress m_listenAddress;
    SocketOptionSet m_effectiveOptions;
    QMap<ConnectionId, ClientInfo> m_clients; // open ones; ids grow, so the map is in arrival order
};

} // namespace core
