// EventLoop: one reactor per I/O thread, over epoll. Channels register their descriptors with it; other
// threads hand it work with runInLoop()/queueInLoop(), woken through an eventfd. Timers run on the loop.
// run() and everything marked "loop thread" must be called on the thread that runs the loop; quit(),
// runInLoop() and queueInLoop() may be called from any thread. Debug builds abort with a message when
// loop-only code runs on another thread (assertInLoopThread, as muduo does).
// A failed epoll_ctl is never silent: the channel's error handler hears of it once the current callback
// has returned (between events), so the owner can report and close without re-entering itself.
#pragma once

#include "core/io/uniquefd.h"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

namespace core {

class Channel;

class EventLoop
{
public:
    using Functor = std::function<void()>;
    using TimerId = std::uint64_t;
    using Clock = std::chrono::steady_clock;

    EventLoop();
    ~EventLoop();
    EventLoop(const EventLoop &) = delete;
    EventLoop &operator=(const EventLoop &) = delete;

    // Runs until quit(); then runs the work still queued, so teardown handed over last still happens here.
    void run();
    void quit();

    bool isInLoopThread() const { return m_threadId.load() == std::this_thread::get_id(); }
    // Debug builds: aborts, naming `where`, unless called on the loop's thread (or before the loop runs,
    // while its owner sets it up). Release builds: nothing.
    void assertInLoopThread(const char *where) const
    {
#ifndef NDEBUG
        if (!isInLoopThread() && m_threadId.load() != std::thread::id{})
            abortNotInLoopThread(where);
#else
        (void)where;
#endif
    }
    void runInLoop(Functor functor);
    void queueInLoop(Functor functor);
    // Loop thread: drops `object` after the callback now running returns — for an owner that lets go of
    // something (a channel, itself) from inside that thing's own callback.
    void destroyLater(std::shared_ptr<void> object);

    // Loop thread. A timer fires once; cancelling an id that already fired does nothing.
    TimerId runAfter(std::chrono::milliseconds delay, Functor functor);
    void cancelTimer(TimerId id);

    // Loop thread: used by Channel. A failed update is reported to the channel later (see above).
    void updateChannel(Channel *channel);
    void removeChannel(Channel *channel);
    // The channel is going away (detach, destruction): out of epoll, and no failure reported to it later.
    void forgetChannel(Channel *channel);

private:
    [[noreturn]] static void abortNotInLoopThread(const char *where);
    void reportChannelFailures();
    bool hasQueuedWork();
    int nextTimeoutMs() const;
    void runDueTimers();
    void runQueuedWork();
    void wake();

    UniqueFd m_epoll;
    UniqueFd m_wakeFd;
    std::atomic<std::thread::id> m_threadId{};
    std::atomic<bool> m_quit{false};

    std::mutex m_mutex;
    std::vector<Functor> m_queued; // guarded by m_mutex
    bool m_beforeQueuedWork = false; // loop thread only: between epoll_wait and this turn's queued work

    using TimerKey = std::pair<Clock::time_point, TimerId>;
    std::map<TimerKey, Functor> m_timers;
    std::unordered_map<TimerId, Clock::time_point> m_timerDeadlines;
    TimerId m_nextTimerId = 1;

    struct ChannelFailure
    {
        Channel *channel;
        int error;
    };
    std::vector<ChannelFailure> m_channelFailures; // loop thread only; a removed channel leaves it
};

} // namespace core
