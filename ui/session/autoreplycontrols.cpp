#include "ui/session/autoreplycontrols.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>

#include <algorithm>

namespace ui {

ReplyRulesDialog::ReplyRulesDialog(const QString &title, QWidget *parent)
    : QDialog(parent)
    , m_editor(new ReplyRulesEditor(this))
{
    setWindowTitle(title);
    setObjectName(QStringLiteral("replyRulesDialog"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::close);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_editor, 1);
    layout->addWidget(buttons);
    resize(720, 360);
}

AutoReplyControls::AutoReplyControls(const QString &checkboxText, const QString &dialogTitle, QWidget *parent)
    : QWidget(parent)
    , m_on(new QCheckBox(checkboxText, this))
    , m_edit(new QPushButton(this))
    , m_dialog(new ReplyRulesDialog(dialogTitle, this))
{
    m_on->setObjectName(QStringLiteral("autoReply"));
    m_on->setAccessibleName(tr("Auto-reply by rules"));
    m_on->setToolTip(tr("Answer each received message with the reply of the first rule it matches, on the I/O "
                        "thread; with echo on, what no rule matches is echoed"));
    m_edit->setObjectName(QStringLiteral("editRules"));
    m_edit->setToolTip(tr("Add, change, reorder and turn on or off the rules"));
    auto *row = new QHBoxLayout(this);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_on);
    row->addWidget(m_edit);
    connect(m_on, &QCheckBox::toggled, this, &AutoReplyControls::changed);
    connect(m_edit, &QPushButton::clicked, m_dialog, [this] {
        m_dialog->show();
        m_dialog->raise();
        m_dialog->activateWindow();
    });
    connect(m_dialog->editor(), &ReplyRulesEditor::rulesChanged, this, [this] {
        updateButton();
        if (isOn())
            emit changed();
    });
    updateButton();
}

bool AutoReplyControls::isOn() const
{
    return m_on->isChecked();
}

void AutoReplyControls::setOn(bool on)
{
    m_on->setChecked(on);
}

std::vector<core::ReplyRule> AutoReplyControls::activeRules() const
{
    return isOn() ? editor()->runnableRules() : std::vector<core::ReplyRule>{};
}

void AutoReplyControls::updateButton()
{
    const QList<ReplyRuleDraft> drafts = editor()->drafts();
    const auto active = std::count_if(drafts.begin(), drafts.end(), [](const ReplyRuleDraft &draft) {
        return draft.enabled && draft.problem().isEmpty();
    });
    m_edit->setText(tr("Rules (%1 of %2)…").arg(active).arg(drafts.size()));
    // The name says what the button does and, as its text does, how many rules run.
    m_edit->setAccessibleName(tr("Edit auto-reply rules (%1 of %2 in use)").arg(active).arg(drafts.size()));
}

void AutoReplyControls::save(QSettings &settings) const
{
    settings.setValue(QStringLiteral("autoReply"), isOn());
    editor()->save(settings, QStringLiteral("replyRules"));
}

void AutoReplyControls::restore(QSettings &settings)
{
    editor()->restore(settings, QStringLiteral("replyRules"));
    setOn(settings.value(QStringLiteral("autoReply"), false).toBool());
}

} // namespace ui
