#include "ui/widgets/elidedlabel.h"

namespace ui {

ElidedLabel::ElidedLabel(QWidget *parent)
    : QLabel(parent)
{
    setTextFormat(Qt::PlainText);
    setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
}

void ElidedLabel::setFullText(const QString &text)
{
    if (text == m_text)
        return;
    m_text = text;
    setToolTip(text);
    elide();
}

void ElidedLabel::resizeEvent(QResizeEvent *event)
{
    QLabel::resizeEvent(event);
    elide();
}

void ElidedLabel::elide()
{
    const QString shown = fontMetrics().elidedText(m_text, Qt::ElideRight, qMax(0, contentsRect().width()));
    setText(shown);
    // The label reads its shown text; when that is cut, the description carries the rest.
    setAccessibleDescription(shown == m_text ? QString() : m_text);
}

} // namespace ui
