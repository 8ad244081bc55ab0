#include "core/session/udpengine.h"

#include "core/io/corelog.h"
#include "core/net/socketops.h"
#include "core/i18n/translations.h"

#include <QCoreApplication>

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <vector>

namespace core {

namespace {
// Larger than any UDP payload (65,535 bytes less headers), so MSG_TRUNC can only mean something odd.
constexpr size_t kDatagramBuffer = 65536;
constexpr int kMaxReadsPerWakeup = 64;
// Error-queue entries taken per drain; the kernel bounds the queue by the receive buffer, this bounds one turn.
constexpr int kMaxQueuedErrorsPerDrain = 256;
// A send that failed only with an earlier datagram's ICMP error is tried again, this many times at most.
constexpr int kMaxSendAttempts = 4;

bool isIcmp(const sockets::QueuedError &entry)
{
    using Origin = sockets::QueuedError::Origin;
    return entry.origin == Origin::Icmp || entry.origin == Origin::Icmp6;
}

// Whether a socket bound to `local` can send to `target`: the same family, or a dual-stack IPv6 wildcard
// socket sending to IPv4 (through a mapped address).
bool canReach(const SocketAddress &local, const SocketAddress &target)
{
    if (local.family() == target.family())
        return true;
    return local.family() == Family::IPv6 && local.isAnyAddress() && target.family() == Family::IPv4;
}
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
    // ICMP errors concern IP only: a Unix datagram socket has no error queue to read.
    if (const int result = family == Family::Unix ? 0 : sockets::enableErrorQueue(m_fd.get(), family); result < 0)
        m_sink.postError(m_id, errorQueueUnavailableError(-result, family));
    m_channel = std::make_unique<Channel>(m_loop, m_fd.get());
    m_channel->setReadCallback([this] { handleRead(); });
    m_channel->setWriteCallback([this] { handleWrite(); });
    m_channel->setFailureCallback([this](int failure) {
        m_sink.postError(m_id, watchError(failure, QCoreApplication::translate("core", "the UDP socket on %1")
                                                     .arg(m_local.toString())));
        close();
    });
    return true;
}

void UdpEngine::bind(const SocketAddress &address, const UdpOptions &options)
{
    m_loop->assertInLoopThread("UdpEngine::bind");
    bindSocket(address, options);
}

bool UdpEngine::bindSocket(const SocketAddress &address, const UdpOptions &options)
{
    if (!open(address.family()))
        return false;
    AppliedOptions applied = applyOptions(m_fd.get(), address.family(), sockets::Type::Datagram,
                                          options.socketOptions);
    for (const SocketError &error : std::as_const(applied.errors))
        m_sink.postError(m_id, error);
    if (!applied.usable()) {
        m_sink.postError(m_id, applied.fatal);
        close();
        return false;
    }
    int result = sockets::bind(m_fd.get(), address);
    if (result == -EADDRINUSE && !unixFilePath(address).isEmpty()) {
        // A Unix path: say what holds it, and take it back from a program that is gone when asked to.
        const UnixPathState state = probeUnixPath(address, sockets::Type::Datagram);
        if (state != UnixPathState::Stale || !options.removeStaleSocketFile) {
            m_sink.postError(m_id, unixPathInUseError(state, address));
            close();
            return false;
        }
        ::unlink(unixFilePath(address).constData());
        result = sockets::bind(m_fd.get(), address);
    }
    if (result < 0) {
        m_sink.postError(m_id, bindError(-result, address));
        close();
        return false;
    }
    m_socketFile = UnixSocketFile::claim(address);
    m_channel->enableReading();
    reportBound(std::move(applied.effective));
    return true;
}

void UdpEngine::reportBound(SocketOptionSet effective)
{
    m_local = sockets::localAddress(m_fd.get());
    qCDebug(lcCore, "#%llu: UDP bound to %s", qulonglong(m_id), qUtf8Printable(m_local.toString()));
    SessionEvent event = SessionSink::make(SessionEvent::Kind::Bound, m_id);
    event.local = m_local;
    event.options = std::move(effective);
    m_sink.post(std::move(event));
}

void UdpEngine::close()
{
    m_loop->assertInLoopThread("UdpEngine::close");
    if (!m_fd.isValid())
        return;
    qCDebug(lcCore, "#%llu: UDP socket on %s closed", qulonglong(m_id), qUtf8Printable(m_local.toString()));
    // ICMP errors that came back before the close are still news; report them before Stopped.
    drainErrorQueue();
    if (m_reportTimer != 0) {
        m_loop->cancelTimer(m_reportTimer);
        reportUndelivered();
    }
    m_channel->detach();
    m_loop->destroyLater(std::shared_ptr<Channel>(std::move(m_channel))); // we may be inside its callback
    m_fd.reset();
    m_socketFile.remove();
    m_local = {};
    m_pending.clear();
    m_pendingBytes = 0;
    m_sink.post(SessionSink::make(SessionEvent::Kind::Stopped, m_id));
}

void UdpEngine::report(SessionEvent event) const
{
    event.connection = m_id;
    event.local = m_local;
    if (event.timeUs == 0)
        event.timeUs = nowMicroseconds();
    m_sink.post(std::move(event));
}

void UdpEngine::sendTo(const SocketAddress &target, const QByteArray &datagram, const SocketAddress &implicitLocal)
{
    m_loop->assertInLoopThread("UdpEngine::sendTo");
    const bool implicitBind = !m_fd.isValid();
    const SocketAddress &local = implicitBind ? implicitLocal : m_local;
    if (!canReach(local, target)) {
        m_sink.postError(m_id, datagramFamilyError(local, target, implicitBind));
        return;
    }
    // Not bound yet: bind where the caller says (it shows the user that address), not where sendto() would.
    if (implicitBind && !bindSocket(implicitLocal, {}))
        return;
    if (!m_pending.empty()) {
        if (m_pendingBytes + datagram.size() > kMaxQueuedBytes) {
            m_sink.postError(m_id, SocketError::input(QCoreApplication::translate(
                "core", "Datagram to %1 not sent: %L2 byte(s) are already waiting for the network — send more "
                        "slowly.", nullptr, pluralCount(m_pendingBytes)).arg(target.toString()).arg(m_pendingBytes)));
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
    ssize_t result = 0;
    for (int attempt = 0; attempt < kMaxSendAttempts; ++attempt) {
        result = sockets::sendTo(m_fd.get(), datagram.constData(), size_t(datagram.size()), target);
        if (result >= 0 || result == -EAGAIN || !isEarlierDatagramsError(int(-result)))
            break;
    }
    if (result == -EAGAIN)
        return false;
    if (result < 0) {
        m_sink.postError(m_id, sendError(int(-result), target, datagram.size()));
        return true;
    }
    // Captured only once the kernel took it: a refused datagram (EMSGSIZE) never left.
    m_sink.traffic(Direction::Sent, m_id, m_local, target, datagram, MessageBoundaries::Kept);
    SessionEvent event = SessionSink::make(SessionEvent::Kind::Written, m_id);
    event.count = result;
    event.messages = 1; // one datagram, counted with its bytes
    event.peer = target;
    m_sink.post(std::move(event));
    return true;
}

void UdpEngine::handleWrite()
{
    // EPOLLERR comes here too while reading is paused: empty the error queue, or it would fire again at once.
    drainErrorQueue();
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
    // EPOLLERR comes here: ICMP errors about earlier sends wait on the error queue.
    drainErrorQueue();
    for (int i = 0; i < kMaxReadsPerWakeup && m_fd.isValid() && !m_sink.ownerLagging(); ++i) {
        SocketAddress from;
        bool truncated = false;
        // A Unix datagram may be larger than any UDP one (up to the sender's buffer): read it whole.
        QByteArray large;
        const ssize_t size = m_local.family() == Family::Unix ? sockets::pendingMessageSize(m_fd.get()) : 0;
        if (size > ssize_t(buffer.size()))
            large.resize(size);
        char *into = large.isEmpty() ? buffer.data() : large.data();
        const ssize_t result = sockets::receiveFrom(m_fd.get(), into, large.isEmpty() ? buffer.size() : size_t(size),
                                                    &from, &truncated);
        if (result == -EAGAIN)
            break;
        if (result < 0) {
            // An ICMP error about an earlier send surfaces here too; the error queue reports it, with its
            // target. The socket stays usable either way.
            const int error = int(-result);
            if (!isEarlierDatagramsError(error))
                m_sink.postError(m_id, receiveError(error, m_local));
            continue;
        }
        if (truncated) {
            m_sink.postError(m_id, SocketError::input(QCoreApplication::translate(
                "core", "A datagram from %1 was larger than %L2 byte(s) and was cut.", nullptr,
                        pluralCount(kDatagramBuffer)).arg(from.toString())
                                                          .arg(kDatagramBuffer)));
        }
        if (!from.isValid() && m_local.family() == Family::Unix)
            from = SocketAddress::unnamedUnix(); // the kernel gives no name at all for an unbound sender
        // On a dual-stack socket an IPv4 sender is an IPv4 sender (a reply to the plain address still goes
        // out through this IPv6 socket: canReach allows it).
        from = from.withoutV4Mapping();
        const QByteArray datagram =
            large.isEmpty() ? QByteArray(buffer.data(), result) : std::move(large).first(result);
        m_sink.traffic(Direction::Received, m_id, m_local, from, datagram, MessageBoundaries::Kept);
        if (const std::shared_ptr<DatagramConsumer> consumer = m_consumer)
            consumer->received(*this, from, datagram); // may send; the reference outlives a setConsumer
    }
    if (m_fd.isValid() && m_sink.ownerLagging()) {
        m_channel->disableReading();
        m_readPaused = true;
        m_sink.events->markReaderPaused();
    }
}

void UdpEngine::setConsumer(std::shared_ptr<DatagramConsumer> consumer)
{
    m_loop->assertInLoopThread("UdpEngine::setConsumer");
    m_consumer = std::move(consumer);
}

void UdpEngine::resumeReading()
{
    if (m_readPaused && m_fd.isValid()) {
        m_readPaused = false;
        m_channel->enableReading();
    }
}

// With IP_RECVERR the kernel also hands an ICMP error to the next send or receive on the socket (the send
// then did not go out). True when `error` is such an earlier datagram's error, now taken off the queue to
// be reported from there with its target: port unreachable only ever comes from the network, the others
// only when the queue held one like it.
bool UdpEngine::isEarlierDatagramsError(int error)
{
    const bool queued = drainErrorQueue(error);
    return queued || error == ECONNREFUSED;
}

// Takes the queued ICMP errors into m_undelivered; true when one of them carried `error`.
bool UdpEngine::drainErrorQueue(int error)
{
    bool found = false;
    sockets::QueuedError entry;
    // A Unix datagram socket has no error queue: MSG_ERRQUEUE there would read (and lose) a real datagram.
    const bool hasQueue = m_local.family() != Family::Unix;
    // Stops on -EAGAIN (empty) and on any other failure, which the socket's next receive reports.
    for (int i = 0; hasQueue && i < kMaxQueuedErrorsPerDrain && m_fd.isValid(); ++i) {
        if (sockets::takeQueuedError(m_fd.get(), &entry) < 0)
            break;
        // Local errors (EMSGSIZE) were returned by the send call itself and reported there.
        if (!isIcmp(entry))
            continue;
        found = found || entry.error == error;
        noteUndelivered(entry.target, entry.error);
    }
    return found;
}

void UdpEngine::noteUndelivered(const SocketAddress &target, int error)
{
    scheduleUndeliveredReport();
    for (Undelivered &known : m_undelivered) {
        if (known.error == error && known.target == target) {
            ++known.count;
            return;
        }
    }
    if (m_undelivered.size() < kMaxReportedTargets)
        m_undelivered.push_back({target, error, 1});
    else
        ++m_undeliveredElsewhere;
}

void UdpEngine::scheduleUndeliveredReport()
{
    if (m_reportTimer != 0)
        return;
    using namespace std::chrono;
    const auto due = m_lastReport + milliseconds(kUndeliveredReportIntervalMs);
    const auto wait = std::max(EventLoop::Clock::duration::zero(), due - EventLoop::Clock::now());
    // The timer runs after this turn's queued sends, so a burst of them is one report.
    m_reportTimer = m_loop->runAfter(ceil<milliseconds>(wait), [weak = weak_from_this()] {
        if (const auto self = weak.lock())
            self->reportUndelivered();
    });
}

void UdpEngine::reportUndelivered()
{
    m_reportTimer = 0;
    m_lastReport = EventLoop::Clock::now();
    for (const Undelivered &undelivered : m_undelivered) {
        SessionEvent event = SessionSink::make(SessionEvent::Kind::Error, m_id);
        event.error = datagramUndeliveredError(undelivered.error, undelivered.target, undelivered.count);
        event.peer = undelivered.target;
        event.count = undelivered.count;
        m_sink.post(std::move(event));
    }
    if (m_undeliveredElsewhere > 0) {
        SessionEvent event = SessionSink::make(SessionEvent::Kind::Error, m_id);
        event.error = datagramsUndeliveredElsewhereError(m_undeliveredElsewhere);
        event.count = m_undeliveredElsewhere;
        m_sink.post(std::move(event));
    }
    m_undelivered.clear();
    m_undeliveredElsewhere = 0;
}

} // namespace core
