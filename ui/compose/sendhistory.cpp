#include "ui/compose/sendhistory.h"

#include "core/i18n/translations.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QLocale>
#include <QSettings>

#include <array>
#include <utility>

namespace ui {

namespace {

constexpr std::array kModeKeys = {
    std::pair{core::PayloadMode::Text, "text"},
    std::pair{core::PayloadMode::Hex, "hex"},
    std::pair{core::PayloadMode::Escapes, "escapes"},
};

constexpr std::array kLineEndingKeys = {
    std::pair{core::LineEnding::None, "none"},
    std::pair{core::LineEnding::LF, "lf"},
    std::pair{core::LineEnding::CRLF, "crlf"},
    std::pair{core::LineEnding::CR, "cr"},
};

template<typename Enum, std::size_t N>
QString keyOf(const std::array<std::pair<Enum, const char *>, N> &table, Enum value)
{
    for (const auto &[candidate, key] : table) {
        if (candidate == value)
            return QLatin1String(key);
    }
    return {};
}

template<typename Enum, std::size_t N>
std::optional<Enum> valueOf(const std::array<std::pair<Enum, const char *>, N> &table, const QString &key)
{
    for (const auto &[candidate, name] : table) {
        if (key == QLatin1String(name))
            return candidate;
    }
    return std::nullopt;
}

} // namespace

QString payloadModeKey(core::PayloadMode mode)
{
    return keyOf(kModeKeys, mode);
}

std::optional<core::PayloadMode> payloadModeFromKey(const QString &key)
{
    return valueOf(kModeKeys, key);
}

QString lineEndingKey(core::LineEnding ending)
{
    return keyOf(kLineEndingKeys, ending);
}

std::optional<core::LineEnding> lineEndingFromKey(const QString &key)
{
    return valueOf(kLineEndingKeys, key);
}

SendHistoryEntry SendHistory::entryFor(const QString &text, core::PayloadMode mode, const QString &encoding,
                                       core::LineEnding ending, const QByteArray &bytes)
{
    if (text.size() <= kMaxEntryChars)
        return {text, mode, encoding, ending, -1, {}, {}};
    SendHistoryEntry entry = summaryEntry(bytes.size(), QCryptographicHash::hash(bytes, QCryptographicHash::Sha256));
    entry.mode = mode;
    entry.encoding = encoding;
    entry.lineEnding = ending;
    return entry;
}

SendHistoryEntry SendHistory::summaryEntry(qint64 size, const QByteArray &sha256, const QString &filePath)
{
    SendHistoryEntry entry;
    entry.size = qMax(qint64(0), size);
    entry.digest = QString::fromLatin1(sha256.toHex().left(kDigestHexDigits));
    entry.filePath = filePath;
    return entry;
}

QString SendHistory::summaryLine(const SendHistoryEntry &entry)
{
    const QString size = QLocale().formattedDataSize(entry.size);
    if (!entry.filePath.isEmpty())
        return tr("File “%1”: %2 · SHA-256 %3").arg(QFileInfo(entry.filePath).fileName(), size, entry.digest);
    return tr("%1 · SHA-256 %2").arg(size, entry.digest);
}

QString SendHistory::describe(const SendHistoryEntry &entry)
{
    const QString size = tr("%1 (%L2 byte(s))", nullptr, core::pluralCount(entry.size))
                             .arg(QLocale().formattedDataSize(entry.size))
                             .arg(entry.size);
    if (!entry.filePath.isEmpty())
        return tr("Sent from the file “%1”: %2, SHA-256 %3.")
            .arg(QDir::toNativeSeparators(entry.filePath), size, entry.digest);
    return tr("A payload of %1, SHA-256 %2. The history keeps only the size and digest of payloads over %L3 "
              "character(s), not their bytes.", nullptr, core::pluralCount(kMaxEntryChars))
        .arg(size, entry.digest)
        .arg(kMaxEntryChars);
}

void SendHistory::add(const SendHistoryEntry &entry)
{
    m_browseIndex = -1;
    if (entry.text.size() > kMaxEntryChars)
        return;
    m_entries.removeAll(entry);
    m_entries.prepend(entry);
    trim();
}

void SendHistory::trim()
{
    qsizetype total = 0;
    for (qsizetype i = 0; i < m_entries.size(); ++i) {
        const SendHistoryEntry &entry = m_entries.at(i);
        total += entry.text.size() + entry.filePath.size() + entry.encoding.size();
        if (i >= kCapacity || total > kMaxTotalChars) {
            m_entries.resize(qMax(qsizetype(1), i)); // the newest entry stays, whatever its size
            return;
        }
    }
}

void SendHistory::clear()
{
    m_entries.clear();
    m_browseIndex = -1;
}

std::optional<SendHistoryEntry> SendHistory::recall(qsizetype index, const SendHistoryEntry &current)
{
    if (index < 0 || index >= m_entries.size())
        return std::nullopt;
    if (m_browseIndex < 0)
        m_draft = current;
    m_browseIndex = index;
    return m_entries.at(index);
}

std::optional<SendHistoryEntry> SendHistory::older(const SendHistoryEntry &current)
{
    qsizetype next = m_browseIndex + 1;
    if (m_browseIndex < 0 && !m_entries.isEmpty() && m_entries.first() == current)
        next = 1;
    return recall(next, current);
}

std::optional<SendHistoryEntry> SendHistory::newer()
{
    if (m_browseIndex < 0)
        return std::nullopt;
    if (--m_browseIndex < 0)
        return m_draft;
    return m_entries.at(m_browseIndex);
}

void SendHistory::save(QSettings &settings) const
{
    // Shorter arrays and summaries leave the keys of what was there before; an older version's 50 MB
    // "text" values among them. Removing the array first writes only what is kept.
    settings.remove(QStringLiteral("history"));
    settings.beginWriteArray(QStringLiteral("history"), int(m_entries.size()));
    for (int i = 0; i < int(m_entries.size()); ++i) {
        const SendHistoryEntry &entry = m_entries.at(i);
        settings.setArrayIndex(i);
        if (entry.isSummary()) {
            settings.setValue(QStringLiteral("size"), entry.size);
            settings.setValue(QStringLiteral("digest"), entry.digest);
            if (!entry.filePath.isEmpty())
                settings.setValue(QStringLiteral("file"), entry.filePath);
        } else {
            settings.setValue(QStringLiteral("text"), entry.text);
        }
        settings.setValue(QStringLiteral("mode"), payloadModeKey(entry.mode));
        settings.setValue(QStringLiteral("encoding"), entry.encoding);
        settings.setValue(QStringLiteral("lineEnding"), lineEndingKey(entry.lineEnding));
    }
    settings.endArray();
}

void SendHistory::restore(QSettings &settings)
{
    clear();
    m_droppedOnRestore = 0;
    // Bounded however long the array claims to be: a hand-edited size must not make start-up slow.
    const int count = qMin(settings.beginReadArray(QStringLiteral("history")), int(2 * kCapacity));
    for (int i = 0; i < count && m_entries.size() < kCapacity; ++i) {
        settings.setArrayIndex(i);
        const std::optional<SendHistoryEntry> entry = readEntry(settings);
        if (entry && !m_entries.contains(*entry))
            m_entries.append(*entry);
    }
    settings.endArray();
    trim();
}

std::optional<SendHistoryEntry> SendHistory::readEntry(const QSettings &settings)
{
    const auto mode = payloadModeFromKey(settings.value(QStringLiteral("mode")).toString());
    const auto ending = lineEndingFromKey(settings.value(QStringLiteral("lineEnding")).toString());
    if (!mode || !ending)
        return std::nullopt;
    SendHistoryEntry entry;
    entry.mode = *mode;
    entry.lineEnding = *ending;
    entry.encoding = settings.value(QStringLiteral("encoding")).toString().left(64);
    if (settings.contains(QStringLiteral("size"))) {
        bool ok = false;
        entry.size = settings.value(QStringLiteral("size")).toLongLong(&ok);
        entry.digest = settings.value(QStringLiteral("digest")).toString().left(kDigestHexDigits);
        entry.filePath = settings.value(QStringLiteral("file")).toString();
        if (!ok || entry.size < 0 || entry.filePath.size() > kMaxEntryChars)
            return std::nullopt;
        return entry;
    }
    // Only the length is looked at: a megabyte text is dropped without being copied anywhere.
    entry.text = settings.value(QStringLiteral("text")).toString();
    if (entry.text.size() > kMaxEntryChars) {
        ++m_droppedOnRestore;
        return std::nullopt;
    }
    return entry;
}

} // namespace ui
