#include "ui/sendhistory.h"

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

void SendHistory::add(const SendHistoryEntry &entry)
{
    m_browseIndex = -1;
    m_entries.removeAll(entry);
    m_entries.prepend(entry);
    if (m_entries.size() > kCapacity)
        m_entries.resize(kCapacity);
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
    settings.beginWriteArray(QStringLiteral("history"), int(m_entries.size()));
    for (int i = 0; i < int(m_entries.size()); ++i) {
        const SendHistoryEntry &entry = m_entries.at(i);
        settings.setArrayIndex(i);
        settings.setValue(QStringLiteral("text"), entry.text);
        settings.setValue(QStringLiteral("mode"), payloadModeKey(entry.mode));
        settings.setValue(QStringLiteral("encoding"), entry.encoding);
        settings.setValue(QStringLiteral("lineEnding"), lineEndingKey(entry.lineEnding));
    }
    settings.endArray();
}

void SendHistory::restore(QSettings &settings)
{
    clear();
    const int count = settings.beginReadArray(QStringLiteral("history"));
    for (int i = 0; i < count && m_entries.size() < kCapacity; ++i) {
        settings.setArrayIndex(i);
        const auto mode = payloadModeFromKey(settings.value(QStringLiteral("mode")).toString());
        const auto ending = lineEndingFromKey(settings.value(QStringLiteral("lineEnding")).toString());
        if (!mode || !ending)
            continue;
        SendHistoryEntry entry{settings.value(QStringLiteral("text")).toString(), *mode,
                               settings.value(QStringLiteral("encoding")).toString(), *ending};
        if (!m_entries.contains(entry))
            m_entries.append(entry);
    }
    settings.endArray();
}

} // namespace ui
