// EventLoop: one reactor per I/O thread, over epoll. Channels register their descriptors with it; other
// threads hand it work with runInLoop()/queueInLoop(), woken through an eventfd. Timers run on the loop.
// run() and everything marked "loop thread" must be called on the thread that runs the loop; quit(),
// runInLoop() and queueInLoop() may be called from any thread.
#pragma once

#include "core/io/uniquefd.h"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
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
    void runInLoop(Functor functor);
    void queueInLoop(Functor functor);

    // Loop thread. A timer fires once; cancelling an id that already fired does nothing.
    TimerId runAfter(std::chrono::milliseconds delay, Functor functor);
    void cancelTimer(TimerId id);

    // Loop thread: used by Channel.
    void updateChannel(Channel *channel);
    void removeChannel(Channel *channel);

private:
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
    bool m_runningQueued = false;  // loop thread only

    using TimerKey = std::pair<Clock::time_point, TimerId>;
    std::map<TimerKey, Functor> m_timers;
    std::unordered_map<TimerId, Clock::time_point> m_timerDeadlines;
    TimerId m_nextTimerId = 1;
};

} // namespace core
