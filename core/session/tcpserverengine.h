// TcpServerEngine: the loop side of a listening stream server (TCP today; any stream or seqpacket endpoint)
// — the Acceptor, the max-clients cap, and one StreamConnection per accepted client, addressed by
// ConnectionId, each with the consumer the factory makes for it. Created by TcpServerSession; every method
// runs on the loop thread (debug builds check).
#pragma once

#include "core/net/acceptor.h"
#include "core/net/unixsocketfile.h"
#include "core/net/endpoint.h"
#include "core/session/sessionsink.h"
#include "core/session/streamconnection.h"

#include <map>
#include <memory>

namespace core {

inline ConnectionOptions serverConnectionDefaults()
{
    ConnectionOptions options;
    options.closeOnPeerFin = false;
    return options;
}

struct ListenOptions
{
    int backlog = 128;
    int maxClients = 1024;     // a connection over the cap is accepted, closed at once and reported
    // Set on the listening socket before bind, over connection.socketOptions (which are set there too, so
    // accepted clients start with them). SO_REUSEADDR: restart on a port with connections still in TIME_WAIT.
    SocketOptionSet socketOptions = SocketOptionSet(SocketOption::ReuseAddress, 1);
    // A server answers clients that finished sending (request/response over a half-closed connection):
    // a client's FIN leaves its connection open until we close it.
    ConnectionOptions connection = serverConnectionDefaults();
    // A Unix path held by a socket file nobody listens on (a server that died) is removed and bound again;
    // otherwise that is an error of Kind::StaleUnixSocket for the user to decide on.
    bool removeStaleSocketFile = false;
};

class TcpServerEngine : public std::enable_shared_from_this<TcpServerEngine>
{
public:
    TcpServerEngine(EventLoop *loop, SessionSink sink, ConnectionId serverId, ListenOptions options);

    void start(const Endpoint &endpoint);
    void stop();
    void send(ConnectionId client, const QByteArray &bytes);
    void sendToAll(const QByteArray &bytes);
    void disconnect(ConnectionId client);
    void abort(ConnectionId client);
    void resumeReading();
    void setCloseOnPeerFin(bool close); // every client now and later
    void setConsumerFactory(StreamConsumerFactory factory); // every client, now and later

private:
    bool configure(int fd, const SocketAddress &address, SocketOptionSet *effective);
    void onAccepted(UniqueFd fd, const SocketAddress &peer);
    void onBroken(const SocketError &error);
    void closeClients();
    StreamConnection *client(ConnectionId id) const;

    EventLoop *m_loop;
    SessionSink m_sink;
    ConnectionId m_serverId;
    ListenOptions m_options;
    SocketType m_type = SocketType::Stream;
    StreamConsumerFactory m_consumerFactory;
    std::unique_ptr<Acceptor> m_acceptor;
    UnixSocketFile m_socketFile; // a Unix path we bound: removed when we stop listening
    std::map<ConnectionId, std::shared_ptr<StreamConnection>> m_clients;
};

} // namespace core
