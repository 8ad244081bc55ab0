#include "ui/compose/filesendpanel.h"

#include "ui/compose/filesender.h"
#include "ui/compose/largepayload.h"
#include "ui/compose/payloadpreview.h"

#include <QEvent>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QIODevice>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>

namespace ui {

FileSendPanel::FileSendPanel(QWidget *parent)
    : QWidget(parent)
    , m_sender(new FileSender(this))
    , m_progress(new QProgressBar(this))
    , m_label(new QLabel(this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
{
    m_progress->setObjectName(QStringLiteral("fileProgress"));
    m_progress->setRange(0, 1000); // per mille: QProgressBar counts in int, files pass 2 GiB
    m_progress->setTextVisible(false); // the label says it, where a screen reader can read it
    m_progress->setMaximumWidth(120);
    m_progress->setAccessibleName(tr("File sending progress"));
    m_progress->setToolTip(tr("Bytes of the file handed to the connection so far"));
    // A live label: no accessible name, so screen readers read the changing text itself.
    m_label->setObjectName(QStringLiteral("fileProgressText"));
    m_label->setTextFormat(Qt::PlainText);
    m_label->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred); // elided, never widens the window
    m_label->installEventFilter(this);
    m_cancel->setObjectName(QStringLiteral("cancelFileButton"));
    m_cancel->setAccessibleName(tr("Cancel sending the file"));
    m_cancel->setToolTip(tr("Stop sending the file; the chunks already sent stay sent"));

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_progress, 1);
    layout->addWidget(m_label, 3);
    layout->addWidget(m_cancel);

    connect(m_cancel, &QPushButton::clicked, this, &FileSendPanel::cancel);
    connect(m_sender, &FileSender::chunkReady, this, &FileSendPanel::chunkReady);
    connect(m_sender, &FileSender::progressed, this, &FileSendPanel::showProgress);
    connect(m_sender, &FileSender::finished, this, &FileSendPanel::finished);
}

QString FileSendPanel::start(const QString &path)
{
    const QString error = m_sender->start(path);
    if (error.isEmpty()) {
        m_path = QFileInfo(path).absoluteFilePath();
        m_pasted = false;
    }
    return error;
}

QString FileSendPanel::start(const LargePayload &payload)
{
    QString error;
    std::unique_ptr<QIODevice> device = payload.open(&error);
    if (!device)
        return error;
    error = m_sender->start(std::move(device), payload.displayName());
    if (error.isEmpty()) {
        m_path = payload.filePath();
        m_pasted = !payload.isFile();
    }
    return error;
}

QString FileSendPanel::finishedMessage(qint64 sent, bool cancelled) const
{
    const QString size = QLocale().formattedDataSize(sent);
    if (m_pasted)
        return cancelled ? tr("Cancelled the pasted payload after %1.").arg(size)
                         : tr("Sent the pasted payload (%1).").arg(size);
    return cancelled ? tr("Cancelled “%1” after %2.").arg(fileName(), size) : tr("Sent “%1” (%2).").arg(fileName(), size);
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

QByteArray FileSendPanel::sha256() const
{
    return m_sender->sha256();
}

void FileSendPanel::showProgress()
{
    const qint64 sent = m_sender->bytesSent();
    const qint64 total = m_sender->totalBytes();
    const int permille = total > 0 ? int(sent * 1000 / total) : 1000;
    const QLocale locale;
    m_text = tr("%1: %2 of %3 (%L4%)")
                 .arg(m_sender->fileName(), locale.formattedDataSize(sent), locale.formattedDataSize(total))
                 .arg(permille / 10);
    if (m_sender->isPaused())
        m_text = tr("%1, waiting for the connection").arg(m_text);
    PayloadPreview::setElidedText(m_label, m_text);
    m_label->setToolTip(m_text);
    m_progress->setAccessibleDescription(m_text); // a progress bar's accessible value is the bare number
    m_progress->setValue(permille); // after the text, so valueChanged() listeners read the new text
}

bool FileSendPanel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_label && event->type() == QEvent::Resize)
        PayloadPreview::setElidedText(m_label, m_text);
    return QWidget::eventFilter(watched, event);
}

} // namespace ui
