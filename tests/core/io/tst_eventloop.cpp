// EventLoop and IoThread: work handed over from other threads runs on the loop thread, in order; timers
// fire in deadline order and can be cancelled; teardown queued last still runs when the thread stops; a
// failed epoll_ctl reaches the channel's owner, after its call, and never after the channel went away;
// destroyLater waits for the running callback; debug builds abort loop-only calls from other threads.
#include "core/io/channel.h"
#include "core/io/ownerwakeup.h"
#include "core/session/eventqueue.h"
#include "core/io/iothread.h"
#include "support/onloop.h"

#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryFile>
#include <QTest>

#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>

#include <atomic>
#include <future>
#include <thread>
#include <vector>

using namespace core;
using testsupport::onLoop;
using namespace std::chrono_literals;

class tst_EventLoop : public QObject
{
    Q_OBJECT

private slots:
    void queuedWorkRunsOnTheLoopThreadInOrder();
    void timersFireInDeadlineOrderAndCancel();
    void workQueuedFromManyThreadsAllRuns();
    void teardownQueuedLastStillRuns();
    void eventQueueMergesStreamBytesAndNotifiesOncePerBatch();
    void failedWatchIsReportedAfterTheCall();
    void failureIsNotReportedToADetachedChannel();
    void destroyLaterWaitsForTheRunningCallback();
    void loopOnlyCallFromAnotherThreadAborts();
    void ownerWakeupMergesSignalsFromAnotherThread();
    void workHandedOverByALateFailureRunsAtOnce();
    void teardownHandedOverDuringTeardownRunsOnTheLoop();
};

namespace {
// epoll takes sockets, pipes and most devices, never a regular file: EPOLL_CTL_ADD fails with EPERM.
struct RegularFile
{
    QTemporaryFile file;
    bool open() { return file.open(); }
    int fd() { return int(file.handle()); }
};
} // namespace

void tst_EventLoop::queuedWorkRunsOnTheLoopThreadInOrder()
{
    IoThread io;
    QVERIFY(!io.loop()->isInLoopThread());
    std::vector<int> order;
    std::promise<bool> onLoop;
    for (int i = 0; i < 100; ++i)
        io.loop()->queueInLoop([&order, i] { order.push_back(i); });
    io.loop()->queueInLoop([&] { onLoop.set_value(io.loop()->isInLoopThread()); });
    QVERIFY(onLoop.get_future().get());
    QCOMPARE(order.size(), size_t(100));
    for (int i = 0; i < 100; ++i)
        QCOMPARE(order[size_t(i)], i);
}

void tst_EventLoop::timersFireInDeadlineOrderAndCancel()
{
    IoThread io;
    std::vector<int> fired;
    std::promise<void> done;
    io.loop()->queueInLoop([&] {
        EventLoop *loop = io.loop();
        loop->runAfter(30ms, [&] { fired.push_back(3); });
        const auto cancelled = loop->runAfter(20ms, [&] { fired.push_back(99); });
        loop->runAfter(10ms, [&] { fired.push_back(1); });
        loop->runAfter(20ms, [&] { fired.push_back(2); });
        loop->runAfter(40ms, [&] { done.set_value(); });
        loop->cancelTimer(cancelled);
    });
    done.get_future().wait();
    QCOMPARE(fired, (std::vector<int>{1, 2, 3}));
}

void tst_EventLoop::workQueuedFromManyThreadsAllRuns()
{
    IoThread io;
    std::atomic<int> count{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&] {
            for (int i = 0; i < 10000; ++i)
                io.loop()->queueInLoop([&count] { count.fetch_add(1, std::memory_order_relaxed); });
        });
    for (auto &thread : threads)
        thread.join();
    std::promise<void> done;
    io.loop()->queueInLoop([&] { done.set_value(); });
    done.get_future().wait();
    QCOMPARE(count.load(), 40000);
}

void tst_EventLoop::teardownQueuedLastStillRuns()
{
    bool ranOnLoop = false;
    {
        IoThread io;
        io.loop()->queueInLoop([&] { ranOnLoop = io.loop()->isInLoopThread(); });
    } // the destructor quits the loop; queued work runs before the thread ends
    QVERIFY(ranOnLoop);
}

void tst_EventLoop::eventQueueMergesStreamBytesAndNotifiesOncePerBatch()
{
    EventQueue queue;
    int notifications = 0;
    queue.setNotifier([&] { ++notifications; });
    auto received = [](ConnectionId id, const char *bytes) {
        SessionEvent event;
        event.kind = SessionEvent::Kind::Received;
        event.connection = id;
        event.data = bytes;
        event.count = 1;
        return event;
    };
    queue.push(received(1, "ab"), EventQueue::Merge::WithPrevious);
    queue.push(received(1, "cd"), EventQueue::Merge::WithPrevious);
    queue.push(received(2, "xy"), EventQueue::Merge::WithPrevious); // another connection: not merged
    queue.push(received(1, "ef"), EventQueue::Merge::Never); // a datagram: never merged
    QCOMPARE(notifications, 1);
    // Payloads plus one footprint per queued event (the merged bytes joined an existing event).
    QCOMPARE(queue.pendingBytes(), qint64(8) + 3 * EventQueue::kEventFootprint);
    EventQueue::Batch batch = queue.takeAll();
    QCOMPARE(batch.events.size(), size_t(3));
    QCOMPARE(batch.events[0].data, QByteArray("abcd"));
    QCOMPARE(batch.events[0].count, qint64(2));
    QCOMPARE(batch.events[1].data, QByteArray("xy"));
    QCOMPARE(batch.events[2].data, QByteArray("ef"));
    QCOMPARE(queue.pendingBytes(), qint64(0));
    queue.push(received(1, "gh"), EventQueue::Merge::WithPrevious);
    QCOMPARE(notifications, 2); // a new batch, a new notification
    queue.setNotifier({});
    queue.takeAll();
    queue.push(received(1, "ij"), EventQueue::Merge::WithPrevious);
    QCOMPARE(notifications, 2); // disconnected owners are never called
}

void tst_EventLoop::failedWatchIsReportedAfterTheCall()
{
    RegularFile file;
    QVERIFY(file.open());
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("^epoll_ctl\\(ADD\\) failed on descriptor \\d+: "
                                                                         "Operation not permitted$")));
    IoThread io;
    std::unique_ptr<Channel> channel;
    std::promise<std::pair<int, bool>> reported; // the errno, and whether it came on the loop thread
    bool insideEnable = false;
    bool reportedInside = false;
    onLoop(io, [&] {
        channel = std::make_unique<Channel>(io.loop(), file.fd());
        channel->setReadCallback([] {});
        channel->setFailureCallback([&](int error) {
            reportedInside = insideEnable;
            reported.set_value({error, io.loop()->isInLoopThread()});
        });
        insideEnable = true;
        channel->enableReading();
        insideEnable = false;
        QVERIFY(!channel->isRegistered());
    });
    auto future = reported.get_future();
    QCOMPARE(future.wait_for(5s), std::future_status::ready);
    const auto [error, onLoopThread] = future.get();
    QCOMPARE(error, EPERM);
    QVERIFY(onLoopThread);
    QVERIFY2(!reportedInside, "the failure was reported from inside enableReading()");
    onLoop(io, [&] {
        QCOMPARE(channel->interest(), std::uint32_t(0)); // nothing half-registered stays behind
        channel.reset();
    });
}

void tst_EventLoop::failureIsNotReportedToADetachedChannel()
{
    RegularFile file;
    QVERIFY(file.open());
    const QRegularExpression warning(QStringLiteral("^epoll_ctl\\(ADD\\) failed"));
    QTest::ignoreMessage(QtWarningMsg, warning);
    QTest::ignoreMessage(QtWarningMsg, warning);
    IoThread io;
    std::atomic<int> failures{0};
    onLoop(io, [&] {
        // Fails, then goes away before the loop reports: the report must not reach freed memory (ASan).
        auto doomed = std::make_unique<Channel>(io.loop(), file.fd());
        doomed->setFailureCallback([&](int) { ++failures; });
        doomed->enableReading();
        doomed.reset();
        // Fails, then is detached (the owner closed it for another reason): nothing to report either.
        auto detached = std::make_shared<Channel>(io.loop(), file.fd());
        detached->setFailureCallback([&](int) { ++failures; });
        detached->enableWriting();
        detached->detach();
        io.loop()->destroyLater(detached);
    });
    onLoop(io, [] {}); // a full turn of the loop: any report would have come by now
    onLoop(io, [] {});
    QCOMPARE(failures.load(), 0);
}

void tst_EventLoop::destroyLaterWaitsForTheRunningCallback()
{
    IoThread io;
    auto tracked = std::make_shared<int>(7);
    std::weak_ptr<int> weak = tracked;
    bool aliveAfterHandOver = false;
    onLoop(io, [&] {
        io.loop()->destroyLater(std::move(tracked));
        aliveAfterHandOver = !weak.expired(); // still inside the callback that let go of it
    });
    QVERIFY(aliveAfterHandOver);
    onLoop(io, [] {});
    QVERIFY(weak.expired());
}

void tst_EventLoop::loopOnlyCallFromAnotherThreadAborts()
{
#ifdef NDEBUG
    QSKIP("assertInLoopThread checks only in debug builds (the sanitizer jobs are debug builds)");
#else
    // A child process runs a loop on a thread of its own and calls a loop-only method from its main
    // thread: it must abort, naming the call. The parent has no other thread when it forks.
    const pid_t child = ::fork();
    QVERIFY(child >= 0);
    if (child == 0) {
        std::signal(SIGABRT, SIG_DFL); // no Qt Test crash report from the child: the abort is the point
        {
            IoThread io;
            io.loop()->runAfter(std::chrono::milliseconds(10), [] {});
        }
        ::_exit(0); // not reached when the check works
    }
    int status = 0;
    QCOMPARE(::waitpid(child, &status, 0), child);
    QVERIFY2(WIFSIGNALED(status), "the off-thread runAfter() did not abort");
    QCOMPARE(WTERMSIG(status), SIGABRT);
#endif
}

void tst_EventLoop::ownerWakeupMergesSignalsFromAnotherThread()
{
    OwnerWakeup wakeup;
    QSignalSpy woken(&wakeup, &OwnerWakeup::woken);
    std::thread io([&wakeup] {
        for (int i = 0; i < 100; ++i)
            wakeup.signal();
    });
    io.join();
    QVERIFY(woken.wait(5000));
    QTest::qWait(0); // let the owner's loop look again: the 100 signals were one wake-up
    QCOMPARE(woken.size(), 1);
    wakeup.signal();
    QVERIFY(woken.wait(5000));
    QCOMPARE(woken.size(), 2);
}

void tst_EventLoop::workHandedOverByALateFailureRunsAtOnce()
{
    // A failure reported after the turn's queued work (the channel was enabled from queued work) whose
    // handler hands something to destroyLater: it must go now, not wait for an unrelated event.
    RegularFile file;
    QVERIFY(file.open());
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("^epoll_ctl\\(ADD\\) failed")));
    IoThread io;
    auto tracked = std::make_shared<int>(1);
    std::weak_ptr<int> weak = tracked;
    auto channel = std::make_shared<Channel>(io.loop(), file.fd());
    channel->setFailureCallback([&](int) { io.loop()->destroyLater(std::move(tracked)); });
    io.loop()->queueInLoop([channel] { channel->enableReading(); });
    QTRY_VERIFY_WITH_TIMEOUT(weak.expired(), 2000);
    onLoop(io, [&] { channel.reset(); });
}

void tst_EventLoop::teardownHandedOverDuringTeardownRunsOnTheLoop()
{
    // The loop is told to quit from inside its last turn, which hands over more work, which hands over
    // more (as a closing connection's destroyLater does): all of it runs on the loop thread before run()
    // returns, none in the loop's destructor after its own containers are gone.
    std::atomic<int> destroyedOnLoop{-1}; // -1: not destroyed yet
    struct Tracked
    {
        EventLoop *loop = nullptr;
        std::atomic<int> *onLoop = nullptr;
        ~Tracked() { onLoop->store(loop->isInLoopThread() ? 1 : 0); }
    };
    {
        IoThread io;
        EventLoop *loop = io.loop();
        auto tracked = std::make_shared<Tracked>();
        tracked->loop = loop;
        tracked->onLoop = &destroyedOnLoop;
        loop->queueInLoop([loop, tracked = std::move(tracked)]() mutable {
            loop->quit();
            loop->queueInLoop([loop, tracked = std::move(tracked)]() mutable { loop->destroyLater(std::move(tracked)); });
        });
    } // ~IoThread joins the loop thread
    QCOMPARE(destroyedOnLoop.load(), 1);
}

QTEST_GUILESS_MAIN(tst_EventLoop)
#include "tst_eventloop.moc"
