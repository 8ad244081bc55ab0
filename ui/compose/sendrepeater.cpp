#include "ui/compose/sendrepeater.h"

namespace ui {

SendRepeater::SendRepeater(QObject *parent)
    : QObject(parent)
{
    // Precise: at 10 ms a coarse timer may drift by 5%, which a person testing a rate limiter would notice.
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &SendRepeater::onTimeout);
}

void SendRepeater::start(const QByteArray &payload, int intervalMs, int times)
{
    m_timer.stop();
    m_payload = payload;
    m_sent = 0;
    m_total = qMax(0, times);
    m_active = true;
    m_due = false;
    m_timer.setInterval(qMax(1, intervalMs));
    if (m_paused) {
        m_due = true; // the first fire waits for the resume
        return;
    }
    fireOnce();
    if (m_active)
        m_timer.start();
}

void SendRepeater::setPaused(bool paused)
{
    if (paused == m_paused)
        return;
    m_paused = paused;
    if (paused || !m_active || !m_due)
        return;
    // The fire that came due while paused goes now; the interval counts from it.
    m_due = false;
    fireOnce();
    if (m_active)
        m_timer.start();
}

void SendRepeater::onTimeout()
{
    if (m_paused) {
        // Held, not skipped: one fire is owed, however many intervals the pause lasts.
        m_due = true;
        m_timer.stop();
        return;
    }
    fireOnce();
}

void SendRepeater::stop()
{
    if (m_active)
        end(Ending::Stopped);
}

void SendRepeater::fireOnce()
{
    ++m_sent;
    emit fire(m_payload);
    // A listener may have stopped the run (the connection closed) while sending.
    if (!m_active)
        return;
    emit progressed(m_sent, m_total);
    if (m_total > 0 && m_sent >= m_total)
        end(Ending::Completed);
}

void SendRepeater::end(Ending ending)
{
    m_timer.stop();
    m_active = false;
    m_due = false;
    emit finished(m_sent, m_total, ending == Ending::Stopped);
}

} // namespace ui
