// PausedHint: the small button in a list's bottom-right corner that says auto-scroll is paused and how many
// new items arrived since; clicking it asks to resume. It parents itself to the list, places itself over
// the viewport and follows its resizes. Shared by the traffic list and the connection log. UI thread only.
#pragma once

#include <QPushButton>

class QAbstractScrollArea;

namespace ui {

class PausedHint : public QPushButton
{
    Q_OBJECT

public:
    enum class Unit { Rows, Lines };

    PausedHint(QAbstractScrollArea *list, Unit unit, const QString &toolTip);

    // Hidden while following; otherwise shows the count of items that arrived while paused.
    void showState(bool following, int newItems);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void place();

    QWidget *m_viewport; // the list's viewport: a sibling-in-lifetime, since both die with the list
    Unit m_unit;
};

} // namespace ui
