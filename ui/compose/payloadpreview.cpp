#include "ui/compose/payloadpreview.h"

#include "core/i18n/translations.h"
#include "ui/widgets/palettetone.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>

namespace ui {

PayloadPreview::PayloadPreview(QWidget *parent)
    : QWidget(parent)
    , m_bytes(new QLabel(this))
    , m_count(new QLabel(this))
{
    m_bytes->setObjectName(QStringLiteral("preview"));
    // Live labels carry no accessible name: a name would replace their changing text for screen readers.
    m_bytes->setTextFormat(Qt::PlainText);
    // Elided to its width instead of widening the window for a long payload.
    m_bytes->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_bytes->installEventFilter(this);
    m_count->setObjectName(QStringLiteral("byteCount"));
    m_count->setToolTip(tr("How many bytes Send will send, line ending included"));

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(10);
    layout->addWidget(m_bytes, 1);
    layout->addWidget(m_count);
}

void PayloadPreview::setPayload(const core::EncodedPayload &payload)
{
    m_isError = payload.error.isError();
    if (m_isError) {
        m_text = describeError(payload.error);
        m_bytes->setToolTip(tr("%1\nClick to move the cursor there.").arg(m_text));
        m_bytes->setCursor(Qt::PointingHandCursor);
        m_bytes->setFocusPolicy(Qt::TabFocus);
        m_count->clear();
        // Hex lines up in a fixed font; a sentence reads better, and fits more, in the normal one.
        m_bytes->setFont(QFont());
        setTextColour(m_bytes, errorColour(palette()));
        setElidedText(m_bytes, m_text);
        return;
    }
    showBytes(payload.bytes.isEmpty() ? tr("(nothing: zero bytes)") : previewOf(payload.bytes, payload.bytes.size()),
              payload.bytes.size());
}

void PayloadPreview::setLargePayload(const QByteArray &head, qint64 size)
{
    m_isError = false;
    showBytes(previewOf(head, size), size);
}

void PayloadPreview::setNote(const QString &note)
{
    m_isError = false;
    showBytes(note, -1);
}

QString PayloadPreview::previewOf(const QByteArray &head, qint64 size)
{
    const QByteArray shown = head.first(qMin(head.size(), kPreviewBytes));
    const qint64 left = size - shown.size();
    if (left <= 0)
        return core::toHex(shown);
    return tr("%1 … and %L2 more byte(s)", nullptr, core::pluralCount(left)).arg(core::toHex(shown)).arg(left);
}

// `size` < 0: `text` is a note, not bytes.
void PayloadPreview::showBytes(const QString &text, qint64 size)
{
    m_text = text;
    m_bytes->setToolTip(tr("The exact bytes Send will send, in hexadecimal"));
    m_bytes->unsetCursor();
    m_bytes->setFocusPolicy(Qt::NoFocus);
    if (size < 0)
        m_count->clear();
    else
        m_count->setText(tr("%L1 byte(s)", nullptr, core::pluralCount(size)).arg(size));
    m_bytes->setFont(size < 0 ? QFont() : QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setTextColour(m_bytes, std::nullopt);
    setElidedText(m_bytes, m_text);
}

QColor PayloadPreview::errorColour(const QPalette &palette)
{
    return isDark(palette, QPalette::Window) ? QColor(0xff, 0x8a, 0x80) : QColor(0xb7, 0x1c, 0x1c);
}

QString PayloadPreview::describeError(const core::PayloadError &error)
{
    return error.message; // core's sentence already names the position, counting from 1
}

void PayloadPreview::setTextColour(QLabel *label, const std::optional<QColor> &colour)
{
    QPalette palette;
    if (colour)
        palette.setColor(QPalette::WindowText, *colour);
    label->setPalette(palette);
}

void PayloadPreview::setElidedText(QLabel *label, const QString &text)
{
    const int width = label->contentsRect().width();
    label->setText(width > 0 ? label->fontMetrics().elidedText(text, Qt::ElideRight, width) : text);
    label->setAccessibleDescription(text);
}

bool PayloadPreview::eventFilter(QObject *watched, QEvent *event)
{
    if (watched != m_bytes)
        return QWidget::eventFilter(watched, event);
    if (event->type() == QEvent::Resize) {
        setElidedText(m_bytes, m_text);
    } else if (m_isError && event->type() == QEvent::MouseButtonRelease) {
        emit errorActivated();
        return true;
    } else if (m_isError && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if (key == Qt::Key_Return || key == Qt::Key_Enter || key == Qt::Key_Space) {
            emit errorActivated();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void PayloadPreview::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        setTextColour(m_bytes, m_isError ? std::optional(errorColour(palette())) : std::nullopt);
    QWidget::changeEvent(event);
}

} // namespace ui
