// StallMeter: how long the UI thread was busy at a stretch — the longest gap between two ticks of a
// zero-interval timer on the thread that creates it. Used by UI tests (with a generous bound) and by the
// bench_ui_* programs (which print the figure). Header-only; test and benchmark code only.
#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

namespace testsupport {

class StallMeter
{
public:
    StallMeter()
    {
        m_timer.setInterval(0);
        QObject::connect(&m_timer, &QTimer::timeout, [this] { tick(); });
        m_clock.start();
        m_timer.start();
    }

    // The longest gap so far, counting the one still open now.
    double longestMs()
    {
        tick();
        return double(m_longestNs) / 1e6;
    }
    // longestMs(), then starts a new measurement.
    double take()
    {
        const double ms = longestMs();
        m_longestNs = 0;
        return ms;
    }

private:
    void tick()
    {
        const qint64 now = m_clock.nsecsElapsed();
        m_longestNs = qMax(m_longestNs, now - m_lastNs);
        m_lastNs = now;
    }

    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_lastNs = 0;
    qint64 m_longestNs = 0;
};

} // namespace testsupport
