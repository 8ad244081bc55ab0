#include "ui/session/clientsmodel.h"

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
    connect(server, &Server::clientPeerClosed, this, [this](core::ConnectionId id) {
        if (Row *row = rowFor(id); row && row->phase == Phase::Open) {
            row->phase = Phase::PeerFinished;
            noteChanged(id);
        }
    });
    connect(server, &Server::backPressureChanged, this, [this](core::ConnectionId id, bool high) {
        if (Row *row = rowFor(id); row && row->phase != Phase::Closed) {
            row->backPressure = high;
            noteChanged(id);
        }
    });
    // clientReset needs no handling here: its clientClosed(Reset) follows in the same delivery.
    connect(server, &Server::clientClosed, this, &ClientsModel::onClosed);
    // Stop closes every client gracefully: each row says "closing" until its peer's FIN (or the close
    // timeout) ends it.
    connect(server, &Server::stopped, this, &ClientsModel::markAllClosing);
    m_announce.setSingleShot(true);
    m_announce.setInterval(0);
    connect(&m_announce, &QTimer::timeout, this, &ClientsModel::announceChanges);
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
    if (role == Qt::ForegroundRole && row.phase == Phase::Closed)
        return QGuiApplication::palette().brush(QPalette::Disabled, QPalette::Text);
    if (role == Qt::TextAlignmentRole && index.column() != PeerColumn && index.column() != StateColumn
        && index.column() != SinceColumn)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && index.column() == StateColumn)
        return stateText(row); // the column may elide the longer states
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
    case StateColumn: return stateText(row);
    default: return {};
    }
}

QString ClientsModel::closedStateText(core::CloseReason reason)
{
    switch (reason) {
    case core::CloseReason::Graceful: return tr("closed by you");
    case core::CloseReason::PeerFinished: return tr("closed by the peer");
    case core::CloseReason::Aborted: return tr("aborted by you (RST)");
    case core::CloseReason::Reset: return tr("reset by the peer");
    case core::CloseReason::Error: return tr("closed after an error");
    case core::CloseReason::Cancelled: return tr("cancelled");
    case core::CloseReason::Stopped: return tr("closed: server stopped");
    }
    return tr("closed");
}

QString ClientsModel::stateText(const Row &row) const
{
    switch (row.phase) {
    case Phase::Open: return row.backPressure ? tr("back-pressure: peer not reading") : tr("open");
    case Phase::PeerFinished:
        return row.backPressure ? tr("peer finished sending; back-pressure: peer not reading")
                                : tr("peer finished sending");
    case Phase::Closing: return tr("closing");
    case Phase::Closed: return closedStateText(row.reason);
    }
    return {};
}

core::ConnectionId ClientsModel::idAt(int row) const
{
    return row >= 0 && row < int(m_rows.size()) ? m_rows[size_t(row)].id : 0;
}

int ClientsModel::rowOf(core::ConnectionId id) const
{
    return m_rowOf.value(id, -1);
}

bool ClientsModel::isOpen(int row) const
{
    return row >= 0 && row < int(m_rows.size()) && m_rows[size_t(row)].phase != Phase::Closed;
}

ClientsModel::Row *ClientsModel::rowFor(core::ConnectionId id)
{
    const int row = rowOf(id);
    return row < 0 ? nullptr : &m_rows[size_t(row)];
}

void ClientsModel::onConnected(core::ConnectionId id, const core::SocketAddress &peer)
{
    const int row = int(m_rows.size());
    beginInsertRows({}, row, row);
    const auto info = m_server->client(id);
    Row entry;
    entry.id = id;
    // A Unix peer has no address worth the name ("(unnamed)"): who it is, is its process.
    entry.peer = info && info->credentials ? tr("%1 (%2)").arg(peer.toString(), info->credentials->toString())
                                           : peer.toString();
    entry.sinceUs = info ? info->connectedUs : 0;
    m_rows.push_back(std::move(entry));
    m_rowOf.insert(id, row);
    endInsertRows();
}

void ClientsModel::markClosing(core::ConnectionId id)
{
    if (Row *row = rowFor(id); row && row->phase != Phase::Closed) {
        row->phase = Phase::Closing;
        noteChanged(id);
    }
}

void ClientsModel::markAllClosing()
{
    for (Row &row : m_rows)
        if (row.phase != Phase::Closed)
            row.phase = Phase::Closing;
    if (m_rows.empty())
        return;
    m_firstChanged = 0;
    m_lastChanged = int(m_rows.size()) - 1;
    if (!m_announce.isActive())
        m_announce.start();
}

void ClientsModel::onClosed(core::ConnectionId id, core::CloseReason reason)
{
    Row *row = rowFor(id);
    if (!row || row->phase == Phase::Closed)
        return;
    row->phase = Phase::Closed;
    row->reason = reason;
    row->backPressure = false;
    row->counters = m_server->connectionCounters(id);
    row->rateIn = row->rateOut = 0;
    ++m_closedCount;
    noteChanged(id);
}

void ClientsModel::noteChanged(core::ConnectionId id)
{
    const int row = rowOf(id);
    m_firstChanged = m_firstChanged < 0 ? row : qMin(m_firstChanged, row);
    m_lastChanged = qMax(m_lastChanged, row);
    if (!m_announce.isActive())
        m_announce.start();
}

void ClientsModel::announceChanges()
{
    if (m_firstChanged >= 0) {
        const int first = m_firstChanged;
        const int last = qMin(m_lastChanged, int(m_rows.size()) - 1);
        m_firstChanged = m_lastChanged = -1;
        if (first <= last)
            emit dataChanged(index(first, 0), index(last, ColumnCount - 1));
    }
    if (m_closedCount > kMaxClosedRows + kClosedRowsSlack)
        removeClosedRows(m_closedCount - kMaxClosedRows);
}

void ClientsModel::refreshCounters()
{
    // Only open rows change; one dataChanged over the counter columns.
    const double seconds = double(m_sinceRefresh.restart()) / 1000.0;
    int first = -1;
    int last = -1;
    for (size_t i = 0; i < m_rows.size(); ++i) {
        Row &row = m_rows[i];
        if (row.phase == Phase::Closed)
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

// Removes the oldest `count` closed rows (from the top), one beginRemoveRows per run of adjacent closed
// rows, bottom run first so each run's row numbers still hold when it goes; the id index is rebuilt once.
void ClientsModel::removeClosedRows(int count)
{
    if (count <= 0)
        return;
    // The runs to remove, found top-down until `count` rows are chosen.
    std::vector<std::pair<int, int>> runs; // first, last
    int chosen = 0;
    for (int i = 0; i < int(m_rows.size()) && chosen < count; ++i) {
        if (m_rows[size_t(i)].phase != Phase::Closed)
            continue;
        if (!runs.empty() && runs.back().second == i - 1)
            runs.back().second = i;
        else
            runs.emplace_back(i, i);
        ++chosen;
    }
    for (auto run = runs.rbegin(); run != runs.rend(); ++run) {
        beginRemoveRows({}, run->first, run->second);
        m_rows.erase(m_rows.begin() + run->first, m_rows.begin() + run->second + 1);
        m_closedCount -= run->second - run->first + 1;
        endRemoveRows();
    }
    rebuildIndex();
    // A change noted for a row that has just moved or gone: announce the whole table once instead.
    if (m_firstChanged >= 0) {
        m_firstChanged = 0;
        m_lastChanged = int(m_rows.size()) - 1;
    }
}

void ClientsModel::rebuildIndex()
{
    m_rowOf.clear();
    m_rowOf.reserve(qsizetype(m_rows.size()));
    for (size_t i = 0; i < m_rows.size(); ++i)
        m_rowOf.insert(m_rows[i].id, int(i));
}

void ClientsModel::removeClosed()
{
    removeClosedRows(m_closedCount);
}

} // namespace ui
