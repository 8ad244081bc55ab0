// ReplyRulesEditor: the list of auto-reply rules a server or UDP tab answers with — a checkable list (on or
// off, in the order they are tried; the first that matches answers) beside the selected rule's form: name,
// how it matches (exact text, text prefix, regular expression, hex pattern with ??), the pattern, the reply
// as text, hex or escapes, and a delay. A pattern or reply that does not parse is said under the form with
// its position, and that rule is left out until it is fixed. A reply can be taken from one of the tab's saved
// messages (the composer's Messages menu). Rules are saved in the tab's settings.
// ReplyRuleDraft is a rule as the user typed it; core::ReplyRule is what the responders run. UI thread only.
#pragma once

#include "core/codec/payloadcodec.h"
#include "core/codec/replyrule.h"
#include "ui/compose/savedmessages.h"

#include <QList>
#include <QWidget>

#include <functional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSettings;
class QSpinBox;
class QToolButton;

namespace ui {

class FieldHint;

struct ReplyRuleDraft
{
    bool enabled = true;
    QString name;
    core::MatchKind match = core::MatchKind::Exact;
    QString pattern;
    QString replyText;
    core::PayloadMode replyMode = core::PayloadMode::Escapes;
    int delayMs = 0;

    // What is wrong with the pattern or the reply; empty when the rule can run.
    QString problem() const;
    // The rule the responders run (only meaningful when problem() is empty).
    core::ReplyRule toRule() const;
    // Takes a saved message's bytes as the reply: its own text and mode when they mean the same bytes here
    // (one line, UTF-8), else its bytes as hex (a hex message) or escapes ("line one\r\nline two", "\xe9"
    // for Latin-1's é). Returns what is wrong with the message (the draft unchanged), or empty.
    QString setReplyFrom(const SavedMessage &message);
    friend bool operator==(const ReplyRuleDraft &, const ReplyRuleDraft &) = default;
};

class ReplyRulesEditor : public QWidget
{
    Q_OBJECT

public:
    static constexpr int kMaxRules = 200;

    explicit ReplyRulesEditor(QWidget *parent = nullptr);

    QList<ReplyRuleDraft> drafts() const { return m_drafts; }
    void setDrafts(const QList<ReplyRuleDraft> &drafts);
    // The enabled rules without problems, in order: what the tab hands to core.
    std::vector<core::ReplyRule> runnableRules() const;

    // Where "From saved message" finds the tab's saved messages (asked each time its menu opens).
    void setSavedMessages(std::function<QList<SavedMessage>()> provider) { m_savedMessages = std::move(provider); }
    // The selected rule's reply becomes the saved message (as ReplyRuleDraft::setReplyFrom says).
    void useSavedMessage(const SavedMessage &message);

    // Under `key` in the tab's group, as an array; unknown values fall back per field, and at most kMaxRules
    // are read.
    void save(QSettings &settings, const QString &key) const;
    void restore(QSettings &settings, const QString &key);

    QListWidget *list() const { return m_list; }
    QString problemText() const;

public slots:
    void addRule();
    void removeRule();
    void moveUp();
    void moveDown();

signals:
    void rulesChanged();

private:
    void buildForm();
    void showRule(int row);
    void readForm();
    void refreshList();
    void updateControls();

    QList<ReplyRuleDraft> m_drafts;
    bool m_loading = false; // the form is being filled from a draft
    QListWidget *m_list = nullptr;
    QLineEdit *m_name = nullptr;
    QComboBox *m_match = nullptr;
    QLineEdit *m_pattern = nullptr;
    QComboBox *m_replyMode = nullptr;
    QLineEdit *m_reply = nullptr;
    QToolButton *m_fromSaved = nullptr;
    QSpinBox *m_delay = nullptr;
    FieldHint *m_problem = nullptr;
    QPushButton *m_add = nullptr;
    QPushButton *m_remove = nullptr;
    QPushButton *m_up = nullptr;
    QPushButton *m_down = nullptr;
    QWidget *m_form = nullptr;
    std::function<QList<SavedMessage>()> m_savedMessages;
};

} // namespace ui
