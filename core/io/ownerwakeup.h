// OwnerWakeup: how an I/O thread wakes the thread that owns a session — an eventfd that any thread may
// signal() and a QSocketNotifier on the owner's Qt event loop that reads it and emits woken(). Signals
// between two wake-ups merge into one. Unlike a queued invokeMethod it allocates nothing per wake-up, and
// ThreadSanitizer sees the hand-over (a write and a read of one descriptor), so every access the owner
// makes after woken() is ordered after what the I/O thread did before signal().
// Construct, destroy and connect on the owner thread; signal() from any thread while the object lives.
#pragma once

#include "core/io/uniquefd.h"

#include <QObject>
#include <QSocketNotifier>

namespace core {

class OwnerWakeup : public QObject
{
    Q_OBJECT

public:
    explicit OwnerWakeup(QObject *parent = nullptr);

    void signal() const;

signals:
    void woken();

private:
    void drain();

    UniqueFd m_fd;
    QSocketNotifier m_notifier;
};

} // namespace core
