// SendRepeater: sends one payload again and again, every N ms, M times or until stopped, on a QTimer. The
// payload is fixed when the run starts, so editing the composer meanwhile does not change what repeats.
// It only emits fire(); whoever listens sends. Paused (the connection's back-pressure), a fire that comes due
// waits for the resume and goes then, once: the count stays exact. UI thread only (it lives in the send
// composer).
#pragma once

#include <QByteArray>
#include <QObject>
#include <QTimer>

namespace ui {

class SendRepeater : public QObject
{
    Q_OBJECT

public:
    explicit SendRepeater(QObject *parent = nullptr);

    // Fires once at once, then every `intervalMs` until `times` fires have happened (0: until stop()).
    // Restarts a run that is in progress.
    void start(const QByteArray &payload, int intervalMs, int times);
    void stop();
    // While paused no fire() is emitted; the first one due goes at the resume, later ones at the interval.
    // Kept across runs: a run started while paused waits for the resume too.
    void setPaused(bool paused);

    bool isActive() const { return m_active; }
    bool isPaused() const { return m_paused; }
    int sentCount() const { return m_sent; }
    int totalCount() const { return m_total; } // 0: until stopped

signals:
    void fire(const QByteArray &payload);
    void progressed(int sent, int total);
    // `stopped` is true when stop() ended the run before `times` fires.
    void finished(int sent, int total, bool stopped);

private:
    void onTimeout();
    enum class Ending : quint8 { Completed, Stopped };
    void fireOnce();
    void end(Ending ending);

    QTimer m_timer;
    QByteArray m_payload;
    int m_sent = 0;
    int m_total = 0;
    bool m_active = false;
    bool m_paused = false;
    bool m_due = false; // a fire came due while paused
};

} // namespace ui
