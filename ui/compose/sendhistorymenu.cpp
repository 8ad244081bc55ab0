#include "ui/compose/sendhistorymenu.h"

#include "ui/compose/payloadformatbar.h"
#include "ui/compose/sendhistory.h"

namespace ui {

SendHistoryMenu::SendHistoryMenu(const SendHistory &history, QWidget *parent)
    : QMenu(parent)
    , m_history(history)
{
    setObjectName(QStringLiteral("historyMenu"));
    setAccessibleName(tr("Send history"));
    setToolTip(tr("The last payloads sent, newest first"));
    setToolTipsVisible(true);
    connect(this, &QMenu::aboutToShow, this, &SendHistoryMenu::fill);
}

void SendHistoryMenu::fill()
{
    clear();
    if (m_history.isEmpty()) {
        addAction(tr("Nothing sent yet"))->setEnabled(false);
        return;
    }
    for (qsizetype i = 0; i < m_history.size(); ++i) {
        const SendHistoryEntry &entry = m_history.at(i);
        QString line = entry.isSummary() ? SendHistory::summaryLine(entry) : entry.text.simplified();
        if (line.size() > kLineChars)
            line = line.left(kLineChars - 1) + QChar(0x2026);
        if (line.isEmpty())
            line = tr("(empty)");
        QAction *action = addAction(tr("%1: %2").arg(PayloadFormatBar::modeName(entry.mode), line));
        action->setToolTip(entry.isSummary() ? SendHistory::describe(entry) : entry.text);
        connect(action, &QAction::triggered, this, [this, i] { emit entryChosen(i); });
    }
    addSeparator();
    connect(addAction(tr("Clear History")), &QAction::triggered, this, &SendHistoryMenu::clearRequested);
}

} // namespace ui
