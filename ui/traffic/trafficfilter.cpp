#include "ui/traffic/trafficfilter.h"

#include "core/codec/payloadcodec.h"
#include "ui/traffic/trafficmodel.h"

#include <QString>

namespace ui {

TrafficFilter::TrafficFilter(QObject *parent)
    : QSortFilterProxyModel(parent)
{
}

void TrafficFilter::setSourceModel(QAbstractItemModel *model)
{
    m_traffic = qobject_cast<TrafficModel *>(model);
    QSortFilterProxyModel::setSourceModel(model);
}

void TrafficFilter::setDirectionFilter(DirectionFilter direction)
{
    if (direction == m_direction)
        return;
    m_direction = direction;
    applyChange();
}

void TrafficFilter::setConnectionFilter(core::ConnectionId connection)
{
    if (connection == m_connection)
        return;
    m_connection = connection;
    applyChange();
}

void TrafficFilter::setPeerFilter(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_peer)
        return;
    m_peer = trimmed;
    applyChange();
}

bool TrafficFilter::setContentFilter(const QString &text, ContentMode mode)
{
    QByteArray needle;
    QString error;
    if (mode == ContentMode::Hex && !text.trimmed().isEmpty()) {
        const core::EncodedPayload parsed = core::parseHex(text);
        if (parsed.error.isError())
            error = tr("Hex filter: %1").arg(parsed.error.message); // the message names the position
        else
            needle = parsed.bytes;
    }
    const bool unchanged = text == m_contentText && mode == m_contentMode && error == m_contentError;
    m_contentText = text;
    m_contentMode = mode;
    m_contentError = error;
    m_hexNeedle = needle;
    m_hexMatcher.setPattern(needle);
    if (!unchanged)
        applyChange();
    return error.isEmpty();
}

void TrafficFilter::clearFilters()
{
    if (!isFiltering() && m_contentText.isEmpty())
        return;
    m_direction = DirectionFilter::All;
    m_connection = 0;
    m_peer.clear();
    m_contentText.clear();
    m_contentMode = ContentMode::Text;
    m_contentError.clear();
    m_hexNeedle.clear();
    m_hexMatcher.setPattern({});
    applyChange();
}

bool TrafficFilter::isFiltering() const
{
    const bool content = m_contentMode == ContentMode::Text ? !m_contentText.isEmpty() : !m_hexNeedle.isEmpty();
    return m_direction != DirectionFilter::All || m_connection != 0 || !m_peer.isEmpty() || content;
}

void TrafficFilter::applyChange()
{
    invalidateRowsFilter();
    emit filterChanged();
}

bool TrafficFilter::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (!m_traffic || sourceParent.isValid())
        return false;
    const core::CapturedChunk &chunk = m_traffic->chunkAt(sourceRow);
    if (m_connection != 0 && chunk.connection != m_connection)
        return false;
    if (m_direction == DirectionFilter::Sent && chunk.direction != core::Direction::Sent)
        return false;
    if (m_direction == DirectionFilter::Received && chunk.direction != core::Direction::Received)
        return false;
    if (!m_peer.isEmpty() && !TrafficModel::peerText(chunk).contains(m_peer, Qt::CaseInsensitive))
        return false;
    return contentMatches(chunk.bytes);
}

bool TrafficFilter::contentMatches(const QByteArray &bytes) const
{
    if (m_contentMode == ContentMode::Hex)
        return m_hexNeedle.isEmpty() || m_hexMatcher.indexIn(bytes) >= 0;
    if (m_contentText.isEmpty())
        return true;
    // Latin-1 maps every byte to one character, so binary payloads are searched without decoding.
    return QLatin1String(bytes.constData(), bytes.size()).contains(m_contentText, Qt::CaseInsensitive);
}

} // namespace ui
