#include "core/session/session.h"

#include <QCoreApplication>

#include <algorithm>

namespace core {

Session::Session(IoThread &io, QObject *parent)
    : QObject(parent)
    , m_loop(io.sharedLoop())
    , m_capture(std::make_shared<CaptureStore>())
{
    qRegisterMetaType<core::SessionEvent>();
    qRegisterMetaType<core::SocketAddress>();
    qRegisterMetaType<core::SocketError>();
    qRegisterMetaType<core::SessionState>();
    m_sink.events = std::make_shared<EventQueue>();
    m_sink.capture = m_capture;
    m_drainTimer.setSingleShot(true);
    connect(&m_drainTimer, &QTimer::timeout, this, &Session::drain);
    m_sinceDrain.start();
    connect(&m_wakeup, &OwnerWakeup::woken, this, &Session::scheduleDrain);
    // Called on the I/O thread with the queue's lock held; the destructor clears it under the same lock,
    // so it never runs on a dead session.
    m_sink.events->setNotifier([wakeup = &m_wakeup] { wakeup->signal(); });
}

Session::~Session()
{
    m_sink.events->setNotifier({});
}

void Session::scheduleDrain()
{
    const qint64 since = m_sinceDrain.elapsed();
    if (since >= kMinDrainIntervalMs)
        drain();
    else if (!m_drainTimer.isActive())
        m_drainTimer.start(int(kMinDrainIntervalMs - since));
}

void Session::drain()
{
    m_drainTimer.stop();
    EventQueue::Batch batch = m_sink.events->takeAll();
    m_sinceDrain.restart();
    const TrafficCounters before = m_counters;
    for (const SessionEvent &event : batch.events) {
        count(event);
        handleEvent(event);
        emit eventOccurred(event);
    }
    if (batch.readersPaused)
        resumeReaders();
    if (!(before == m_counters))
        emit countersChanged();
}

void Session::deliverNow(SessionEvent event)
{
    if (event.timeUs == 0)
        event.timeUs = nowMicroseconds();
    count(event);
    handleEvent(event);
    emit eventOccurred(event);
}

void Session::rejectInput(ConnectionId connection, const QString &message)
{
    SessionEvent event;
    event.kind = SessionEvent::Kind::Error;
    event.connection = connection;
    event.error = SocketError::input(message);
    deliverNow(std::move(event));
}

void Session::setState(SessionState state)
{
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged(state);
}

QString Session::unsupportedEndpointProblem(const Endpoint &endpoint)
{
    if (!endpoint.isValid())
        return QCoreApplication::translate("core", "No address given: type one, such as 127.0.0.1.");
    return {};
}

void Session::count(const SessionEvent &event)
{
    if (event.kind == SessionEvent::Kind::Received) {
        const auto bytes = quint64(event.data.size());
        const auto reads = quint64(event.count);
        m_counters.bytesIn += bytes;
        m_counters.messagesIn += reads;
        auto &connection = m_connectionCounters[event.connection];
        connection.bytesIn += bytes;
        connection.messagesIn += reads;
    } else if (event.kind == SessionEvent::Kind::Written) {
        // A message counts as sent when its last byte is, so messages and bytes out always agree.
        auto &connection = m_connectionCounters[event.connection];
        m_counters.bytesOut += quint64(event.count);
        m_counters.messagesOut += quint64(event.messages);
        connection.bytesOut += quint64(event.count);
        connection.messagesOut += quint64(event.messages);
    } else if (event.kind == SessionEvent::Kind::Closed || event.kind == SessionEvent::Kind::Stopped) {
        noteEnded(event.connection);
    }
}

// Nothing more is counted for `id`: keep its figures among the last few ended, forget the oldest.
void Session::noteEnded(ConnectionId id)
{
    if (!m_connectionCounters.contains(id)
        || std::find(m_endedConnections.cbegin(), m_endedConnections.cend(), id) != m_endedConnections.cend())
        return;
    m_endedConnections.push_back(id);
    while (qsizetype(m_endedConnections.size()) > kKeptClosedConnections) {
        m_connectionCounters.remove(m_endedConnections.front());
        m_endedConnections.pop_front();
    }
}

} // namespace core
