#include "ui/widgets/pausedhint.h"

#include <QAbstractScrollArea>
#include <QEvent>

namespace ui {

PausedHint::PausedHint(QAbstractScrollArea *list, Unit unit, const QString &toolTip)
    : QPushButton(list)
    , m_viewport(list->viewport())
    , m_unit(unit)
{
    setAccessibleName(tr("Resume auto-scroll"));
    setToolTip(toolTip);
    setVisible(false);
    // Taking focus would hand it back to the list when the hint hides, and a list that gains focus without
    // a current row makes the first row current and scrolls to the top.
    setFocusPolicy(Qt::NoFocus);
    // The viewport, not the list: its geometry is final by the time it hears of the resize.
    m_viewport->installEventFilter(this);
}

void PausedHint::showState(bool following, int newItems)
{
    if (following) {
        setVisible(false);
        return;
    }
    const bool rows = m_unit == Unit::Rows;
    if (newItems == 0)
        setText(tr("Auto-scroll paused"));
    else
        setText(rows ? tr("Auto-scroll paused — %Ln new row(s)", nullptr, newItems)
                     : tr("Auto-scroll paused — %Ln new line(s)", nullptr, newItems));
    adjustSize();
    place();
    setVisible(true);
    raise();
}

void PausedHint::place()
{
    const QRect area = m_viewport->geometry();
    const QSize size = sizeHint();
    move(area.right() - size.width() - 8, area.bottom() - size.height() - 8);
}

bool PausedHint::eventFilter(QObject *watched, QEvent *event)
{
    // Only the remembered pointer is compared: while the list is being destroyed it is no longer a list.
    if (watched == m_viewport && event->type() == QEvent::Resize && isVisible())
        place();
    return QPushButton::eventFilter(watched, event);
}

} // namespace ui
