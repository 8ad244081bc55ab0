#include "ui/session/replyruleseditor.h"

#include "core/codec/payloadformat.h"
#include "ui/session/endpointfields.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

namespace ui {

QString ReplyRuleDraft::problem() const
{
    const core::ReplyMatcherParse matcher = core::compileMatcher(match, pattern);
    if (!matcher.matcher)
        return ReplyRulesEditor::tr("Pattern: %1").arg(matcher.error);
    const core::EncodedPayload reply = core::encodePayload(replyText, replyMode, QStringLiteral("UTF-8"),
                                                           core::LineEnding::None);
    if (reply.error.isError())
        return ReplyRulesEditor::tr("Reply: %1").arg(reply.error.message);
    return {};
}

core::ReplyRule ReplyRuleDraft::toRule() const
{
    core::ReplyRule rule;
    rule.enabled = enabled;
    rule.name = name;
    rule.match = match;
    rule.pattern = pattern;
    rule.reply = core::encodePayload(replyText, replyMode, QStringLiteral("UTF-8"), core::LineEnding::None).bytes;
    rule.delayMs = std::clamp(delayMs, 0, core::ReplyRule::kMaxDelayMs);
    return rule;
}

QString ReplyRuleDraft::setReplyFrom(const SavedMessage &message)
{
    const core::EncodedPayload bytes = core::encodePayload(message.text, message.mode, message.encoding,
                                                           core::LineEnding::None);
    if (bytes.error.isError())
        return bytes.error.message;
    const bool oneLine = !message.text.contains(QLatin1Char('\n')) && !message.text.contains(QLatin1Char('\r'));
    if (message.mode == core::PayloadMode::Hex) {
        replyMode = core::PayloadMode::Hex;
        replyText = core::toHex(bytes.bytes);
    } else if (oneLine && message.encoding.compare(QLatin1String("UTF-8"), Qt::CaseInsensitive) == 0) {
        replyMode = message.mode; // a rule reads text and escapes as UTF-8 too: the same bytes
        replyText = message.text;
    } else {
        replyMode = core::PayloadMode::Escapes;
        replyText = core::escapedPreview(bytes.bytes, -1); // parseEscapes reads exactly these bytes back
    }
    return {};
}

ReplyRulesEditor::ReplyRulesEditor(QWidget *parent)
    : QWidget(parent)
    , m_list(new QListWidget(this))
    , m_add(new QPushButton(tr("&Add"), this))
    , m_remove(new QPushButton(tr("&Remove"), this))
    , m_up(new QPushButton(tr("Move &up"), this))
    , m_down(new QPushButton(tr("Move do&wn"), this))
{
    setObjectName(QStringLiteral("replyRulesEditor"));
    m_list->setObjectName(QStringLiteral("rulesList"));
    m_list->setAccessibleName(tr("Auto-reply rules, tried in order"));
    m_list->setToolTip(tr("The first enabled rule that matches a message answers it; tick a rule to turn it on"));
    m_add->setObjectName(QStringLiteral("addRule"));
    m_remove->setObjectName(QStringLiteral("removeRule"));
    m_up->setObjectName(QStringLiteral("moveRuleUp"));
    m_down->setObjectName(QStringLiteral("moveRuleDown"));
    m_add->setToolTip(tr("Add a rule after the selected one"));
    m_remove->setToolTip(tr("Remove the selected rule"));
    m_up->setToolTip(tr("Try the selected rule earlier"));
    m_down->setToolTip(tr("Try the selected rule later"));
    buildForm();

    auto *buttons = new QVBoxLayout;
    for (QPushButton *button : {m_add, m_remove, m_up, m_down})
        buttons->addWidget(button);
    buttons->addStretch(1);
    auto *top = new QHBoxLayout;
    top->addWidget(m_list, 2);
    top->addLayout(buttons);
    top->addWidget(m_form, 3);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top, 1);
    layout->addWidget(m_problem);

    connect(m_list, &QListWidget::currentRowChanged, this, &ReplyRulesEditor::showRule);
    connect(m_list, &QListWidget::itemChanged, this, [this](QListWidgetItem *item) {
        const int row = m_list->row(item);
        if (m_loading || row < 0 || row >= m_drafts.size())
            return;
        const bool on = item->checkState() == Qt::Checked;
        if (m_drafts[row].enabled == on)
            return;
        m_drafts[row].enabled = on;
        emit rulesChanged();
    });
    connect(m_add, &QPushButton::clicked, this, &ReplyRulesEditor::addRule);
    connect(m_remove, &QPushButton::clicked, this, &ReplyRulesEditor::removeRule);
    connect(m_up, &QPushButton::clicked, this, &ReplyRulesEditor::moveUp);
    connect(m_down, &QPushButton::clicked, this, &ReplyRulesEditor::moveDown);
    updateControls();
}

void ReplyRulesEditor::buildForm()
{
    m_form = new QWidget(this);
    m_name = new QLineEdit(m_form);
    m_name->setObjectName(QStringLiteral("ruleName"));
    m_name->setAccessibleName(tr("Rule name"));
    m_name->setToolTip(tr("How the log names this rule when it answers"));
    m_match = new QComboBox(m_form);
    m_match->setObjectName(QStringLiteral("ruleMatch"));
    m_match->setAccessibleName(tr("Rule matches by"));
    m_match->setToolTip(tr("Exact and prefix compare the message's text; a regular expression searches it; a hex "
                           "pattern compares bytes, ?? for any byte, a final * for anything after"));
    m_match->addItem(tr("Exact text"), int(core::MatchKind::Exact));
    m_match->addItem(tr("Text prefix"), int(core::MatchKind::Prefix));
    m_match->addItem(tr("Regular expression"), int(core::MatchKind::Regex));
    m_match->addItem(tr("Hex pattern"), int(core::MatchKind::HexPattern));
    m_pattern = new QLineEdit(m_form);
    m_pattern->setObjectName(QStringLiteral("rulePattern"));
    m_pattern->setAccessibleName(tr("Rule pattern"));
    m_pattern->setToolTip(tr("What a received message must be, start with, contain (regular expression) or look "
                             "like in hex (e.g. 02 ?? 10 *)"));
    m_replyMode = new QComboBox(m_form);
    m_replyMode->setObjectName(QStringLiteral("ruleReplyMode"));
    m_replyMode->setAccessibleName(tr("Reply is written as"));
    m_replyMode->setToolTip(tr("How the reply below is read: plain text (UTF-8), hex bytes, or text with escapes "
                               "such as \\r\\n and \\x02"));
    m_replyMode->addItem(tr("Text"), int(core::PayloadMode::Text));
    m_replyMode->addItem(tr("Hex"), int(core::PayloadMode::Hex));
    m_replyMode->addItem(tr("Escapes"), int(core::PayloadMode::Escapes));
    m_reply = new QLineEdit(m_form);
    m_reply->setObjectName(QStringLiteral("ruleReply"));
    m_reply->setAccessibleName(tr("Rule reply"));
    m_reply->setToolTip(tr("The bytes sent back; the tab's framing adds its delimiter or length header"));
    m_fromSaved = new QToolButton(m_form);
    m_fromSaved->setObjectName(QStringLiteral("replyFromSaved"));
    m_fromSaved->setText(tr("From sa&ved message"));
    m_fromSaved->setAccessibleName(tr("Reply from a saved message"));
    m_fromSaved->setToolTip(tr("Use one of this tab's saved messages (the composer's Messages menu) as the reply"));
    m_fromSaved->setPopupMode(QToolButton::InstantPopup);
    auto *savedMenu = new QMenu(m_fromSaved);
    savedMenu->setObjectName(QStringLiteral("replyFromSavedMenu"));
    m_fromSaved->setMenu(savedMenu);
    connect(savedMenu, &QMenu::aboutToShow, this, [this, savedMenu] {
        savedMenu->clear();
        const QList<SavedMessage> saved = m_savedMessages ? m_savedMessages() : QList<SavedMessage>{};
        for (const SavedMessage &message : saved)
            savedMenu->addAction(message.name, this, [this, message] { useSavedMessage(message); });
        if (saved.isEmpty())
            savedMenu->addAction(tr("No saved messages: save one from the composer's Messages menu"))->setEnabled(false);
    });
    m_delay = new QSpinBox(m_form);
    m_delay->setObjectName(QStringLiteral("ruleDelay"));
    m_delay->setAccessibleName(tr("Reply delay"));
    m_delay->setToolTip(tr("Wait this long before answering (0: at once)"));
    m_delay->setRange(0, core::ReplyRule::kMaxDelayMs);
    m_delay->setSingleStep(100);
    m_delay->setSuffix(tr(" ms"));
    m_problem = new FieldHint(this);
    m_problem->setObjectName(QStringLiteral("ruleProblem"));

    auto *form = new QFormLayout(m_form);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("&Name"), m_name);
    form->addRow(tr("&Matches"), m_match);
    form->addRow(tr("&Pattern"), m_pattern);
    form->addRow(tr("Reply &as"), m_replyMode);
    auto *replyRow = new QHBoxLayout;
    replyRow->setContentsMargins(0, 0, 0, 0);
    replyRow->addWidget(m_reply, 1);
    replyRow->addWidget(m_fromSaved);
    form->addRow(tr("Rep&ly"), replyRow);
    // A label made by addRow(text, layout) has no buddy: give it the line edit, so Alt+L and AT-SPI find it.
    if (auto *label = qobject_cast<QLabel *>(form->labelForField(replyRow)))
        label->setBuddy(m_reply);
    form->addRow(tr("&Delay"), m_delay);

    connect(m_name, &QLineEdit::textChanged, this, &ReplyRulesEditor::readForm);
    connect(m_match, &QComboBox::currentIndexChanged, this, &ReplyRulesEditor::readForm);
    connect(m_pattern, &QLineEdit::textChanged, this, &ReplyRulesEditor::readForm);
    connect(m_replyMode, &QComboBox::currentIndexChanged, this, &ReplyRulesEditor::readForm);
    connect(m_reply, &QLineEdit::textChanged, this, &ReplyRulesEditor::readForm);
    connect(m_delay, &QSpinBox::valueChanged, this, &ReplyRulesEditor::readForm);
}

void ReplyRulesEditor::setDrafts(const QList<ReplyRuleDraft> &drafts)
{
    m_drafts = drafts.mid(0, kMaxRules);
    refreshList();
    m_list->setCurrentRow(m_drafts.isEmpty() ? -1 : 0);
    showRule(m_list->currentRow());
    emit rulesChanged();
}

std::vector<core::ReplyRule> ReplyRulesEditor::runnableRules() const
{
    std::vector<core::ReplyRule> rules;
    for (const ReplyRuleDraft &draft : m_drafts)
        if (draft.enabled && draft.problem().isEmpty())
            rules.push_back(draft.toRule());
    return rules;
}

void ReplyRulesEditor::addRule()
{
    if (m_drafts.size() >= kMaxRules)
        return;
    const int row = m_list->currentRow() + 1;
    ReplyRuleDraft draft;
    draft.name = tr("Rule %1").arg(m_drafts.size() + 1);
    draft.pattern = QStringLiteral("PING");
    draft.replyText = QStringLiteral("PONG");
    m_drafts.insert(row, draft);
    refreshList();
    m_list->setCurrentRow(row);
    m_name->setFocus();
    m_name->selectAll();
    emit rulesChanged();
}

void ReplyRulesEditor::removeRule()
{
    const int row = m_list->currentRow();
    if (row < 0 || row >= m_drafts.size())
        return;
    m_drafts.removeAt(row);
    refreshList();
    m_list->setCurrentRow(std::min(row, int(m_drafts.size()) - 1));
    showRule(m_list->currentRow());
    emit rulesChanged();
}

void ReplyRulesEditor::moveUp()
{
    const int row = m_list->currentRow();
    if (row <= 0 || row >= m_drafts.size())
        return;
    m_drafts.swapItemsAt(row, row - 1);
    refreshList();
    m_list->setCurrentRow(row - 1);
    emit rulesChanged();
}

void ReplyRulesEditor::moveDown()
{
    const int row = m_list->currentRow();
    if (row < 0 || row + 1 >= m_drafts.size())
        return;
    m_drafts.swapItemsAt(row, row + 1);
    refreshList();
    m_list->setCurrentRow(row + 1);
    emit rulesChanged();
}

void ReplyRulesEditor::showRule(int row)
{
    const bool valid = row >= 0 && row < m_drafts.size();
    m_form->setEnabled(valid);
    m_loading = true;
    const ReplyRuleDraft draft = valid ? m_drafts[row] : ReplyRuleDraft{};
    m_name->setText(draft.name);
    m_match->setCurrentIndex(m_match->findData(int(draft.match)));
    m_pattern->setText(draft.pattern);
    m_replyMode->setCurrentIndex(m_replyMode->findData(int(draft.replyMode)));
    m_reply->setText(draft.replyText);
    m_delay->setValue(draft.delayMs);
    m_loading = false;
    updateControls();
}

void ReplyRulesEditor::readForm()
{
    const int row = m_list->currentRow();
    if (m_loading || row < 0 || row >= m_drafts.size())
        return;
    ReplyRuleDraft draft = m_drafts[row];
    draft.name = m_name->text();
    draft.match = core::MatchKind(m_match->currentData().toInt());
    draft.pattern = m_pattern->text();
    draft.replyMode = core::PayloadMode(m_replyMode->currentData().toInt());
    draft.replyText = m_reply->text();
    draft.delayMs = m_delay->value();
    if (draft == m_drafts[row])
        return;
    m_drafts[row] = draft;
    refreshList();
    updateControls();
    emit rulesChanged();
}

void ReplyRulesEditor::useSavedMessage(const SavedMessage &message)
{
    const int row = m_list->currentRow();
    if (row < 0 || row >= m_drafts.size())
        return;
    ReplyRuleDraft draft = m_drafts[row];
    const QString problem = draft.setReplyFrom(message);
    if (!problem.isEmpty()) {
        m_problem->setProblem(tr("Saved message “%1” cannot be a reply: %2").arg(message.name, problem));
        return;
    }
    m_loading = true; // one change, not one per field
    m_replyMode->setCurrentIndex(m_replyMode->findData(int(draft.replyMode)));
    m_reply->setText(draft.replyText);
    m_loading = false;
    readForm();
}

void ReplyRulesEditor::refreshList()
{
    m_loading = true;
    const int current = m_list->currentRow();
    while (m_list->count() > m_drafts.size())
        delete m_list->takeItem(m_list->count() - 1);
    while (m_list->count() < m_drafts.size())
        m_list->addItem(new QListWidgetItem(m_list));
    for (int row = 0; row < m_drafts.size(); ++row) {
        const ReplyRuleDraft &draft = m_drafts[row];
        QListWidgetItem *item = m_list->item(row);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(draft.enabled ? Qt::Checked : Qt::Unchecked);
        const QString problem = draft.problem();
        const QString name = draft.name.isEmpty() ? tr("(unnamed)") : draft.name;
        item->setText(problem.isEmpty() ? name : tr("%1 — not valid").arg(name));
        item->setToolTip(problem.isEmpty() ? tr("Matches “%1”").arg(draft.pattern) : problem);
    }
    if (current >= 0 && current < m_list->count())
        m_list->setCurrentRow(current);
    m_loading = false;
}

QString ReplyRulesEditor::problemText() const
{
    return m_problem->isHidden() ? QString() : m_problem->text();
}

void ReplyRulesEditor::updateControls()
{
    const int row = m_list->currentRow();
    const bool valid = row >= 0 && row < m_drafts.size();
    m_remove->setEnabled(valid);
    m_up->setEnabled(valid && row > 0);
    m_down->setEnabled(valid && row + 1 < m_drafts.size());
    m_add->setEnabled(m_drafts.size() < kMaxRules);
    const QString problem = valid ? m_drafts[row].problem() : QString();
    m_problem->setProblem(
        problem.isEmpty() ? QString() : tr("%1 This rule is left out until it is fixed.").arg(problem));
}

void ReplyRulesEditor::save(QSettings &settings, const QString &key) const
{
    settings.beginWriteArray(key, int(m_drafts.size()));
    for (int i = 0; i < m_drafts.size(); ++i) {
        const ReplyRuleDraft &draft = m_drafts[i];
        settings.setArrayIndex(i);
        settings.setValue(QStringLiteral("enabled"), draft.enabled);
        settings.setValue(QStringLiteral("name"), draft.name);
        settings.setValue(QStringLiteral("match"), int(draft.match));
        settings.setValue(QStringLiteral("pattern"), draft.pattern);
        settings.setValue(QStringLiteral("reply"), draft.replyText);
        settings.setValue(QStringLiteral("replyMode"), int(draft.replyMode));
        settings.setValue(QStringLiteral("delayMs"), draft.delayMs);
    }
    settings.endArray();
}

void ReplyRulesEditor::restore(QSettings &settings, const QString &key)
{
    QList<ReplyRuleDraft> drafts;
    const int count = std::min(settings.beginReadArray(key), kMaxRules);
    for (int i = 0; i < count; ++i) {
        settings.setArrayIndex(i);
        ReplyRuleDraft draft;
        draft.enabled = settings.value(QStringLiteral("enabled"), true).toBool();
        draft.name = settings.value(QStringLiteral("name")).toString();
        const int match = settings.value(QStringLiteral("match")).toInt();
        draft.match = match >= 0 && match <= int(core::MatchKind::HexPattern) ? core::MatchKind(match)
                                                                             : core::MatchKind::Exact;
        draft.pattern = settings.value(QStringLiteral("pattern")).toString();
        draft.replyText = settings.value(QStringLiteral("reply")).toString();
        const int mode = settings.value(QStringLiteral("replyMode"), int(core::PayloadMode::Escapes)).toInt();
        draft.replyMode = mode >= 0 && mode <= int(core::PayloadMode::Escapes) ? core::PayloadMode(mode)
                                                                               : core::PayloadMode::Escapes;
        draft.delayMs = std::clamp(settings.value(QStringLiteral("delayMs")).toInt(), 0, core::ReplyRule::kMaxDelayMs);
        drafts << draft;
    }
    settings.endArray();
    setDrafts(drafts);
}

} // namespace ui
