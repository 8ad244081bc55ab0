#include "core/session/eventqueue.h"

namespace core {

void EventQueue::setNotifier(Notifier notifier)
{
    std::lock_guard lock(m_mutex);
    m_notifier = std::move(notifier);
    if (m_notifier && !m_events.empty()) {
        m_notified = false;
        notifyLocked();
    }
}

bool EventQueue::tryMerge(const SessionEvent &event)
{
    if (m_events.empty())
        return false;
    SessionEvent &last = m_events.back();
    if (last.kind != event.kind || last.connection != event.connection)
        return false;
    if (event.kind == SessionEvent::Kind::Received)
        last.data.append(event.data), last.count += event.count;
    else if (event.kind == SessionEvent::Kind::Written)
        last.count += event.count, last.messages += event.messages;
    else
        return false;
    return true;
}

void EventQueue::push(SessionEvent event, Merge merge)
{
    const qint64 payload = event.data.size();
    std::lock_guard lock(m_mutex);
    if (merge == Merge::WithPrevious && tryMerge(event)) {
        m_pendingBytes.fetch_add(payload, std::memory_order_relaxed);
    } else {
        // An event of its own costs its footprint too, so a flood of tiny datagrams is bounded as well.
        m_pendingBytes.fetch_add(payload + kEventFootprint, std::memory_order_relaxed);
        m_events.push_back(std::move(event));
    }
    notifyLocked();
}

void EventQueue::markReaderPaused()
{
    std::lock_guard lock(m_mutex);
    m_readersPaused = true;
    notifyLocked();
}

void EventQueue::notifyLocked()
{
    // Called with the mutex held, so the owner cannot disconnect between the check and the call.
    if (m_notified || !m_notifier)
        return;
    m_notified = true;
    m_notifier();
}

EventQueue::Batch EventQueue::takeAll()
{
    Batch batch;
    std::lock_guard lock(m_mutex);
    batch.events.swap(m_events);
    batch.readersPaused = std::exchange(m_readersPaused, false);
    m_notified = false;
    m_pendingBytes.store(0, std::memory_order_relaxed);
    return batch;
}

} // namespace core
