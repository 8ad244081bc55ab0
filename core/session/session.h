// Session: the part every session facade shares (TCP client, TCP server, UDP). It lives on the owner (UI)
// thread, drains the events its loop-side engine pushed — at most once per kMinDrainInterval, so a flood
// becomes a bounded number of signals — keeps exact counters, and owns the capture store.
// It also holds what every facade shares: the one SessionState, work posted to the engine on the loop
// thread, and input refused on the spot.
// Owner thread only, except capture(), whose store is thread-safe.
#pragma once

#include "core/capture/capturestore.h"
#include "core/net/endpoint.h"
#include "core/session/eventqueue.h"
#include "core/io/iothread.h"
#include "core/io/ownerwakeup.h"
#include "core/session/sessionsink.h"
#include "core/session/sessionstate.h"
#include "core/session/trafficcounters.h"

#include <QElapsedTimer>

#include <deque>
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
    // A connection's counters while it is open, and for the last kKeptClosedConnections closed ones (a
    // table row shows a closed client's final figures); older ones read as zero, so 10,000 connect / close
    // cycles cost no memory.
    TrafficCounters connectionCounters(ConnectionId id) const { return m_connectionCounters.value(id); }
    static constexpr qsizetype kKeptClosedConnections = 1024;
    qsizetype trackedConnectionCount() const { return m_connectionCounters.size(); }
    SessionState state() const { return m_state; }

    // The sentence for an endpoint no session can use (none given: every family and type has its session
    // now); empty when it can. A tab shows it next to the field before anything is tried.
    static QString unsupportedEndpointProblem(const Endpoint &endpoint);

signals:
    void stateChanged(core::SessionState state);
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
    // Input refused before any socket work: an error event of kind Input for `connection` (0: the session).
    void rejectInput(ConnectionId connection, const QString &message);
    void setState(SessionState state); // emits stateChanged when it changes

    // Runs work(*engine) on the loop thread; the lambda keeps the engine alive until then. Nothing happens
    // without an engine.
    template<typename Engine, typename Work>
    void post(const std::shared_ptr<Engine> &engine, Work work)
    {
        if (engine)
            m_loop->queueInLoop([engine, work = std::move(work)] { work(*engine); });
    }
    // Lets go of an engine on the loop thread: its sockets and channels are loop-only, so the last
    // reference must never be dropped here. `engine` is empty afterwards.
    template<typename Engine>
    void retire(std::shared_ptr<Engine> &engine)
    {
        if (engine)
            m_loop->queueInLoop([dead = std::move(engine)] {});
        engine.reset();
    }

private:
    void scheduleDrain();
    void drain();
    void count(const SessionEvent &event);

    std::shared_ptr<EventLoop> m_loop;
    std::shared_ptr<CaptureStore> m_capture;
    SessionSink m_sink;
    TrafficCounters m_counters;
    void noteEnded(ConnectionId id);

    QHash<ConnectionId, TrafficCounters> m_connectionCounters;
    std::deque<ConnectionId> m_endedConnections; // oldest first; at most kKeptClosedConnections
    OwnerWakeup m_wakeup; // the I/O thread's "events are waiting", read on the owner thread
    QTimer m_drainTimer;
    QElapsedTimer m_sinceDrain;
    SessionState m_state = SessionState::Idle;
};

} // namespace core
