// FileSender: reads a file in kChunkSize pieces on a zero-interval QTimer and hands each piece out as
// chunkReady(), so sending a large file never blocks the event loop nor holds the file in memory. Pausing
// (the connection's back-pressure) stops the timer; nothing is read until it resumes. It never sends
// anything itself: whoever listens to chunkReady() does. UI thread only (it lives in the send composer).
#pragma once

#include <QFile>
#include <QObject>
#include <QTimer>

namespace ui {

class FileSender : public QObject
{
    Q_OBJECT

public:
    static constexpr qint64 kChunkSize = 64 * 1024;

    explicit FileSender(QObject *parent = nullptr);

    // Opens `path` and starts reading on the next timer tick. Returns an error message for people (empty on
    // success); on failure nothing starts and no signal is emitted. Refused while a file is being sent.
    QString start(const QString &path);
    // Stops at the next chunk boundary: finished(bytesSent(), true, {}) is emitted before this returns.
    void cancel();
    void setPaused(bool paused);

    bool isActive() const { return m_file.isOpen(); }
    bool isPaused() const { return m_paused; }
    qint64 bytesSent() const { return m_sent; }
    // The size when the file was opened; a file that grows later is sent only up to this size.
    qint64 totalBytes() const { return m_total; }
    QString fileName() const;

signals:
    void chunkReady(const QByteArray &chunk);
    void progressed(qint64 sent, qint64 total);
    // `cancelled` is true after cancel() and after a read error (then `error` says what happened).
    void finished(qint64 sent, bool cancelled, const QString &error);

private:
    void sendNextChunk();
    void finish(bool cancelled, const QString &error);
    void updateTimer();

    QFile m_file;
    QTimer m_timer;
    qint64 m_sent = 0;
    qint64 m_total = 0;
    bool m_paused = false;
};

} // namespace ui
