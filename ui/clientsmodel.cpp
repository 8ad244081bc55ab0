#include "ui/clientsmodel.h"

#include <QDateTime>
#include <QLocale>
#include <QPalette>
#include <QGuiApplication>

namespace ui {

namespace {
// "0" for an idle direction keeps the column narrow; otherwise "12.3 KiB/s".
QString rateText(double bytesPerSecond)
{
    if (bytesPerSecond < 1)
        return QStringLiteral("0");
    return ClientsModel::tr("%1/s").arg(QLocale().formattedDataSize(qint64(bytesPerSecond), 1, QLocale::DataSizeIecFormat));
}
} // namespace

ClientsModel::ClientsModel(core::TcpServerSession *server, QObject *parent)
    : QAbstractTableModel(parent)
    , m_server(server)
{
    using Server = core::TcpServerSession;
    connect(server, &Server::clientConnected, this, &ClientsModel::onConnected);
    connect(server, &Server::clientPeerClosed, this,
            [this](core::ConnectionId id) { setState(id, tr("peer closed (FIN)"), true); });
    connect(server, &Server::clientReset, this, [this](core::ConnectionId id) { setState(id, tr("reset"), true); });
    connect(server, &Server::clientClosed, this, [this](core::ConnectionId id, core::CloseReason reason) {
        setState(id, reason == core::CloseReason::Aborted ? tr("aborted (RST)")
                     : reason == core::CloseReason::Reset ? tr("reset by peer")
                                                          : tr("closed"),
                 false);
    });
    m_sinceRefresh.start();
    m_refresh.setInterval(250);
    connect(&m_refresh, &QTimer::timeout, this, &ClientsModel::refreshCounters);
    m_refresh.start();
}

int ClientsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ClientsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ClientsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case IdColumn: return tr("ID");
    case PeerColumn: return tr("Peer");
    case SinceColumn: return tr("Connected");
    case InColumn: return tr("Bytes in");
    case OutColumn: return tr("Bytes out");
    case MessagesColumn: return tr("Msgs in / out");
    case RateColumn: return tr("Rate in / out");
    case StateColumn: return tr("State");
    default: return {};
    }
}

QVariant ClientsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_rows.size()))
        return {};
    const Row &row = m_rows[size_t(index.row())];
    if (role == IdRole)
        return QVariant::fromValue(row.id);
    if (role == Qt::ForegroundRole && !row.open)
        return QGuiApplication::palette().brush(QPalette::Disabled, QPalette::Text);
    if (role == Qt::TextAlignmentRole && index.column() != PeerColumn && index.column() != StateColumn
        && index.column() != SinceColumn)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    const QLocale locale;
    switch (index.column()) {
    case IdColumn: return QStringLiteral("#%1").arg(row.id);
    case PeerColumn: return row.peer;
    case SinceColumn:
        return QDateTime::fromMSecsSinceEpoch(row.sinceUs / 1000).toString(QStringLiteral("hh:mm:ss"));
    case InColumn: return locale.toString(row.counters.bytesIn);
    case OutColumn: return locale.toString(row.counters.bytesOut);
    case MessagesColumn:
        return QStringLiteral("%1 / %2").arg(locale.toString(row.counters.messagesIn), locale.toString(row.counters.messagesOut));
    case RateColumn:
        return QStringLiteral("%1 / %2").arg(rateText(row.rateIn), rateText(row.rateOut));
    case StateColumn: return row.state;
    default: return {};
    }
}

core::ConnectionId ClientsModel::idAt(int row) const
{
    return row >= 0 && row < int(m_rows.size()) ? m_rows[size_t(row)].id : 0;
}

int ClientsModel::rowOf(core::ConnectionId id) const
{
    for (size_t i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].id == id)
            return int(i);
    return -1;
}

bool ClientsModel::isOpen(int row) const
{
    return row >= 0 && row < int(m_rows.size()) && m_rows[size_t(row)].open;
}

void ClientsModel::onConnected(core::ConnectionId id, const core::SocketAddress &peer)
{
    const int row = int(m_rows.size());
    beginInsertRows({}, row, row);
    const auto info = m_server->client(id);
    m_rows.push_back(Row{id, peer.toString(), info ? info->connectedUs : 0, tr("open"), true, {}});
    endInsertRows();
}

void ClientsModel::setState(core::ConnectionId id, const QString &state, bool open)
{
    const int row = rowOf(id);
    if (row < 0)
        return;
    Row &entry = m_rows[size_t(row)];
    entry.state = state;
    entry.open = open;
    entry.counters = m_server->connectionCounters(id);
    if (!open)
        entry.rateIn = entry.rateOut = 0;
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
    if (!open)
        trimClosed();
}

void ClientsModel::refreshCounters()
{
    // Only open rows change; one dataChanged over the counter columns.
    const double seconds = double(m_sinceRefresh.restart()) / 1000.0;
    int first = -1;
    int last = -1;
    for (size_t i = 0; i < m_rows.size(); ++i) {
        Row &row = m_rows[i];
        if (!row.open)
            continue;
        const core::TrafficCounters now = m_server->connectionCounters(row.id);
        const double rateIn = seconds > 0 ? double(now.bytesIn - row.counters.bytesIn) / seconds : 0;
        const double rateOut = seconds > 0 ? double(now.bytesOut - row.counters.bytesOut) / seconds : 0;
        if (now == row.counters && rateIn == row.rateIn && rateOut == row.rateOut)
            continue;
        row.counters = now;
        row.rateIn = rateIn;
        row.rateOut = rateOut;
        first = first < 0 ? int(i) : first;
        last = int(i);
    }
    if (first >= 0)
        emit dataChanged(index(first, InColumn), index(last, RateColumn));
}

void ClientsModel::trimClosed()
{
    int closed = 0;
    for (const Row &row : m_rows)
        closed += row.open ? 0 : 1;
    for (size_t i = 0; closed > kMaxClosedRows && i < m_rows.size();) {
        if (m_rows[i].open) {
            ++i;
            continue;
        }
        beginRemoveRows({}, int(i), int(i));
        m_rows.erase(m_rows.begin() + qsizetype(i));
        endRemoveRows();
        --closed;
    }
}

void ClientsModel::removeClosed()
{
    for (size_t i = m_rows.size(); i-- > 0;) {
        if (m_rows[i].open)
            continue;
        beginRemoveRows({}, int(i), int(i));
        m_rows.erase(m_rows.begin() + qsizetype(i));
        endRemoveRows();
    }
}

} // namespace ui
