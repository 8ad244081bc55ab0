#include "ui/compose/largepayloadcard.h"

#include "core/i18n/translations.h"
#include "ui/widgets/backgroundjob.h"
#include "ui/compose/payloadpreview.h"

#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSaveFile>
#include <QVBoxLayout>

namespace ui {

namespace {

using Tone = ComposerMessageLine::Tone;

QString defaultSaveFileChooser(QWidget *parent)
{
    return QFileDialog::getSaveFileName(parent, LargePayloadCard::tr("Save the Pasted Payload"));
}

// Runs on a worker thread: an empty string on success, else why it failed.
QString writeFile(const QString &path, const QByteArray &bytes)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return file.errorString();
    return {};
}

} // namespace

LargePayloadCard::LargePayloadCard(QWidget *parent)
    : QFrame(parent)
    , m_label(new QLabel(this))
    , m_save(new QPushButton(tr("Save as File…"), this))
    , m_discard(new QPushButton(tr("Discard"), this))
    , m_chooser(defaultSaveFileChooser)
{
    setObjectName(QStringLiteral("largePayloadCard"));
    setFrameShape(QFrame::StyledPanel);
    setAccessibleName(tr("Large payload"));
    setToolTip(tr("Too large for the editor: held as bytes (or a file) and sent in 64 KiB chunks"));
    // A live label: no accessible name, so screen readers read what it says.
    m_label->setObjectName(QStringLiteral("largePayloadText"));
    m_label->setTextFormat(Qt::PlainText);
    m_label->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred); // elided, never widens the window
    m_label->installEventFilter(this);
    m_save->setObjectName(QStringLiteral("saveLargePayloadButton"));
    m_save->setAccessibleName(tr("Save the pasted payload as a file"));
    m_save->setToolTip(tr("Write the pasted bytes to a file; Send then sends that file and the memory is freed"));
    m_discard->setObjectName(QStringLiteral("discardLargePayloadButton"));
    m_discard->setAccessibleName(tr("Discard the large payload"));
    m_discard->setToolTip(tr("Forget the pasted bytes or file and go back to the editor"));

    auto *row = new QHBoxLayout;
    row->addWidget(m_label, 1);
    row->addWidget(m_save);
    row->addWidget(m_discard);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 4);
    layout->addLayout(row);
    layout->addStretch(1);

    setFocusProxy(m_discard); // focus that was in the editor lands here when the card replaces it
    connect(m_save, &QPushButton::clicked, this, &LargePayloadCard::saveAs);
    connect(m_discard, &QPushButton::clicked, this, &LargePayloadCard::discard);
}

void LargePayloadCard::offerText(const QString &text, core::PayloadMode mode, const QString &encoding,
                                 core::LineEnding ending)
{
    const quint64 job = ++m_job;
    m_payload = {};
    m_converting = true;
    m_saving = false;
    m_save->setVisible(false);
    showText(tr("Converting the pasted %L1 character(s) to bytes…", nullptr, core::pluralCount(text.size()))
                 .arg(text.size()));
    emit changed();
    // Encoding 50 MB takes 0.1 to 0.3 s (more in some ICU codecs): too long for the UI thread.
    runInBackground<core::EncodedPayload>(
        this, [text, mode, encoding, ending] { return core::encodePayload(text, mode, encoding, ending); },
        [this, job](core::EncodedPayload encoded) { onEncoded(job, encoded); });
}

bool LargePayloadCard::offerFile(const QString &path)
{
    const QFileInfo info(path);
    if (!info.isFile() || !info.isReadable()) {
        emit message(tr("“%1” cannot be sent: it is not a readable file.").arg(QDir::toNativeSeparators(path)),
                     Tone::Error);
        return false;
    }
    ++m_job;
    m_converting = false;
    hold(LargePayload::fromFile(path));
    return true;
}

void LargePayloadCard::discard()
{
    ++m_job; // a conversion or save still running reports to nobody
    m_payload = {};
    m_converting = false;
    m_saving = false;
    showText({});
    emit changed();
}

void LargePayloadCard::saveAs()
{
    if (m_payload.isNull() || m_payload.isFile() || m_saving)
        return;
    const QString path = m_chooser ? m_chooser(this) : QString();
    if (path.isEmpty())
        return;
    const quint64 job = ++m_job;
    m_saving = true;
    m_save->setEnabled(false);
    showText(tr("%1 · saving to “%2”…").arg(m_payload.description(), QFileInfo(path).fileName()));
    runInBackground<QString>(
        this, [path, bytes = m_payload.bytes()] { return writeFile(path, bytes); },
        [this, job, path](QString error) { onSaved(job, path, error); });
}

void LargePayloadCard::hold(const LargePayload &payload)
{
    m_payload = payload;
    m_saving = false;
    m_save->setVisible(!payload.isFile());
    m_save->setEnabled(true);
    showText(payload.description());
    emit changed();
}

void LargePayloadCard::onEncoded(quint64 job, const core::EncodedPayload &encoded)
{
    if (job != m_job)
        return;
    m_converting = false;
    if (encoded.error.isError()) {
        discard();
        emit message(tr("The pasted text was not kept: %1").arg(PayloadPreview::describeError(encoded.error)),
                     Tone::Error);
        return;
    }
    hold(LargePayload::fromBytes(encoded.bytes));
}

void LargePayloadCard::onSaved(quint64 job, const QString &path, const QString &error)
{
    if (job != m_job)
        return;
    const QString native = QDir::toNativeSeparators(path);
    if (!error.isEmpty()) {
        hold(m_payload);
        emit message(tr("Could not save “%1”: %2.").arg(native, error), Tone::Error);
        return;
    }
    const QString size = QLocale().formattedDataSize(m_payload.size());
    hold(LargePayload::fromFile(path));
    emit message(tr("Saved %1 to “%2”; Send now sends that file.").arg(size, native), Tone::Info);
}

void LargePayloadCard::showText(const QString &text)
{
    m_text = text;
    m_label->setToolTip(text);
    PayloadPreview::setElidedText(m_label, text);
}

bool LargePayloadCard::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_label && event->type() == QEvent::Resize)
        PayloadPreview::setElidedText(m_label, m_text);
    return QFrame::eventFilter(watched, event);
}

} // namespace ui
