// ClientsModel: the server tab's table of clients — id, peer address, connected since, bytes in/out and
// state, messages and rates. Rows come from TcpServerSession's signals; the byte counters are refreshed a few times a second,
// never once per chunk. Closed clients stay (greyed) until removeClosed(), at most kMaxClosedRows of them.
// UI thread only.
#pragma once

#include "core/tcpserversession.h"

#include <QAbstractTableModel>
#include <QElapsedTimer>
#include <QTimer>

#include <vector>

namespace ui {

class ClientsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { IdColumn, PeerColumn, SinceColumn, InColumn, OutColumn, MessagesColumn, RateColumn, StateColumn,
                  ColumnCount };
    static constexpr int kMaxClosedRows = 1000;
    static constexpr int IdRole = Qt::UserRole + 1;

    explicit ClientsModel(core::TcpServerSession *server, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    core::ConnectionId idAt(int row) const;
    int rowOf(core::ConnectionId id) const;
    bool isOpen(int row) const;
    void removeClosed();

private:
    struct Row
    {
        core::ConnectionId id = 0;
        QString peer;
        qint64 sinceUs = 0;
        QString state;
        bool open = true;
        core::TrafficCounters counters;
        double rateIn = 0;  // bytes per second over the last refresh
        double rateOut = 0;
    };

    void onConnected(core::ConnectionId id, const core::SocketAddress &peer);
    void setState(core::ConnectionId id, const QString &state, bool open);
    void refreshCounters();
    void trimClosed();

    core::TcpServerSession *m_server;
    std::vector<Row> m_rows;
    QTimer m_refresh;
    QElapsedTimer m_sinceRefresh;
};

} // namespace ui
