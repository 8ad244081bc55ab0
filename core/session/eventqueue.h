// EventQueue: the hand-over of SessionEvents from an I/O thread to the thread that owns a session.
// The I/O thread pushes; the owner takes everything in one batch. Stream bytes for the same connection and
// written-byte counts are merged as they arrive, so a flood becomes a few large events, not thousands of
// small ones. The owner is notified once per batch (not per event) through the notifier it installed.
// push()/markReaderPaused(): I/O thread. setNotifier()/takeAll(): owner thread. pendingBytes(): any.
#pragma once

#include "core/session/sessionevent.h"

#include <atomic>
#include <functional>
#include <mutex>
#include <vector>

namespace core {

class EventQueue
{
public:
    using Notifier = std::function<void()>;
    // What one queued event costs beyond its payload, for pendingBytes().
    static constexpr qint64 kEventFootprint = qint64(sizeof(SessionEvent));

    struct Batch
    {
        std::vector<SessionEvent> events;
        bool readersPaused = false; // some reader stopped because the owner lagged: resume after this batch
    };

    // An empty notifier disconnects the owner; afterwards nothing calls into it.
    void setNotifier(Notifier notifier);

    // Merge::WithPrevious: the event's bytes (or count) may join the previous event of the same kind and
    // connection — stream bytes, written counts; Merge::Never: it stays an event of its own.
    enum class Merge : quint8 { Never, WithPrevious };
    void push(SessionEvent event, Merge merge = Merge::Never);
    void markReaderPaused();
    Batch takeAll();

    // Bytes pushed but not yet taken (payloads plus each event's footprint): readers pause above a
    // high-water mark of this.
    qint64 pendingBytes() const { return m_pendingBytes.load(std::memory_order_relaxed); }

private:
    bool tryMerge(const SessionEvent &event);
    void notifyLocked();

    mutable std::mutex m_mutex;
    std::vector<SessionEvent> m_events;
    Notifier m_notifier;
    bool m_notified = false;
    bool m_readersPaused = false;
    std::atomic<qint64> m_pendingBytes{0};
};

} // namespace core
