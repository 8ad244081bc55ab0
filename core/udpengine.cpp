#include "core/udpengine.h"

#include "core/socketops.h"

#include <QCoreApplication>

#include <cerrno>
#include <vector>

namespace core {

namespace {
// Larger than any UDP payload (65,535 bytes less headers), so MSG_TRUNC can only mean something odd.
constexpr size_t kDatagramBuffer = 65536;
constexpr int kMaxReadsPerWakeup = 64;
} // namespace

UdpEngine::UdpEngine(EventLoop *loop, SessionSink sink, ConnectionId socketId)
    : m_loop(loop)
    , m_sink(std::move(sink))
    , m_id(socketId)
{
}

UdpEngine::~UdpEngine()
{
    if (m_channel)
        m_channel->detach();
}

bool UdpEngine::open(Family family)
{
    int error = 0;
    m_fd = sockets::create(family, sockets::Type::Datagram, &error);
    if (!m_fd.isValid()) {
        m_sink.postError(m_id, socketCreateError(error, family));
        return false;
    }
    m_channel = std::make_unique<Channel>(m_loop, m_fd.get());
    m_channel->setReadCallback([this] { handleRead(); });
    m_channel->setWriteCallback([this] { handleWrite(); });
    return true;
}

void UdpEngine::bind(const SocketAddress &address, const UdpOptions &options)
{
    if (!open(address.family()))
        return;
    if (options.reuseAddress)
        sockets::setReuseAddress(m_fd.get(), true);
    if (options.receiveBufferBytes > 0)
        sockets::setReceiveBufferSize(m_fd.get(), options.receiveBufferBytes);
    if (const int result = sockets::bind(m_fd.get(), address); result < 0) {
        m_sink.postError(m_id, bindError(-result, address));
        close();
        return;
    }
    m_channel->enableReading();
    reportBound();
}

void UdpEngine::reportBound()
{
    m_local = sockets::localAddress(m_fd.get());
    SessionEvent event = SessionSink::make(SessionEvent::Kind::Bound, m_id);
    event.local = m_local;
    m_sink.post(std::move(event));
}

void UdpEngine::close()
{
    if (!m_fd.isValid())
        return;
    m_channel->detach();
    m_loop->queueInLoop([dead = std::shared_ptr<Channel>(std::move(m_channel))] {});
    m_fd.reset();
    m_pending.clear();
    m_pendingBytes = 0;
    m_sink.post(SessionSink::make(SessionEvent::Kind::Stopped, m_id));
}

void UdpEngine::sendTo(const SocketAddress &target, const QByteArray &datagram)
{
    if (!m_fd.isValid()) {
        // Not bound yet: the kernel picks a local port on the first send, as sendto() does.
        if (!open(target.family()))
            return;
        m_channel->enableReading();
    }
    if (!m_pending.empty()) {
        if (m_pendingBytes + datagram.size() > kMaxQueuedBytes) {
            m_sink.postError(m_id, SocketError::input(QCoreApplication::translate(
                "core", "Datagram to %1 not sent: %2 bytes are already waiting for the network — send more "
                        "slowly.").arg(target.toString()).arg(m_pendingBytes)));
            return;
        }
        m_pending.push_back({target, datagram});
        m_pendingBytes += datagram.size();
        return;
    }
    if (!transmit(target, datagram)) {
        m_pending.push_back({target, datagram});
        m_pendingBytes += datagram.size();
        m_channel->enableWriting();
    }
}

// Returns false only when the socket is full (try again when writable); errors are reported here.
bool UdpEngine::transmit(const SocketAddress &target, const QByteArray &datagram)
{
    const ssize_t result = sockets::sendTo(m_fd.get(), datagram.constData(), size_t(datagram.size()), target);
    if (result == -EAGAIN)
        return false;
    if (result < 0) {
        m_sink.postError(m_id, sendError(int(-result), target, datagram.size()));
        return true;
    }
    if (!m_local.isValid())
        reportBound();
    // Captured only once the kernel took it: a refused datagram (EMSGSIZE) never left.
    m_sink.traffic(Direction::Sent, m_id, m_local, target, datagram, false);
    SessionEvent event = SessionSink::make(SessionEvent::Kind::Written, m_id);
    event.count = result;
    event.peer = target;
    m_sink.post(std::move(event));
    return true;
}

void UdpEngine::handleWrite()
{
    while (!m_pending.empty()) {
        Pending &next = m_pending.front();
        if (!transmit(next.target, next.datagram))
            return;
        m_pendingBytes -= next.datagram.size();
        m_pending.pop_front();
    }
    m_channel->disableWriting();
}

void UdpEngine::handleRead()
{
    thread_local std::vector<char> buffer(kDatagramBuffer);
    for (int i = 0; i < kMaxReadsPerWakeup && m_fd.isValid() && !m_sink.ownerLagging(); ++i) {
        SocketAddress from;
        bool truncated = false;
        const ssize_t result = sockets::receiveFrom(m_fd.get(), buffer.data(), buffer.size(), &from, &truncated);
        if (result == -EAGAIN)
            break;
        if (result < 0) {
            // An ICMP error from an earlier send (port unreachable) surfaces here; the socket stays usable.
            const int error = int(-result);
            m_sink.postError(m_id, error == ECONNREFUSED
                                       ? SocketError{SocketError::Kind::Os, error, QCoreApplication::translate(
                                             "core", "A datagram sent earlier was refused: nothing is "
                                                     "listening on its target port (ICMP port unreachable).")}
                                       : receiveError(error, m_local));
            continue;
        }
        if (truncated) {
            m_sink.postError(m_id, SocketError::input(QCoreApplication::translate(
                "core", "A datagram from %1 was larger than %2 bytes and was cut.").arg(from.toString())
                                                          .arg(kDatagramBuffer)));
        }
        m_sink.traffic(Direction::Received, m_id, m_local, from, QByteArray(buffer.data(), result), false);
    }
    if (m_fd.isValid() && m_sink.ownerLagging()) {
        m_channel->disableReading();
        m_readPaused = true;
        m_sink.events->markReaderPaused();
    }
}

void UdpEngine::resumeReading()
{
    if (m_readPaused && m_fd.isValid()) {
        m_readPaused = false;
        m_channel->enableReading();
    }
}

} // namespace core
