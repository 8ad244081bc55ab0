#include "ui/filesendpanel.h"

#include "ui/filesender.h"

#include <QHBoxLayout>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>

namespace ui {

FileSendPanel::FileSendPanel(QWidget *parent)
    : QWidget(parent)
    , m_sender(new FileSender(this))
    , m_progress(new QProgressBar(this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
{
    m_progress->setObjectName(QStringLiteral("fileProgress"));
    m_progress->setRange(0, 1000); // per mille: QProgressBar counts in int, files pass 2 GiB
    m_progress->setAccessibleName(tr("File sending progress"));
    m_progress->setToolTip(tr("Bytes of the file handed to the connection so far"));
    m_cancel->setObjectName(QStringLiteral("cancelFileButton"));
    m_cancel->setAccessibleName(tr("Cancel sending the file"));
    m_cancel->setToolTip(tr("Stop sending the file; the chunks already sent stay sent"));

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_progress, 1);
    layout->addWidget(m_cancel);

    connect(m_cancel, &QPushButton::clicked, this, &FileSendPanel::cancel);
    connect(m_sender, &FileSender::chunkReady, this, &FileSendPanel::chunkReady);
    connect(m_sender, &FileSender::progressed, this, &FileSendPanel::showProgress);
    connect(m_sender, &FileSender::finished, this, &FileSendPanel::finished);
}

QString FileSendPanel::start(const QString &path)
{
    return m_sender->start(path);
}

void FileSendPanel::cancel()
{
    m_sender->cancel();
}

void FileSendPanel::setPaused(bool paused)
{
    m_sender->setPaused(paused);
    if (m_sender->isActive())
        showProgress();
}

bool FileSendPanel::isActive() const
{
    return m_sender->isActive();
}

QString FileSendPanel::fileName() const
{
    return m_sender->fileName();
}

void FileSendPanel::showProgress()
{
    const qint64 sent = m_sender->bytesSent();
    const qint64 total = m_sender->totalBytes();
    const int permille = total > 0 ? int(sent * 1000 / total) : 1000;
    const QLocale locale;
    QString text = tr("%1: %2 of %3 (%4%)")
                       .arg(m_sender->fileName(), locale.formattedDataSize(sent), locale.formattedDataSize(total),
                            QString::number(permille / 10));
    if (m_sender->isPaused())
        text = tr("%1, waiting for the connection").arg(text);
    m_progress->setFormat(text);
    m_progress->setAccessibleDescription(text); // a progress bar's accessible value is the bare number
    m_progress->setValue(permille); // after the format, so valueChanged() listeners read the new text
}

} // namespace ui
