// UdpEngine: the loop side of a UDP endpoint — one datagram socket, bound on request or on first send,
// receiving every datagram with its sender and sending datagrams to any target. Datagrams are never merged
// or truncated: a datagram too large to send is an EMSGSIZE error. Loop thread only.
#pragma once

#include "core/channel.h"
#include "core/eventloop.h"
#include "core/sessionsink.h"
#include "core/uniquefd.h"

#include <deque>
#include <memory>

namespace core {

struct UdpOptions
{
    bool reuseAddress = false;
    // SO_RCVBUF to ask for (0: the system's default, ~208 KiB, which drops datagrams in a fast burst; the
    // kernel caps requests at net.core.rmem_max).
    int receiveBufferBytes = 0;
};

class UdpEngine : public std::enable_shared_from_this<UdpEngine>
{
public:
    // Datagrams waiting for the socket to be writable; past this many queued bytes, new ones are refused.
    static constexpr qint64 kMaxQueuedBytes = 4 * 1024 * 1024;

    UdpEngine(EventLoop *loop, SessionSink sink, ConnectionId socketId);
    ~UdpEngine();

    void bind(const SocketAddress &address, const UdpOptions &options);
    void close();
    void sendTo(const SocketAddress &target, const QByteArray &datagram);
    void resumeReading();

private:
    bool open(Family family);
    void handleRead();
    void handleWrite();
    bool transmit(const SocketAddress &target, const QByteArray &datagram);
    void reportBound();

    struct Pending
    {
        SocketAddress target;
        QByteArray datagram;
    };

    EventLoop *m_loop;
    SessionSink m_sink;
    ConnectionId m_id;
    UniqueFd m_fd;
    std::unique_ptr<Channel> m_channel;
    SocketAddress m_local;
    std::deque<Pending> m_pending;
    qint64 m_pendingBytes = 0;
    bool m_readPaused = false;
};

} // namespace core
