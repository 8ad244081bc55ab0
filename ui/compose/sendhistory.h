// SendHistory: the last payloads the send composer sent, newest first, each with the settings needed to
// send it again (text, mode, encoding, line ending). Distinct entries only: sending an entry again moves it
// to the front. Browsing (Ctrl+Up / Ctrl+Down) walks it like a shell's history and keeps the draft that was
// in the editor. Persists itself into the current group of a QSettings.
// It stays small whatever is sent: a payload whose text is over kMaxEntryChars, and every file or large
// pasted payload, is kept as a summary (its size, a short SHA-256 and the file it came from), never its bytes;
// at most kCapacity entries and kMaxTotalChars characters are kept, and restore() drops oversized entries a
// settings file from an older version may hold. A plain value class; the composer that owns it calls it
// from the UI thread.
#pragma once

#include "core/codec/payloadcodec.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <optional>

class QSettings;

namespace ui {

struct SendHistoryEntry
{
    QString text; // empty in a summary
    core::PayloadMode mode = core::PayloadMode::Text;
    QString encoding = QStringLiteral("UTF-8");
    core::LineEnding lineEnding = core::LineEnding::None;
    // A summary stands for a payload too large to keep: its size in bytes (-1: not a summary), the first
    // kDigestHexDigits hex digits of its SHA-256, and the file it was sent from (empty: not a file).
    qint64 size = -1;
    QString digest;
    QString filePath;

    bool isSummary() const { return size >= 0; }
    friend bool operator==(const SendHistoryEntry &, const SendHistoryEntry &) = default;
};

// Stable names for settings files, so reordering the enums never changes what a saved file means.
QString payloadModeKey(core::PayloadMode mode);
std::optional<core::PayloadMode> payloadModeFromKey(const QString &key);
QString lineEndingKey(core::LineEnding ending);
std::optional<core::LineEnding> lineEndingFromKey(const QString &key);

class SendHistory
{
    Q_DECLARE_TR_FUNCTIONS(SendHistory)

public:
    static constexpr qsizetype kCapacity = 50;
    static constexpr qsizetype kMaxEntryChars = 4 * 1024; // a longer text is kept as a summary
    static constexpr qsizetype kMaxTotalChars = 64 * 1024; // all entries' texts and paths together
    static constexpr qsizetype kDigestHexDigits = 16;

    // The entry for sending `text` (which encoded to `bytes`): the text itself, or a summary of the bytes
    // when the text is over kMaxEntryChars.
    static SendHistoryEntry entryFor(const QString &text, core::PayloadMode mode, const QString &encoding,
                                     core::LineEnding ending, const QByteArray &bytes);
    // A summary of `size` bytes whose SHA-256 is `sha256` (raw), sent from `filePath` (empty: pasted bytes).
    static SendHistoryEntry summaryEntry(qint64 size, const QByteArray &sha256, const QString &filePath = {});
    // One menu line ("File “a.bin”: 12.0 MiB · SHA-256 1a2b…") and a sentence for people about a summary.
    static QString summaryLine(const SendHistoryEntry &entry);
    static QString describe(const SendHistoryEntry &entry);

    // Puts `entry` first, removing an equal older entry, then the oldest ones past kCapacity or
    // kMaxTotalChars. Ends browsing. An entry whose text is over kMaxEntryChars is not added (use entryFor()).
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

    // Writes and reads an array named "history" in the settings' current group (save() first removes what
    // was there, so no stale key outlives it). Entries with an unknown mode or line ending (a newer or
    // hand-edited file) are skipped rather than guessed; so are texts over kMaxEntryChars (an older version
    // kept every payload whole), counted in droppedOnRestore(). At most 2 × kCapacity entries are read.
    void save(QSettings &settings) const;
    void restore(QSettings &settings);
    qsizetype droppedOnRestore() const { return m_droppedOnRestore; }

private:
    void trim();
    std::optional<SendHistoryEntry> readEntry(const QSettings &settings);

    QList<SendHistoryEntry> m_entries;
    qsizetype m_browseIndex = -1;
    SendHistoryEntry m_draft;
    qsizetype m_droppedOnRestore = 0;
};

} // namespace ui
