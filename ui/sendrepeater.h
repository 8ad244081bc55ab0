// SendRepeater: sends one payload again and again, every N ms, M times or until stopped, on a QTimer. The
// payload is fixed when the run starts, so editing the composer meanwhile does not change what repeats.
// It only emits fire(); whoever listens sends. UI thread only (it lives in the send composer).
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

    bool isActive() const { return m_active; }
    int sentCount() const { return m_sent; }
    int totalCount() const { return m_total; } // 0: until stopped

signals:
    void fire(const QByteArray &payload);
    void progressed(int sent, int total);
    // `stopped` is true when stop() ended the run before `times` fires.
    void finished(int sent, int total, bool stopped);

private:
    void fireOnce();
    void end(bool stopped);

    QTimer m_timer;
    QByteArray m_payload;
    int m_sent = 0;
    int m_total = 0;
    bool m_active = false;
};

} // namespace ui
