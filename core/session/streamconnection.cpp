#include "core/session/streamconnection.h"

#include "core/io/corelog.h"
#include "core/net/socketops.h"

#include <QCoreApplication>

#include <array>
#include <cerrno>

namespace core {

namespace {
constexpr size_t kReadChunk = 64 * 1024;
constexpr int kMaxReadsPerWakeup = 16; // fairness between connections on one loop
} // namespace

StreamConnection::StreamConnection(EventLoop *loop, UniqueFd fd, SocketType type, ConnectionId id,
                                   SocketAddress local, SocketAddress peer, SessionSink sink,
                                   ConnectionOptions options)
    : m_loop(loop)
    , m_fd(std::move(fd))
    , m_channel(loop, m_fd.get())
    , m_type(type)
    , m_id(id)
    , m_local(std::move(local))
    , m_peer(std::move(peer))
    , m_sink(std::move(sink))
    , m_options(options)
{
    m_channel.setReadCallback([this] { handleRead(); });
    m_channel.setWriteCallback([this] { handleWrite(); });
    m_channel.setFailureCallback([this](int error) { onWatchFailed(error); });
}

StreamConnection::~StreamConnection()
{
    m_channel.detach();
    if (m_closeTimer)
        m_loop->cancelTimer(m_closeTimer);
}

void StreamConnection::start()
{
    m_loop->assertInLoopThread("StreamConnection::start");
    m_channel.enableReading();
}

void StreamConnection::handleRead()
{
    thread_local std::array<char, kReadChunk> buffer;
    const bool messages = m_type == SocketType::SeqPacket;
    for (int i = 0; i < kMaxReadsPerWakeup && !isClosed() && !m_peerFinished && !m_sink.ownerLagging(); ++i) {
        // A seqpacket message is read whole, however large: a shorter read would cut off its rest for good.
        QByteArray large;
        const ssize_t size = messages ? sockets::pendingMessageSize(m_fd.get()) : 0;
        if (size > ssize_t(buffer.size()))
            large.resize(size);
        char *into = large.isEmpty() ? buffer.data() : large.data();
        const ssize_t result = sockets::receive(m_fd.get(), into, large.isEmpty() ? buffer.size() : size_t(size));
        if (result > 0) {
            const QByteArray bytes =
                large.isEmpty() ? QByteArray(buffer.data(), result) : std::move(large).first(result);
            m_sink.traffic(Direction::Received, m_id, m_local, m_peer, bytes, boundariesOf(m_type));
            // A local reference: a send that fails closes us, and the close lets go of the consumer while
            // it is still running here.
            if (const std::shared_ptr<StreamConsumer> consumer = m_consumer)
                consumer->received(*this, bytes); // may send, or close us
        }
        // A short stream read drained the socket; a seqpacket read is one message, so read on to EAGAIN.
        if (!deliverRead(result) || (!messages && size_t(result) < buffer.size()))
            break;
    }
    if (!isClosed() && !m_peerFinished && m_sink.ownerLagging()) {
        qCDebug(lcCore, "#%llu: reading paused, the owner has not taken what arrived", qulonglong(m_id));
        // The owner thread has not taken what we gave it: stop reading (TCP flow control slows the peer)
        // until it catches up and resumes us.
        m_channel.disableReading();
        m_readPaused = true;
        m_sink.events->markReaderPaused();
    }
}

// Handles a recv() result other than data; returns whether to keep reading.
bool StreamConnection::deliverRead(ssize_t result)
{
    if (result > 0)
        return true;
    if (result == 0) {
        onPeerFinished();
        return false;
    }
    if (result != -EAGAIN)
        failWith(int(-result), Direction::Received);
    return false;
}

void StreamConnection::resumeReading()
{
    m_loop->assertInLoopThread("StreamConnection::resumeReading");
    if (!m_readPaused || isClosed())
        return;
    m_readPaused = false;
    if (!m_peerFinished)
        m_channel.enableReading();
}

void StreamConnection::onPeerFinished()
{
    qCDebug(lcCore, "#%llu: %s finished sending (FIN)", qulonglong(m_id), qUtf8Printable(m_peer.toString()));
    m_peerFinished = true;
    m_channel.disableReading();
    SessionEvent event = SessionSink::make(SessionEvent::Kind::PeerClosed, m_id);
    event.closesToo = m_finSent || m_closing || m_options.closeOnPeerFin;
    m_sink.post(std::move(event));
    if (m_finSent)
        finish(m_closeReason);
    else if (m_closing || m_options.closeOnPeerFin)
        answerPeerFin();
}

// Our side closes because the peer finished first (unless we were closing already: then we did).
void StreamConnection::answerPeerFin()
{
    if (!m_closing)
        m_closeReason = CloseReason::PeerFinished;
    m_closing = true;
    m_finRequested = true;
    if (m_output.isEmpty())
        afterFlush();
}

void StreamConnection::setCloseOnPeerFin(bool close)
{
    m_loop->assertInLoopThread("StreamConnection::setCloseOnPeerFin");
    m_options.closeOnPeerFin = close;
    if (close && m_peerFinished && !isClosed() && !m_closing && !m_finSent)
        answerPeerFin();
}

void StreamConnection::report(SessionEvent event) const
{
    event.connection = m_id;
    event.local = m_local;
    if (!event.peer.isValid())
        event.peer = m_peer;
    if (event.timeUs == 0)
        event.timeUs = nowMicroseconds();
    m_sink.post(std::move(event));
}

void StreamConnection::send(const QByteArray &bytes)
{
    m_loop->assertInLoopThread("StreamConnection::send");
    if (isClosed())
        return;
    if (m_finRequested) {
        m_sink.postError(m_id, SocketError::input(QCoreApplication::translate(
            "core", "Not sent: this side of the connection to %1 is already closed for sending.")
                                                         .arg(m_peer.toString())));
        return;
    }
    m_sink.traffic(Direction::Sent, m_id, m_local, m_peer, bytes, boundariesOf(m_type));
    const bool wasEmpty = m_output.isEmpty();
    m_output.append(bytes);
    if (wasEmpty)
        writeQueued();
    updateBackPressure();
}

void StreamConnection::handleWrite()
{
    writeQueued();
    updateBackPressure();
}

void StreamConnection::writeQueued()
{
    qint64 written = 0;
    qint64 messages = 0;
    while (!m_output.isEmpty()) {
        const ssize_t result = sockets::send(m_fd.get(), m_output.front(), m_output.frontSize());
        if (result == -EAGAIN)
            break;
        if (result < 0) {
            failWith(int(-result), Direction::Sent);
            return;
        }
        messages += m_output.consume(result);
        written += result;
    }
    if (written > 0) {
        SessionEvent event = SessionSink::make(SessionEvent::Kind::Written, m_id);
        event.count = written;
        event.messages = messages;
        m_sink.post(std::move(event), EventQueue::Merge::WithPrevious);
    }
    if (m_output.isEmpty()) {
        if (m_channel.isWriting())
            m_channel.disableWriting();
        afterFlush();
    } else if (!m_channel.isWriting()) {
        m_channel.enableWriting();
    }
}

void StreamConnection::updateBackPressure()
{
    if (isClosed())
        return;
    const bool high = m_backPressure ? m_output.size() > m_options.highWaterBytes / 2
                                     : m_output.size() > m_options.highWaterBytes;
    if (high == m_backPressure)
        return;
    m_backPressure = high;
    SessionEvent event = SessionSink::make(SessionEvent::Kind::BackPressure, m_id);
    event.queueHigh = high;
    event.count = m_output.size();
    m_sink.post(std::move(event));
}

void StreamConnection::shutdownWrite()
{
    m_loop->assertInLoopThread("StreamConnection::shutdownWrite");
    if (isClosed() || m_finRequested)
        return;
    m_finRequested = true;
    if (m_output.isEmpty())
        afterFlush();
}

void StreamConnection::close(CloseReason reason)
{
    m_loop->assertInLoopThread("StreamConnection::close");
    if (isClosed())
        return;
    if (m_closing) {
        // Already answering the peer's FIN, perhaps behind a queue the peer does not read: asking to
        // close (Disconnect, Stop) now bounds the wait like any close.
        if (reason == CloseReason::Stopped)
            m_closeReason = reason;
        armCloseTimer();
        return;
    }
    m_closing = true;
    m_closeReason = reason;
    m_finRequested = true;
    if (m_readPaused)
        resumeReading(); // we must see the peer's FIN
    if (m_output.isEmpty())
        afterFlush();
    armCloseTimer();
}

// A close ends within closeTimeout, whether or not the peer reads what is queued and answers our FIN.
void StreamConnection::armCloseTimer()
{
    if (isClosed() || m_closeTimer)
        return;
    m_closeTimer = m_loop->runAfter(m_options.closeTimeout, [this] {
        m_closeTimer = 0;
        finish(m_closeReason);
    });
}

// Everything queued is out: send the FIN if one was asked for, and end if both sides are done.
void StreamConnection::afterFlush()
{
    if (isClosed() || !m_finRequested)
        return;
    if (!m_finSent)
        sendFin();
    if (!isClosed() && m_finSent && m_peerFinished)
        finish(m_closeReason);
}

void StreamConnection::sendFin()
{
    const int result = sockets::shutdownWrite(m_fd.get());
    if (result < 0 && result != -ENOTCONN) {
        failWith(-result, Direction::Sent);
        return;
    }
    m_finSent = true;
}

void StreamConnection::abort()
{
    m_loop->assertInLoopThread("StreamConnection::abort");
    if (isClosed())
        return;
    // SO_LINGER 0: close() discards what is queued and sends RST instead of FIN.
    setOption(m_fd.get(), m_local.family(), m_type, SocketOption::Linger, 0);
    finish(CloseReason::Aborted);
}

void StreamConnection::failWith(int error, Direction direction)
{
    if (error == ECONNRESET || error == EPIPE) {
        m_sink.post(SessionSink::make(SessionEvent::Kind::Reset, m_id));
        finish(CloseReason::Reset);
        return;
    }
    m_sink.postError(m_id, direction == Direction::Sent ? sendError(error, m_peer, m_output.size()) : receiveError(error, m_peer));
    finish(CloseReason::Error);
}

void StreamConnection::onWatchFailed(int error)
{
    m_sink.postError(m_id, watchError(error, QCoreApplication::translate("core", "the connection to %1")
                                                 .arg(m_peer.toString())));
    finish(CloseReason::Error);
}

void StreamConnection::finish(CloseReason reason)
{
    if (isClosed())
        return;
    qCDebug(lcCore, "#%llu: closed (%s), connection with %s", qulonglong(m_id), closeReasonName(reason),
            qUtf8Printable(m_peer.toString()));
    if (m_closeTimer) {
        m_loop->cancelTimer(m_closeTimer);
        m_closeTimer = 0;
    }
    m_channel.detach();
    m_fd.reset();
    m_output.clear();
    SessionEvent event = SessionSink::make(SessionEvent::Kind::Closed, m_id);
    event.reason = reason;
    event.peer = m_peer;
    m_sink.post(std::move(event));
    // We are inside one of our own callbacks: the owner drops us later, on the loop, not now.
    m_loop->destroyLater(shared_from_this());
    if (m_consumer) {
        const auto consumer = std::move(m_consumer);
        consumer->closed(m_id);
    }
    if (m_onClose)
        m_onClose(m_id);
}

} // namespace core
