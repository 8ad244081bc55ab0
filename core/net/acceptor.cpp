#include "core/net/acceptor.h"

#include "core/io/corelog.h"
#include "core/io/eventloop.h"
#include "core/net/socketops.h"

#include <QCoreApplication>

#include <fcntl.h>

#include <cerrno>
#include <chrono>

namespace core {

namespace {
constexpr int kMaxAcceptsPerWakeup = 64;

UniqueFd openSpare()
{
    return UniqueFd(::open("/dev/null", O_RDONLY | O_CLOEXEC));
}
} // namespace

Acceptor::Acceptor(EventLoop *loop, UniqueFd listening, SocketAddress local, Handlers handlers)
    : m_loop(loop)
    , m_fd(std::move(listening))
    , m_channel(loop, m_fd.get())
    , m_local(std::move(local))
    , m_handlers(std::move(handlers))
    , m_spare(openSpare())
{
    m_channel.setReadCallback([this] { handleRead(); });
    m_channel.setFailureCallback([this](int error) {
        if (m_handlers.broken)
            m_handlers.broken(watchError(error, QCoreApplication::translate("core", "the listening socket on %1")
                                                    .arg(m_local.toString())));
    });
}

Acceptor::~Acceptor()
{
    if (m_pauseTimer)
        m_loop->cancelTimer(m_pauseTimer);
    m_channel.detach();
}

void Acceptor::start()
{
    m_loop->assertInLoopThread("Acceptor::start");
    m_channel.enableReading();
}

void Acceptor::handleRead()
{
    if (!m_spare.isValid())
        m_spare = openSpare(); // lost during an earlier shortage: take it back as soon as we can
    for (int i = 0; i < kMaxAcceptsPerWakeup; ++i) {
        SocketAddress peer;
        const int result = sockets::accept(m_fd.get(), &peer);
        peer = peer.withoutV4Mapping(); // a dual-stack listener's IPv4 client is an IPv4 client
        if (result >= 0) {
            qCDebug(lcCore, "accepted on %s from %s", qUtf8Printable(m_local.toString()),
                    qUtf8Printable(peer.toString()));
            m_reportedWaiting = false;
            m_handlers.accepted(UniqueFd(result), peer);
            continue;
        }
        if (result == -EAGAIN || !handleFailure(-result))
            return;
    }
}

// Returns whether accepting may go on in this wake-up.
bool Acceptor::handleFailure(int error)
{
    switch (error) {
    case ECONNABORTED: // the client gave up while queued: nothing to report
    case EPROTO:
        return true;
    case EMFILE:
    case ENFILE:
        if (m_spare.isValid()) {
            // accept4 fails with EMFILE before it looks at the queue, so the queue may well be empty.
            m_spare.reset();
            UniqueFd dropped(::accept(m_fd.get(), nullptr, nullptr));
            const bool refusedSomeone = dropped.isValid();
            dropped.reset();
            m_spare = openSpare();
            if (refusedSomeone)
                m_handlers.failed(acceptError(error, m_local));
            return refusedSomeone && m_spare.isValid();
        }
        // No spare either: stop listening for a moment rather than spin on a readable socket. Newcomers
        // wait in the kernel's queue; say so once per shortage, not once per pause.
        m_channel.disableReading();
        m_pauseTimer = m_loop->runAfter(std::chrono::milliseconds(100), [this] {
            m_pauseTimer = 0;
            m_spare = openSpare();
            m_channel.enableReading();
        });
        if (!m_reportedWaiting)
            m_handlers.failed(acceptWaitingError(error, m_local));
        m_reportedWaiting = true;
        return false;
    default:
        m_handlers.failed(acceptError(error, m_local));
        return false;
    }
}

} // namespace core
