// ClientsModel: the server tab's table of clients — id, peer address, state (next to the peer: the column a
// person looks for first), connected since, bytes in/out, messages and rates. Rows come from
// TcpServerSession's signals; the byte counters are refreshed a few times a second, never once per chunk.
// State changes are applied at once but announced once per delivery (one dataChanged over the rows touched,
// on a zero-interval timer), so thousands of clients closing together cost one view update, not thousands.
// Closed clients stay (greyed) until removeClosed(); past kMaxClosedRows + kClosedRowsSlack of them the
// oldest go, down to kMaxClosedRows, so trimming is paid once per kClosedRowsSlack closes, not per close.
// UI thread only.
#pragma once

#include "core/session/tcpserversession.h"

#include <QAbstractTableModel>
#include <QElapsedTimer>
#include <QHash>
#include <QTimer>

#include <vector>

namespace ui {

class ClientsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { IdColumn, PeerColumn, StateColumn, SinceColumn, InColumn, OutColumn, MessagesColumn, RateColumn,
                  ColumnCount };
    static constexpr int kMaxClosedRows = 1000;
    static constexpr int kClosedRowsSlack = 500;
    static constexpr int IdRole = Qt::UserRole + 1;

    explicit ClientsModel(core::TcpServerSession *server, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    core::ConnectionId idAt(int row) const;
    int rowOf(core::ConnectionId id) const; // -1 when the client has no row
    bool isOpen(int row) const;
    int openCount() const { return int(m_rows.size()) - m_closedCount; }
    int closedCount() const { return m_closedCount; }
    // We asked this client to close (Disconnect or Abort): "closing" until its Closed arrives.
    void markClosing(core::ConnectionId id);
    void removeClosed();

    // The State column's words, for whoever shows or tests them.
    static QString closedStateText(core::CloseReason reason);

private:
    enum class Phase : quint8 { Open, PeerFinished, Closing, Closed };
    struct Row
    {
        core::ConnectionId id = 0;
        QString peer;
        qint64 sinceUs = 0;
        Phase phase = Phase::Open;
        bool backPressure = false;
        core::CloseReason reason = core::CloseReason::Graceful;
        core::TrafficCounters counters;
        double rateIn = 0;  // bytes per second over the last refresh
        double rateOut = 0;
    };

    void onConnected(core::ConnectionId id, const core::SocketAddress &peer);
    void onClosed(core::ConnectionId id, core::CloseReason reason);
    void markAllClosing();
    Row *rowFor(core::ConnectionId id);
    void noteChanged(core::ConnectionId id);
    void announceChanges();
    QString stateText(const Row &row) const;
    void refreshCounters();
    void removeClosedRows(int count);
    void rebuildIndex();

    core::TcpServerSession *m_server;
    std::vector<Row> m_rows;
    QHash<core::ConnectionId, int> m_rowOf; // id → index into m_rows
    int m_closedCount = 0;
    int m_firstChanged = -1; // rows changed since the last announceChanges(), as one range
    int m_lastChanged = -1;
    QTimer m_announce;
    QTimer m_refresh;
    QElapsedTimer m_sinceRefresh;
};

} // namespace ui
