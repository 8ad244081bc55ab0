#include "ui/compose/savedmessages.h"

#include <QSettings>

namespace ui {

bool SavedMessages::save(const SavedMessage &message)
{
    if (message.name.trimmed().isEmpty() || message.text.size() > kMaxTextChars)
        return false;
    for (SavedMessage &kept : m_messages) {
        if (kept.name == message.name) {
            kept = message;
            return true;
        }
    }
    if (m_messages.size() >= kMaxMessages)
        return false;
    m_messages.append(message);
    return true;
}

void SavedMessages::remove(qsizetype index)
{
    if (index >= 0 && index < m_messages.size())
        m_messages.removeAt(index);
}

void SavedMessages::write(QSettings &settings) const
{
    settings.beginWriteArray(QStringLiteral("saved"), int(m_messages.size()));
    for (int i = 0; i < m_messages.size(); ++i) {
        settings.setArrayIndex(i);
        settings.setValue(QStringLiteral("name"), m_messages[i].name);
        settings.setValue(QStringLiteral("text"), m_messages[i].text);
        settings.setValue(QStringLiteral("mode"), int(m_messages[i].mode));
        settings.setValue(QStringLiteral("encoding"), m_messages[i].encoding);
    }
    settings.endArray();
}

void SavedMessages::read(QSettings &settings)
{
    m_messages.clear();
    const int count = settings.beginReadArray(QStringLiteral("saved"));
    for (int i = 0; i < count && m_messages.size() < kMaxMessages; ++i) {
        settings.setArrayIndex(i);
        SavedMessage message;
        message.name = settings.value(QStringLiteral("name")).toString();
        message.text = settings.value(QStringLiteral("text")).toString();
        const int mode = settings.value(QStringLiteral("mode"), int(core::PayloadMode::Escapes)).toInt();
        if (mode < 0 || mode > int(core::PayloadMode::Escapes))
            continue;
        message.mode = core::PayloadMode(mode);
        message.encoding = settings.value(QStringLiteral("encoding"), message.encoding).toString();
        if (!core::availableEncodings().contains(message.encoding))
            message.encoding = QStringLiteral("UTF-8");
        save(message); // skips an empty name or an oversized text
    }
    settings.endArray();
}

SavedMessagesMenu::SavedMessagesMenu(const SavedMessages &saved, QWidget *parent)
    : QMenu(parent)
    , m_saved(saved)
{
    connect(this, &QMenu::aboutToShow, this, &SavedMessagesMenu::fill);
    fill();
}

void SavedMessagesMenu::fill()
{
    clear();
    const QList<SavedMessage> &messages = m_saved.messages();
    if (messages.isEmpty()) {
        addAction(tr("No saved messages yet"))->setEnabled(false);
    } else {
        for (qsizetype i = 0; i < messages.size(); ++i)
            connect(addAction(tr("Send “%1”").arg(messages[i].name)), &QAction::triggered, this,
                    [this, i] { emit sendRequested(i); });
    }
    addSeparator();
    QAction *save = addAction(tr("Save the editor’s message as…"));
    save->setObjectName(QStringLiteral("saveMessage"));
    connect(save, &QAction::triggered, this, &SavedMessagesMenu::saveRequested);
    if (!messages.isEmpty()) {
        QMenu *load = addMenu(tr("Load into the editor"));
        QMenu *remove = addMenu(tr("Delete"));
        for (qsizetype i = 0; i < messages.size(); ++i) {
            const SavedMessage message = messages[i];
            connect(load->addAction(message.name), &QAction::triggered, this, [this, message] { emit loadRequested(message); });
            connect(remove->addAction(message.name), &QAction::triggered, this, [this, i] { emit deleteRequested(i); });
        }
    }
    const QList<SavedMessage> templates = m_templates ? m_templates() : QList<SavedMessage>{};
    if (!templates.isEmpty()) {
        QMenu *menu = addMenu(tr("Templates"));
        for (const SavedMessage &message : templates)
            connect(menu->addAction(message.name), &QAction::triggered, this, [this, message] { emit loadRequested(message); });
    }
}

} // namespace ui
