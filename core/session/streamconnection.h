// StreamConnection: one established stream connection on an I/O loop — the state machine that reads, writes
// with an output buffer, half-closes, closes gracefully or aborts, and reports every step to its session's
// sink. Serves any connected socket of type stream or seqpacket (TCP today, Unix stream and seqpacket next):
// the client's connection and each client a server accepted. Its socket type says whether received
// chunks keep message boundaries (seqpacket: never merged) or not (a byte stream). A StreamConsumer, when
// set, also gets the received bytes on the loop thread.
// Loop thread only (debug builds check). Owned by a shared_ptr; it reports its end once, through the close
// handler.
#pragma once

#include "core/io/channel.h"
#include "core/io/eventloop.h"
#include "core/io/outputbuffer.h"
#include "core/net/socketoptions.h"
#include "core/session/sessionsink.h"
#include "core/session/streamconsumer.h"
#include "core/io/uniquefd.h"

#include <chrono>
#include <functional>
#include <memory>

namespace core {

struct ConnectionOptions
{
    // Above this many unsent bytes the session reports back-pressure; it clears at half of it.
    qint64 highWaterBytes = 4 * 1024 * 1024;
    // When the peer finishes sending (FIN), finish our side too once our queued bytes are out.
    bool closeOnPeerFin = true;
    // A graceful close waits this long for the peer's FIN after sending ours, then closes anyway.
    std::chrono::milliseconds closeTimeout{3000};
    // Set on the socket before connecting (a server: on the listening socket, which its clients copy, and
    // on each accepted client). TCP_NODELAY is on: each send leaves at once instead of waiting (Nagle) for
    // earlier bytes to be acknowledged — what a tester expects when watching which bytes went when.
    // Buffer sizes belong here too (before connect, so the window scale fits them).
    SocketOptionSet socketOptions = SocketOptionSet(SocketOption::NoDelay, 1);
};

class StreamConnection : public std::enable_shared_from_this<StreamConnection>
{
public:
    using CloseHandler = std::function<void(ConnectionId)>;

    StreamConnection(EventLoop *loop, UniqueFd fd, SocketType type, ConnectionId id, SocketAddress local,
                     SocketAddress peer, SessionSink sink, ConnectionOptions options);
    ~StreamConnection();

    ConnectionId id() const { return m_id; }
    EventLoop *loop() const { return m_loop; }
    // Posts an event about this connection (its id, addresses and time filled in) to the session's owner:
    // what a consumer did (an auto-reply fired) reaches the log like everything else.
    void report(SessionEvent event) const;
    const SocketAddress &peer() const { return m_peer; }
    SocketType type() const { return m_type; }
    bool isClosed() const { return !m_fd.isValid(); }
    // Open and not closed for sending (no FIN asked for): a reply may still go out.
    bool canSend() const { return !isClosed() && !m_finRequested; }

    void setCloseHandler(CloseHandler handler) { m_onClose = std::move(handler); }
    void setConsumer(std::shared_ptr<StreamConsumer> consumer) { m_consumer = std::move(consumer); }
    void start();
    void send(const QByteArray &bytes);
    void shutdownWrite();   // FIN after the queued bytes; we can still receive
    void close(CloseReason reason = CloseReason::Graceful); // flush, FIN, wait for the peer's FIN
    void abort();           // RST now; queued bytes are discarded
    void resumeReading();
    // Applies at once: turning it on closes a connection whose peer has already finished.
    void setCloseOnPeerFin(bool close);

private:
    void handleRead();
    void handleWrite();
    bool deliverRead(ssize_t result);
    void onPeerFinished();
    void answerPeerFin();
    void armCloseTimer();
    void writeQueued();
    void afterFlush();
    void sendFin();
    void updateBackPressure();
    void failWith(int error, Direction direction); // while sending or receiving
    void onWatchFailed(int error);
    void finish(CloseReason reason);

    EventLoop *m_loop;
    UniqueFd m_fd;
    Channel m_channel;
    SocketType m_type;
    ConnectionId m_id;
    SocketAddress m_local;
    SocketAddress m_peer;
    SessionSink m_sink;
    ConnectionOptions m_options;
    OutputBuffer m_output;
    CloseHandler m_onClose;
    std::shared_ptr<StreamConsumer> m_consumer;
    EventLoop::TimerId m_closeTimer = 0;
    CloseReason m_closeReason = CloseReason::Graceful;
    bool m_finRequested = false; // shutdownWrite() or close() asked for a FIN after the queued bytes
    bool m_finSent = false;
    bool m_closing = false;      // close(): finish once both sides are done
    bool m_peerFinished = false;
    bool m_readPaused = false;
    bool m_backPressure = false;
};

} // namespace core
