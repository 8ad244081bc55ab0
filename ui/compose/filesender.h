// FileSender: reads a file, or any open QIODevice (a QBuffer over a pasted payload), in kChunkSize pieces
// on a zero-interval QTimer and hands each piece out as chunkReady(), so sending a large payload never
// blocks the event loop nor holds a file in memory. Pausing (the connection's back-pressure) stops the
// timer; nothing is read until it resumes. It keeps a SHA-256 of what it handed out, for the send history.
// It never sends anything itself: whoever listens to chunkReady() does. UI thread only (it lives in the send
// composer).
#pragma once

#include <QCryptographicHash>
#include <QIODevice>
#include <QObject>
#include <QTimer>

#include <memory>

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
    // Sends what the open, readable `device` holds from its current position to its size then, shown as
    // `name`. The same contract as start(path).
    QString start(std::unique_ptr<QIODevice> device, const QString &name);
    // Stops at the next chunk boundary: finished(bytesSent(), true, {}) is emitted before this returns.
    void cancel();
    void setPaused(bool paused);

    bool isActive() const { return m_device != nullptr; }
    bool isPaused() const { return m_paused; }
    qint64 bytesSent() const { return m_sent; }
    // The size when the send started; a file that grows later is sent only up to this size.
    qint64 totalBytes() const { return m_total; }
    QString fileName() const { return m_name; }
    // After a send ended: the SHA-256 (raw bytes) of what it handed out.
    QByteArray sha256() const { return m_hash.result(); }

signals:
    void chunkReady(const QByteArray &chunk);
    void progressed(qint64 sent, qint64 total);
    // `cancelled` is true after cancel() and after a read error (then `error` says what happened).
    void finished(qint64 sent, bool cancelled, const QString &error);

private:
    enum class Ending : quint8 { Completed, Cancelled }; // a read error cancels too
    void sendNextChunk();
    void finish(Ending ending, const QString &error);
    void updateTimer();

    std::unique_ptr<QIODevice> m_device;
    QString m_name;
    QTimer m_timer;
    QCryptographicHash m_hash{QCryptographicHash::Sha256};
    qint64 m_sent = 0;
    qint64 m_total = 0;
    bool m_paused = false;
};

} // namespace ui
