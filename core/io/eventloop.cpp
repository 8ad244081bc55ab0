#include "core/io/eventloop.h"

#include "core/io/channel.h"
#include "core/io/corelog.h"

#include <sys/epoll.h>
#include <sys/eventfd.h>

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace core {

namespace {
constexpr int kMaxEventsPerWait = 256;
constexpr int kMaxTeardownRounds = 100;
}

EventLoop::EventLoop()
    : m_epoll(::epoll_create1(EPOLL_CLOEXEC))
    , m_wakeFd(::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC))
{
    if (!m_epoll.isValid() || !m_wakeFd.isValid()) {
        // Without epoll or eventfd there is no I/O at all; this only happens when the process is out of
        // descriptors at start-up, and nothing sensible can follow.
        std::perror("sockscope: cannot create the I/O event loop");
        std::abort();
    }
    epoll_event event{};
    event.events = EPOLLIN;
    event.data.ptr = nullptr; // nullptr marks the wake-up descriptor
    if (::epoll_ctl(m_epoll.get(), EPOLL_CTL_ADD, m_wakeFd.get(), &event) != 0) {
        // Without its wake-up the loop would never see work handed over: as fatal as no epoll at all.
        std::perror("sockscope: cannot watch the I/O event loop's wake-up descriptor");
        std::abort();
    }
}

EventLoop::~EventLoop() = default;

void EventLoop::run()
{
    m_threadId.store(std::this_thread::get_id());
    epoll_event events[kMaxEventsPerWait];
    while (!m_quit.load()) {
        const int count = ::epoll_wait(m_epoll.get(), events, kMaxEventsPerWait, nextTimeoutMs());
        m_beforeQueuedWork = true; // work queued from here on runs in this turn, without a wake-up
        for (int i = 0; i < count; ++i) {
            if (!events[i].data.ptr) {
                std::uint64_t drained = 0;
                [[maybe_unused]] const auto n = ::read(m_wakeFd.get(), &drained, sizeof(drained));
                continue;
            }
            static_cast<Channel *>(events[i].data.ptr)->handleEvents(events[i].events);
        }
        reportChannelFailures();
        runDueTimers();
        reportChannelFailures();
        m_beforeQueuedWork = false;
        runQueuedWork();
        reportChannelFailures();
    }
    // Teardown handed over last may hand over more (a closing connection's destroyLater): run until none
    // is left, so nothing of ours dies in the destructor after the loop's own containers.
    for (int round = 0; round < kMaxTeardownRounds && hasQueuedWork(); ++round) {
        runQueuedWork();
        reportChannelFailures();
    }
}

bool EventLoop::hasQueuedWork()
{
    std::lock_guard lock(m_mutex);
    return !m_queued.empty();
}

void EventLoop::abortNotInLoopThread(const char *where)
{
    std::fprintf(stderr, "sockscope: %s called off its I/O loop's thread\n", where);
    std::abort();
}

void EventLoop::destroyLater(std::shared_ptr<void> object)
{
    queueInLoop([dead = std::move(object)] {});
}

// Each failure goes to its channel once; a handler may change other channels (and fail again).
void EventLoop::reportChannelFailures()
{
    while (!m_channelFailures.empty()) {
        const ChannelFailure failure = m_channelFailures.front();
        m_channelFailures.erase(m_channelFailures.begin());
        failure.channel->reportFailure(failure.error);
    }
}

void EventLoop::quit()
{
    m_quit.store(true);
    if (!isInLoopThread())
        wake();
}

void EventLoop::runInLoop(Functor functor)
{
    if (isInLoopThread())
        functor();
    else
        queueInLoop(std::move(functor));
}

void EventLoop::queueInLoop(Functor functor)
{
    {
        std::lock_guard lock(m_mutex);
        m_queued.push_back(std::move(functor));
    }
    // From the loop thread a wake-up is needed unless this turn's queued work is still to run (the new
    // work would otherwise wait for the next epoll event).
    if (!isInLoopThread() || !m_beforeQueuedWork)
        wake();
}

void EventLoop::wake()
{
    const std::uint64_t one = 1;
    [[maybe_unused]] const auto n = ::write(m_wakeFd.get(), &one, sizeof(one));
}

void EventLoop::runQueuedWork()
{
    std::vector<Functor> work;
    {
        std::lock_guard lock(m_mutex);
        work.swap(m_queued);
    }
    for (auto &functor : work) {
        functor();
        functor = nullptr; // what it held (destroyLater) goes now, not after the whole batch
    }
}

EventLoop::TimerId EventLoop::runAfter(std::chrono::milliseconds delay, Functor functor)
{
    assertInLoopThread("EventLoop::runAfter");
    const TimerId id = m_nextTimerId++;
    const auto deadline = Clock::now() + delay;
    m_timers.emplace(TimerKey{deadline, id}, std::move(functor));
    m_timerDeadlines.emplace(id, deadline);
    return id;
}

void EventLoop::cancelTimer(TimerId id)
{
    assertInLoopThread("EventLoop::cancelTimer");
    const auto found = m_timerDeadlines.find(id);
    if (found == m_timerDeadlines.end())
        return;
    m_timers.erase(TimerKey{found->second, id});
    m_timerDeadlines.erase(found);
}

int EventLoop::nextTimeoutMs() const
{
    if (!m_channelFailures.empty())
        return 0;
    if (m_timers.empty())
        return -1;
    const auto wait = m_timers.begin()->first.first - Clock::now();
    if (wait <= Clock::duration::zero())
        return 0;
    // Round up so a timer never fires early.
    const auto ms = std::chrono::ceil<std::chrono::milliseconds>(wait).count();
    return ms > INT_MAX ? INT_MAX : static_cast<int>(ms);
}

void EventLoop::runDueTimers()
{
    const auto now = Clock::now();
    while (!m_timers.empty() && m_timers.begin()->first.first <= now) {
        auto node = m_timers.extract(m_timers.begin());
        m_timerDeadlines.erase(node.key().second);
        node.mapped()(); // may add or cancel timers: the map is not iterated across this call
    }
}

void EventLoop::updateChannel(Channel *channel)
{
    assertInLoopThread("Channel::update");
    epoll_event event{};
    event.events = channel->interest();
    event.data.ptr = channel;
    if (channel->interest() == 0) {
        // Nothing wanted: leave epoll entirely, or a hang-up would be reported (level-triggered) forever.
        removeChannel(channel);
        return;
    }
    const int op = channel->isRegistered() ? EPOLL_CTL_MOD : EPOLL_CTL_ADD;
    if (::epoll_ctl(m_epoll.get(), op, channel->fd(), &event) == 0) {
        channel->setRegistered(true);
        return;
    }
    const int error = errno;
    qCWarning(lcCore, "epoll_ctl(%s) failed on descriptor %d: %s", op == EPOLL_CTL_ADD ? "ADD" : "MOD",
              channel->fd(), std::strerror(error));
    // A failed MOD leaves the old registration in place, which may still fire: take it out, so nothing
    // half-works, and tell the owner.
    removeChannel(channel);
    m_channelFailures.push_back({channel, error});
}

void EventLoop::removeChannel(Channel *channel)
{
    if (!channel->isRegistered())
        return;
    ::epoll_ctl(m_epoll.get(), EPOLL_CTL_DEL, channel->fd(), nullptr);
    channel->setRegistered(false);
}

void EventLoop::forgetChannel(Channel *channel)
{
    removeChannel(channel);
    std::erase_if(m_channelFailures, [channel](const ChannelFailure &failure) { return failure.channel == channel; });
}

} // namespace core
