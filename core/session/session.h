// Session: the part every session facade shares (TCP client, TCP server, UDP). It lives on the owner (UI)
// thread, drains the events its loop-side engine pushed — at most once per kMinDrainInterval, so a flood
// becomes a bounded number of signals — keeps exact counters, and owns the capture store.
// Owner thread only, except capture(), whose store is thread-safe.
#pragma once

#include "core/capture/capturestore.h"
#include "core/session/eventqueue.h"
#include "core/io/iothread.h"
#include "core/session/sessionsink.h"
#include "core/session/trafficcounters.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QTimer>

#include <memory>

namespace core {

class Session : public QObject
{
    Q_OBJECT

public:
    static constexpr int kMinDrainIntervalMs = 10; // ≤ 100 deliveries per second

    ~Session() override;

    std::shared_ptr<CaptureStore> capture() const { return m_capture; }
    const TrafficCounters &counters() const { return m_counters; }
    TrafficCounters connectionCounters(ConnectionId id) const { return m_connectionCounters.value(id); }

signals:
    // Every event, in order, after the facade's own handling (for logs and views).
    void eventOccurred(const core::SessionEvent &event);
    // At most once per delivery batch.
    void countersChanged();

protected:
    Session(IoThread &io, QObject *parent);

    EventLoop *loop() const { return m_loop.get(); }
    const std::shared_ptr<EventLoop> &sharedLoop() const { return m_loop; }
    SessionSink sink() const { return m_sink; }

    // One event, already merged, on the owner thread: update state and emit typed signals.
    virtual void handleEvent(const SessionEvent &event) = 0;
    // Some reader paused because we lagged; ask the engine to read again.
    virtual void resumeReaders() = 0;

    // An event that starts here (input rejected, cancel), delivered like the others but at once.
    void deliverNow(SessionEvent event);

private:
    void scheduleDrain();
    void drain();
    void count(const SessionEvent &event);

    std::shared_ptr<EventLoop> m_loop;
    std::shared_ptr<CaptureStore> m_capture;
    SessionSink m_sink;
    TrafficCounters m_counters;
    QHash<ConnectionId, TrafficCounters> m_connectionCounters;
    QTimer m_drainTimer;
    QElapsedTimer m_sinceDrain;
};

} // namespace core
