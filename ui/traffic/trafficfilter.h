// TrafficFilter: narrows a TrafficModel's rows by direction, by connection ("traffic of this client"), by a
// substring of the peer address and by content — text (case-insensitive, the bytes read as Latin-1) or a hex
// byte sequence. It never sorts: rows keep capture order, which the traffic view's auto-scroll relies on.
// filterAcceptsRow reads the source chunk directly (no QVariant round trips), tests the cheap fields first
// and searches content without copying the payload, so re-filtering a full capture stays cheap.
// UI thread only.
#pragma once

#include "core/session/sessionevent.h"

#include <QByteArrayMatcher>
#include <QPointer>
#include <QSortFilterProxyModel>

namespace ui {

class TrafficModel;

class TrafficFilter : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    enum class DirectionFilter : quint8 { All, Sent, Received };
    enum class ContentMode : quint8 { Text, Hex };

    explicit TrafficFilter(QObject *parent = nullptr);

    // Only a TrafficModel can be filtered; any other model shows no rows.
    void setSourceModel(QAbstractItemModel *model) override;

    void setDirectionFilter(DirectionFilter direction);
    DirectionFilter directionFilter() const { return m_direction; }
    // 0 shows every connection.
    void setConnectionFilter(core::ConnectionId connection);
    core::ConnectionId connectionFilter() const { return m_connection; }
    // Case-insensitive substring of the Peer column ("127.0.0.1:5000", "[::1]:80"); empty shows all.
    void setPeerFilter(const QString &text);
    QString peerFilter() const { return m_peer; }
    // Text: case-insensitive substring of the payload read as Latin-1. Hex: the byte sequence written as in
    // the composer ("de ad be ef", "0xde,0xad"). Returns false for hex that does not parse; the content
    // filter is then off (every row passes it) and contentError() says what is wrong. Empty text: off.
    bool setContentFilter(const QString &text, ContentMode mode);
    QString contentText() const { return m_contentText; }
    ContentMode contentMode() const { return m_contentMode; }
    QString contentError() const { return m_contentError; }

    // Back to showing every row.
    void clearFilters();
    bool isFiltering() const;

signals:
    void filterChanged();

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    bool contentMatches(const QByteArray &bytes) const;
    void applyChange();

    QPointer<TrafficModel> m_traffic;
    DirectionFilter m_direction = DirectionFilter::All;
    core::ConnectionId m_connection = 0;
    QString m_peer;
    QString m_contentText;
    ContentMode m_contentMode = ContentMode::Text;
    QString m_contentError;
    QByteArray m_hexNeedle;   // the parsed hex filter; empty: no hex filter
    QByteArrayMatcher m_hexMatcher;
};

} // namespace ui
