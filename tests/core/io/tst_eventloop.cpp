// EventLoop and IoThread: work handed over from other threads runs on the loop thread, in order; timers
// fire in deadline order and can be cancelled; teardown queued last still runs when the thread stops.
#include "core/session/eventqueue.h"
#include "core/io/iothread.h"

#include <QTest>

#include <atomic>
#include <future>
#include <thread>
#include <vector>

using namespace core;
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
};

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
    queue.push(received(1, "ab"), true);
    queue.push(received(1, "cd"), true);
    queue.push(received(2, "xy"), true); // another connection: not merged
    queue.push(received(1, "ef"), false); // a datagram: never merged
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
    queue.push(received(1, "gh"), true);
    QCOMPARE(notifications, 2); // a new batch, a new notification
    queue.setNotifier({});
    queue.takeAll();
    queue.push(received(1, "ij"), true);
    QCOMPARE(notifications, 2); // disconnected owners are never called
}

QTEST_GUILESS_MAIN(tst_EventLoop)
#include "tst_eventloop.moc"
