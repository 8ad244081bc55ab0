// SavedMessages: the named messages a tab keeps (what the editor held: text, input mode, encoding), sent
// with one click from the composer's Messages menu, and the menu itself: each saved message to send, Load
// (into the editor, to change it), Delete, "Save the editor's message as…", and the tab's templates (an HTTP
// GET for the client's target, an HTTP response for the server). Saved under the composer's group.
// UI thread only.
#pragma once

#include "core/codec/payloadcodec.h"

#include <QList>
#include <QMenu>
#include <QString>

#include <functional>

class QSettings;

namespace ui {

struct SavedMessage
{
    QString name;
    QString text;
    core::PayloadMode mode = core::PayloadMode::Escapes;
    QString encoding = QStringLiteral("UTF-8");
    friend bool operator==(const SavedMessage &, const SavedMessage &) = default;
};

// A template the tab offers, filled when the menu opens (the client's GET names the host typed then).
using TemplateProvider = std::function<QList<SavedMessage>()>;

class SavedMessages
{
public:
    static constexpr qsizetype kMaxMessages = 100;
    static constexpr qsizetype kMaxTextChars = 64 * 1024; // a saved message is for typing, not for files

    const QList<SavedMessage> &messages() const { return m_messages; }
    // Replaces one of the same name, else adds; false (nothing kept) when the name is empty, the text too
    // long or the list full.
    bool save(const SavedMessage &message);
    void remove(qsizetype index);

    void write(QSettings &settings) const; // "saved" array in the current group
    void read(QSettings &settings);        // at most kMaxMessages; bad entries are skipped

private:
    QList<SavedMessage> m_messages;
};

class SavedMessagesMenu : public QMenu
{
    Q_OBJECT

public:
    // `saved` must outlive the menu (the composer owns both).
    explicit SavedMessagesMenu(const SavedMessages &saved, QWidget *parent = nullptr);
    void setTemplates(TemplateProvider provider) { m_templates = std::move(provider); }

signals:
    void sendRequested(qsizetype index);
    void loadRequested(const ui::SavedMessage &message);
    void deleteRequested(qsizetype index);
    void saveRequested();

private:
    void fill();

    const SavedMessages &m_saved;
    TemplateProvider m_templates;
};

} // namespace ui
