#include "ui/log/connectionlogmodel.h"

#include "ui/log/connectionlog.h"

#include <QColor>

#include <algorithm>
#include <iterator>

namespace ui {

namespace {

// Colour alone does not reach a screen reader: say the severity in words.
QString accessibleText(const ConnectionLogModel::Line &entry)
{
    switch (entry.severity) {
    case core::EventDescription::Severity::Warning: return ConnectionLog::tr("Warning: %1").arg(entry.text);
    case core::EventDescription::Severity::Error: return ConnectionLog::tr("Error: %1").arg(entry.text);
    default: return entry.text;
    }
}

} // namespace

ConnectionLogModel::ConnectionLogModel(QObject *parent)
    : QAbstractListModel(parent)
{
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(0);
    connect(&m_flushTimer, &QTimer::timeout, this, &ConnectionLogModel::flush);
}

void ConnectionLogModel::appendLater(Line line)
{
    m_pending.push_back(std::move(line));
    if (!m_flushTimer.isActive())
        m_flushTimer.start();
}

void ConnectionLogModel::flush()
{
    m_flushTimer.stop();
    if (m_pending.empty())
        return;
    // Lines beyond what the log keeps never enter it: count them as trimmed at once.
    const std::size_t keep = std::min(m_pending.size(), std::size_t(ConnectionLog::kMaxLines));
    m_trimmed += quint64(m_pending.size() - keep);
    const int row = int(m_lines.size());
    beginInsertRows({}, row, row + int(keep) - 1);
    std::move(m_pending.end() - qsizetype(keep), m_pending.end(), std::back_inserter(m_lines));
    endInsertRows();
    m_pending.clear();
    if (m_lines.size() > std::size_t(ConnectionLog::kMaxLines)) {
        const int excess = int(m_lines.size()) - ConnectionLog::kMaxLines;
        beginRemoveRows({}, 0, excess - 1);
        m_lines.erase(m_lines.begin(), m_lines.begin() + excess);
        endRemoveRows();
        m_trimmed += quint64(excess);
    }
    emit linesAdded(int(keep));
}

void ConnectionLogModel::clear()
{
    beginResetModel();
    m_pending.clear();
    m_lines.clear();
    m_trimmed = 0;
    endResetModel();
}

void ConnectionLogModel::setDark(bool dark)
{
    if (dark == m_dark)
        return;
    m_dark = dark;
    if (!m_lines.empty())
        emit dataChanged(index(0), index(rowCount() - 1), {Qt::ForegroundRole});
}

int ConnectionLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_lines.size());
}

QVariant ConnectionLogModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const Line &entry = line(index.row());
    switch (role) {
    case Qt::DisplayRole: return entry.text;
    case Qt::ForegroundRole: return foreground(entry.severity);
    case Qt::AccessibleTextRole: return accessibleText(entry);
    case ConnectionLog::kSeverityRole: return int(entry.severity);
    default: return {};
    }
}

QVariant ConnectionLogModel::foreground(core::EventDescription::Severity severity) const
{
    // Deep shades on light bases, pale ones on dark bases; Info keeps the palette's own text colour.
    switch (severity) {
    case core::EventDescription::Severity::Info: return {};
    case core::EventDescription::Severity::Success: return m_dark ? QColor(0x8f, 0xe3, 0x88) : QColor(0x1e, 0x6b, 0x24);
    case core::EventDescription::Severity::Warning: return m_dark ? QColor(0xff, 0xcc, 0x66) : QColor(0x8a, 0x53, 0x00);
    case core::EventDescription::Severity::Error: return m_dark ? QColor(0xff, 0x8a, 0x80) : QColor(0xb0, 0x00, 0x20);
    }
    return {};
}

} // namespace ui
