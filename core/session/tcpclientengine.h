// TcpClientEngine: the loop side of one TCP client connection attempt — look up the host, connect to each
// address in turn, then run the StreamConnection. Every step is reported to the session's sink under one
// ConnectionId. Created by TcpClientSession; all methods run on the loop thread (debug builds check).
#pragma once

#include "core/net/connector.h"
#include "core/net/resolver.h"
#include "core/session/sessionsink.h"
#include "core/session/streamconnection.h"

#include <memory>

namespace core {

class TcpClientEngine : public std::enable_shared_from_this<TcpClientEngine>
{
public:
    TcpClientEngine(std::shared_ptr<EventLoop> loop, SessionSink sink, ConnectionId id,
                    ConnectionOptions options, std::chrono::milliseconds connectTimeout,
                    SocketType type = SocketType::Stream, Family family = Family::Unspecified);

    void start(const QString &host, quint16 port, std::shared_ptr<const Resolver> resolver);
    void cancel();
    void send(const QByteArray &bytes);
    void shutdownWrite();
    void close();
    void abort();
    void resumeReading();
    void setCloseOnPeerFin(bool close);
    void setConsumerFactory(StreamConsumerFactory factory); // for the connection this attempt makes

private:
    void onResolved(const Resolution &resolution);
    void onConnected(UniqueFd fd, const SocketAddress &local, const SocketAddress &peer,
                     const SocketOptionSet &effective);
    void finishAttempt(CloseReason reason);

    std::shared_ptr<EventLoop> m_loop;
    SessionSink m_sink;
    ConnectionId m_id;
    SocketType m_type;
    Family m_family;
    QString m_host;
    ConnectionOptions m_options;
    std::chrono::milliseconds m_connectTimeout;
    std::shared_ptr<Connector> m_connector;
    std::shared_ptr<StreamConnection> m_connection;
    StreamConsumerFactory m_consumerFactory;
    bool m_finished = false;
};

} // namespace core
