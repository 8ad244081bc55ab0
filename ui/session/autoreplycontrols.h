// AutoReplyControls: the server and UDP tabs' row for auto-reply — a checkbox that turns the rules on and a
// button that opens them — and ReplyRulesDialog, the non-modal window the button opens around a
// ReplyRulesEditor (it exists only for this row). UI thread only.
#pragma once

#include "ui/session/replyruleseditor.h"

#include <QDialog>
#include <QWidget>

class QCheckBox;
class QPushButton;
class QSettings;

namespace ui {

// The editor in a dialog of its own (non-modal: the tab keeps running while rules are edited).
class ReplyRulesDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ReplyRulesDialog(const QString &title, QWidget *parent = nullptr);
    ReplyRulesEditor *editor() const { return m_editor; }

private:
    ReplyRulesEditor *m_editor = nullptr;
};

// The tab's row for auto-reply: a checkbox that turns the rules on, and a button that opens the rules dialog
// and counts them ("Rules (3)…"). The server and UDP tabs each have one; `changed` says the tab must hand
// core its new responder.
class AutoReplyControls : public QWidget
{
    Q_OBJECT

public:
    // checkboxText carries the tab's mnemonic ("Auto-reply by &rules").
    AutoReplyControls(const QString &checkboxText, const QString &dialogTitle, QWidget *parent = nullptr);

    bool isOn() const;
    void setOn(bool on);
    // The rules to run while on: enabled, valid, in order (empty while off).
    std::vector<core::ReplyRule> activeRules() const;
    ReplyRulesEditor *editor() const { return m_dialog->editor(); }
    ReplyRulesDialog *dialog() const { return m_dialog; }
    QCheckBox *checkBox() const { return m_on; }

    void save(QSettings &settings) const;    // "autoReply" and the "replyRules" array
    void restore(QSettings &settings);

signals:
    void changed();

private:
    void updateButton();

    QCheckBox *m_on = nullptr;
    QPushButton *m_edit = nullptr;
    ReplyRulesDialog *m_dialog = nullptr;
};

} // namespace ui
