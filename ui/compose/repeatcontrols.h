// RepeatControls: the send composer's "Repeat every N ms, M times (0 = until stopped)" controls and the Stop
// button, in front of the SendRepeater that times the sends. While a run is going the settings are locked
// and Stop shows. A widget: UI thread only.
#pragma once

#include <QWidget>

class QCheckBox;
class QPushButton;
class QSettings;
class QSpinBox;

namespace ui {

class SendRepeater;

class RepeatControls : public QWidget
{
    Q_OBJECT

public:
    explicit RepeatControls(QWidget *parent = nullptr);

    bool isRepeatOn() const;
    bool isRunning() const;
    // Starts a run of `payload` with the interval and count shown.
    void start(const QByteArray &payload);
    void stop();
    // Back-pressure: see SendRepeater::setPaused().
    void setPaused(bool paused);
    bool isPaused() const;
    int sentCount() const;
    int totalCount() const; // 0: until stopped
    // "Sent 3 of 10", or while paused "Repeat paused: the peer is not reading — 3 of 10 sent".
    QString progressText(int sent, int total) const;

    // Keys "repeat", "repeatIntervalMs" and "repeatCount" in the settings' current group.
    void save(QSettings &settings) const;
    void restore(QSettings &settings);

signals:
    void fire(const QByteArray &payload);
    void progressed(int sent, int total);
    void runningChanged(bool running);
    void repeatToggled(bool on);

private:
    void updateControls();

    SendRepeater *m_repeater = nullptr;
    QCheckBox *m_repeat = nullptr;
    QSpinBox *m_interval = nullptr;
    QSpinBox *m_count = nullptr;
    QPushButton *m_stop = nullptr;
};

} // namespace ui
