#include "ui/filesender.h"

#include <QDir>
#include <QFileInfo>

namespace ui {

FileSender::FileSender(QObject *parent)
    : QObject(parent)
{
    // Zero interval: one chunk per pass of the event loop, so input and painting stay responsive between
    // chunks while a file on a fast link still goes out at full speed.
    m_timer.setInterval(0);
    connect(&m_timer, &QTimer::timeout, this, &FileSender::sendNextChunk);
}

QString FileSender::start(const QString &path)
{
    if (isActive())
        return tr("A file is already being sent; cancel it first.");
    const QFileInfo info(path);
    if (info.isDir())
        return tr("“%1” is a folder; choose a file.").arg(QDir::toNativeSeparators(path));
    m_file.setFileName(path);
    if (!m_file.open(QIODevice::ReadOnly)) {
        const QString reason = m_file.errorString();
        return tr("Cannot open “%1”: %2.").arg(QDir::toNativeSeparators(path), reason);
    }
    m_sent = 0;
    m_total = m_file.size();
    updateTimer();
    emit progressed(0, m_total);
    return {};
}

void FileSender::cancel()
{
    if (isActive())
        finish(true, {});
}

void FileSender::setPaused(bool paused)
{
    m_paused = paused;
    updateTimer();
}

QString FileSender::fileName() const
{
    return QFileInfo(m_file.fileName()).fileName();
}

void FileSender::updateTimer()
{
    if (isActive() && !m_paused)
        m_timer.start();
    else
        m_timer.stop();
}

void FileSender::sendNextChunk()
{
    if (m_sent >= m_total) {
        finish(false, {});
        return;
    }
    const QByteArray chunk = m_file.read(qMin(kChunkSize, m_total - m_sent));
    if (chunk.isEmpty()) {
        // A read error, or a file that shrank under us: either way the rest cannot be sent.
        const QString reason = m_file.error() != QFileDevice::NoError
                                   ? m_file.errorString()
                                   : tr("the file became shorter while it was being sent");
        finish(true, tr("Reading “%1” stopped after %2 bytes: %3.").arg(fileName()).arg(m_sent).arg(reason));
        return;
    }
    m_sent += chunk.size();
    emit chunkReady(chunk);
    // A listener may have cancelled (the connection closed) while handling the chunk.
    if (!isActive())
        return;
    emit progressed(m_sent, m_total);
    if (m_sent >= m_total)
        finish(false, {});
}

void FileSender::finish(bool cancelled, const QString &error)
{
    m_timer.stop();
    m_file.close();
    emit finished(m_sent, cancelled, error);
}

} // namespace ui
