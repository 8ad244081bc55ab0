#include "core/net/connector.h"

#include "core/io/corelog.h"
#include "core/net/socketops.h"

#include <QCoreApplication>

#include <cerrno>

namespace core {

Connector::Connector(EventLoop *loop, QList<SocketAddress> targets, std::chrono::milliseconds timeout,
                     SocketOptionSet options, Handlers handlers, SocketType type)
    : m_loop(loop)
    , m_targets(std::move(targets))
    , m_timeout(timeout)
    , m_type(type)
    , m_options(std::move(options))
    , m_handlers(std::move(handlers))
{
}

Connector::~Connector()
{
    dropAttempt();
}

void Connector::start()
{
    m_loop->assertInLoopThread("Connector::start");
    tryNext();
}

void Connector::cancel()
{
    m_loop->assertInLoopThread("Connector::cancel");
    m_done = true;
    dropAttempt();
}

void Connector::dropAttempt()
{
    if (m_timer) {
        m_loop->cancelTimer(m_timer);
        m_timer = 0;
    }
    if (m_channel) {
        m_channel->detach();
        // We may be inside this channel's callback: destroy it after the callback returns.
        m_loop->destroyLater(std::shared_ptr<Channel>(std::move(m_channel)));
    }
    m_fd.reset();
}

void Connector::tryNext()
{
    while (!m_done && m_next < m_targets.size()) {
        const SocketAddress target = m_targets.at(m_next++);
        m_handlers.attempting(target);
        qCDebug(lcCore, "connecting to %s", qUtf8Printable(target.toString()));
        int error = 0;
        m_fd = sockets::create(target.family(), m_type, &error);
        if (!m_fd.isValid()) {
            fail(socketCreateError(error, target.family()));
            continue;
        }
        if (!configure(target))
            continue;
        const int result = sockets::connect(m_fd.get(), target);
        if (result == 0) {
            onWritable(); // loopback may connect at once
            return;
        }
        if (result != -EINPROGRESS) {
            const SocketError failure = connectError(-result, target);
            dropAttempt();
            fail(failure);
            continue;
        }
        m_channel = std::make_unique<Channel>(m_loop, m_fd.get());
        m_channel->setWriteCallback([this] { onWritable(); });
        m_channel->setFailureCallback([this, target](int failure) {
            dropAttempt();
            fail(watchError(failure, QCoreApplication::translate("core", "the connection attempt to %1")
                                         .arg(target.toString())));
            if (!m_done)
                tryNext();
        });
        m_channel->enableWriting();
        m_timer = m_loop->runAfter(m_timeout, [this] {
            m_timer = 0;
            onTimeout();
        });
        return;
    }
}

// Sets the options on the new attempt's socket. A required one that fails ends the attempt (the next
// address is tried); any other failure is reported and the attempt goes on.
bool Connector::configure(const SocketAddress &target)
{
    AppliedOptions applied = applyOptions(m_fd.get(), target.family(), m_type, m_options);
    m_effective = std::move(applied.effective);
    if (!applied.usable()) {
        dropAttempt();
        fail(applied.fatal);
        return false;
    }
    if (m_handlers.optionFailed) {
        for (const SocketError &error : std::as_const(applied.errors))
            m_handlers.optionFailed(error);
    }
    return true;
}

void Connector::fail(const SocketError &error)
{
    qCDebug(lcCore, "connect failed: %s", qUtf8Printable(error.message));
    const bool more = !m_done && m_next < m_targets.size();
    if (!more)
        m_done = true;
    m_handlers.failed(error, more);
}

void Connector::onWritable()
{
    const SocketAddress target = m_targets.at(m_next - 1);
    const int error = sockets::pendingError(m_fd.get());
    const SocketAddress peer = error == 0 ? sockets::peerAddress(m_fd.get()) : SocketAddress();
    if (error == 0 && peer.isValid()) {
        UniqueFd fd(m_fd.release());
        dropAttempt();
        m_done = true;
        const SocketAddress local = sockets::localAddress(fd.get());
        m_handlers.connected(std::move(fd), local, peer, m_effective);
        return;
    }
    dropAttempt();
    fail(connectError(error ? error : ECONNREFUSED, target));
    if (!m_done)
        tryNext();
}

void Connector::onTimeout()
{
    const SocketAddress target = m_targets.at(m_next - 1);
    dropAttempt();
    fail(connectTimeoutError(target, int(m_timeout.count())));
    if (!m_done)
        tryNext();
}

} // namespace core
