#include "ui/compose/composermessageline.h"

#include "ui/compose/payloadpreview.h"

namespace ui {

ComposerMessageLine::ComposerMessageLine(QWidget *parent)
    : QLabel(parent)
{
    setObjectName(QStringLiteral("composerStatus"));
    setTextFormat(Qt::PlainText);
    // Elided to its width: a long file error must not widen the window.
    setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    showMessage({});
}

void ComposerMessageLine::showMessage(const QString &message, Tone tone)
{
    m_message = message;
    m_tone = tone;
    setToolTip(message.isEmpty() ? tr("How repeat runs and file sends went") : message);
    PayloadPreview::setTextColour(this, tone == Tone::Error ? std::optional(PayloadPreview::errorColour(palette()))
                                                            : std::nullopt);
    PayloadPreview::setElidedText(this, message);
}

void ComposerMessageLine::resizeEvent(QResizeEvent *event)
{
    QLabel::resizeEvent(event);
    PayloadPreview::setElidedText(this, m_message);
}

} // namespace ui
