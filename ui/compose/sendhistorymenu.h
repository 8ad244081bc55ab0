// SendHistoryMenu: the send composer's History drop-down: one line per SendHistory entry, newest first
// ("Hex: 48 65 6c"), then Clear History. Filled each time it opens, so it never goes stale. A widget: UI
// thread only.
#pragma once

#include <QMenu>

namespace ui {

class SendHistory;

class SendHistoryMenu : public QMenu
{
    Q_OBJECT

public:
    static constexpr qsizetype kLineChars = 60;

    // `history` must outlive the menu (the composer owns both).
    explicit SendHistoryMenu(const SendHistory &history, QWidget *parent = nullptr);

signals:
    void entryChosen(qsizetype index);
    void clearRequested();

private:
    void fill();

    const SendHistory &m_history;
};

} // namespace ui
