// SendHistory: the last payloads the send composer sent, newest first, each with the settings needed to
// send it again (text, mode, encoding, line ending). Distinct entries only: sending an entry again moves it
// to the front. Browsing (Ctrl+Up / Ctrl+Down) walks it like a shell's history and keeps the draft that was
// in the editor. Persists itself into the current group of a QSettings. A plain value class; the composer
// that owns it calls it from the UI thread.
#pragma once

#include "core/payloadcodec.h"

#include <QList>
#include <QString>

#include <optional>

class QSettings;

namespace ui {

struct SendHistoryEntry
{
    QString text;
    core::PayloadMode mode = core::PayloadMode::Text;
    QString encoding = QStringLiteral("UTF-8");
    core::LineEnding lineEnding = core::LineEnding::None;
    friend bool operator==(const SendHistoryEntry &, const SendHistoryEntry &) = default;
};

// Stable names for settings files, so reordering the enums never changes what a saved file means.
QString payloadModeKey(core::PayloadMode mode);
std::optional<core::PayloadMode> payloadModeFromKey(const QString &key);
QString lineEndingKey(core::LineEnding ending);
std::optional<core::LineEnding> lineEndingFromKey(const QString &key);

class SendHistory
{
public:
    static constexpr qsizetype kCapacity = 50;

    // Puts `entry` first, removing an equal older entry and the oldest one past kCapacity. Ends browsing.
    void add(const SendHistoryEntry &entry);
    void clear();
    qsizetype size() const { return m_entries.size(); }
    bool isEmpty() const { return m_entries.isEmpty(); }
    // 0 is the newest entry.
    const SendHistoryEntry &at(qsizetype index) const { return m_entries.at(index); }
    const QList<SendHistoryEntry> &entries() const { return m_entries; }

    // What to load into the editor, or nullopt when there is nothing further. `current` is what the editor
    // shows: it becomes the draft when browsing starts, and older() skips an entry equal to it (after Send
    // the editor still shows the newest entry, and Ctrl+Up should bring something new).
    std::optional<SendHistoryEntry> older(const SendHistoryEntry &current);
    // Towards the newest entry, and past it back to the draft.
    std::optional<SendHistoryEntry> newer();
    std::optional<SendHistoryEntry> recall(qsizetype index, const SendHistoryEntry &current);
    // The user edited the editor: it holds a new draft.
    void stopBrowsing() { m_browseIndex = -1; }
    qsizetype browseIndex() const { return m_browseIndex; } // -1: not browsing

    // Writes and reads an array named "history" in the settings' current group. Entries with an unknown
    // mode or line ending (a newer or hand-edited file) are skipped rather than guessed.
    void save(QSettings &settings) const;
    void restore(QSettings &settings);

private:
    QList<SendHistoryEntry> m_entries;
    qsizetype m_browseIndex = -1;
    SendHistoryEntry m_draft;
};

} // namespace ui
