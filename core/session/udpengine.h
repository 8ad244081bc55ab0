// UdpEngine: the loop side of a UDP endpoint — one datagram socket, bound on request or, on the first send,
// to the local address the session passes (never a wildcard the caller did not ask for); it receives every
// datagram with its sender and sends datagrams to any target. Datagrams are never merged or truncated: a
// datagram too large to send is an EMSGSIZE error. ICMP errors about sent datagrams (nothing listening,
// host unreachable) come off the socket's error queue and are reported as Error events, one per target and
// errno per report, at most every kUndeliveredReportIntervalMs; they never count as received and never
// close the socket. Loop thread only.
#pragma once

#include "core/io/channel.h"
#include "core/io/eventloop.h"
#include "core/net/socketoptions.h"
#include "core/net/unixsocketfile.h"
#include "core/session/datagramconsumer.h"
#include "core/session/sessionsink.h"
#include "core/io/uniquefd.h"

#include <deque>
#include <memory>
#include <vector>

namespace core {

struct UdpOptions
{
    // Set before bind (IPV6_V6ONLY is always set on IPv6, see applyOptions). None by default: SO_RCVBUF
    // stays the system's (~208 KiB, which drops datagrams in a fast burst; the kernel caps requests at
    // net.core.rmem_max and reads back twice the request).
    SocketOptionSet socketOptions;
    // A Unix path held by a socket file nobody uses (a program that died) is removed and bound again;
    // otherwise that is an error of Kind::StaleUnixSocket.
    bool removeStaleSocketFile = false;
};

class UdpEngine : public std::enable_shared_from_this<UdpEngine>
{
public:
    // Datagrams waiting for the socket to be writable; past this many queued bytes, new ones are refused.
    static constexpr qint64 kMaxQueuedBytes = 4 * 1024 * 1024;
    // A flood of ICMP errors becomes at most one report per this interval: one Error event per target and
    // errno (with its count), for at most kMaxReportedTargets targets, plus one event summing the rest.
    static constexpr int kUndeliveredReportIntervalMs = 250;
    static constexpr std::size_t kMaxReportedTargets = 16;

    UdpEngine(EventLoop *loop, SessionSink sink, ConnectionId socketId);
    ~UdpEngine();

    void bind(const SocketAddress &address, const UdpOptions &options);
    void close();
    // Unbound, the engine first binds to implicitLocal (default options); its family must reach target's.
    void sendTo(const SocketAddress &target, const QByteArray &datagram, const SocketAddress &implicitLocal);
    void resumeReading();
    EventLoop *loop() const { return m_loop; }
    bool isOpen() const { return m_fd.isValid(); }
    // Posts an event about this socket (its id, local address and time filled in) to the session's owner.
    void report(SessionEvent event) const;
    // Gets every datagram received from now on, on the loop thread (after the capture and the sink).
    void setConsumer(std::shared_ptr<DatagramConsumer> consumer);

private:
    bool open(Family family);
    bool bindSocket(const SocketAddress &address, const UdpOptions &options);
    void handleRead();
    void handleWrite();
    bool transmit(const SocketAddress &target, const QByteArray &datagram);
    bool isEarlierDatagramsError(int error);
    bool drainErrorQueue(int error = 0);
    void noteUndelivered(const SocketAddress &target, int error);
    void scheduleUndeliveredReport();
    void reportUndelivered();
    void reportBound(SocketOptionSet effective);

    struct Pending
    {
        SocketAddress target;
        QByteArray datagram;
    };

    // ICMP errors taken off the error queue and not reported yet, one entry per target and errno.
    struct Undelivered
    {
        SocketAddress target;
        int error = 0;
        qint64 count = 0;
    };

    EventLoop *m_loop;
    SessionSink m_sink;
    ConnectionId m_id;
    UniqueFd m_fd;
    std::unique_ptr<Channel> m_channel;
    std::shared_ptr<DatagramConsumer> m_consumer;
    SocketAddress m_local;
    UnixSocketFile m_socketFile; // a Unix path we bound: removed when we close
    std::deque<Pending> m_pending;
    qint64 m_pendingBytes = 0;
    bool m_readPaused = false;
    std::vector<Undelivered> m_undelivered;       // at most kMaxReportedTargets entries
    qint64 m_undeliveredElsewhere = 0;            // errors about targets beyond those
    EventLoop::TimerId m_reportTimer = 0;         // 0: no report scheduled
    EventLoop::Clock::time_point m_lastReport{}; // the epoch: the first report goes out at once
};

} // namespace core
