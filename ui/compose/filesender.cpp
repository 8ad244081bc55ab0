#include "ui/compose/filesender.h"

#include "core/i18n/translations.h"

#include <QDir>
#include <QFile>
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
    auto file = std::make_unique<QFile>(path);
    if (!file->open(QIODevice::ReadOnly)) {
        const QString reason = file->errorString();
        return tr("Cannot open “%1”: %2.").arg(QDir::toNativeSeparators(path), reason);
    }
    return start(std::move(file), info.fileName());
}

QString FileSender::start(std::unique_ptr<QIODevice> device, const QString &name)
{
    if (isActive())
        return tr("A file is already being sent; cancel it first.");
    if (!device || !device->isReadable())
        return tr("“%1” cannot be read.").arg(name);
    m_device = std::move(device);
    m_name = name;
    m_hash.reset();
    m_sent = 0;
    m_total = qMax(qint64(0), m_device->size() - m_device->pos());
    updateTimer();
    emit progressed(0, m_total);
    return {};
}

void FileSender::cancel()
{
    if (isActive())
        finish(Ending::Cancelled, {});
}

void FileSender::setPaused(bool paused)
{
    m_paused = paused;
    updateTimer();
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
        finish(Ending::Completed, {});
        return;
    }
    const QByteArray chunk = m_device->read(qMin(kChunkSize, m_total - m_sent));
    if (chunk.isEmpty()) {
        // A read error, or a file that shrank under us: either way the rest cannot be sent.
        const auto *file = qobject_cast<const QFileDevice *>(m_device.get());
        const QString reason = file && file->error() != QFileDevice::NoError
                                   ? file->errorString()
                                   : tr("the file became shorter while it was being sent");
        const QString error = tr("Reading “%1” stopped after %L2 byte(s): %3.", nullptr, core::pluralCount(m_sent))
                                  .arg(m_name)
                                  .arg(m_sent)
                                  .arg(reason);
        finish(Ending::Cancelled, error);
        return;
    }
    m_sent += chunk.size();
    m_hash.addData(chunk);
    emit chunkReady(chunk);
    // A listener may have cancelled (the connection closed) while handling the chunk.
    if (!isActive())
        return;
    emit progressed(m_sent, m_total);
    if (m_sent >= m_total)
        finish(Ending::Completed, {});
}

void FileSender::finish(Ending ending, const QString &error)
{
    m_timer.stop();
    // Released before the signal, so a listener sees the sender idle and may start the next send.
    m_device.reset();
    emit finished(m_sent, ending == Ending::Cancelled, error);
}

} // namespace ui
