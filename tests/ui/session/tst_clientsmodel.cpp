// ClientsModel on its own: the session's signals are emitted by the test (no sockets), and the table's
// columns, state words, id lookup, batched change notices and closed-row trimming are checked.
#include "core/io/iothread.h"
#include "core/session/tcpserversession.h"
#include "ui/session/clientsmodel.h"

#include <QItemSelectionModel>
#include <QPersistentModelIndex>
#include <QSignalSpy>
#include <QTest>

using core::CloseReason;
using core::ConnectionId;
using ui::ClientsModel;

Q_DECLARE_METATYPE(core::CloseReason)

namespace {

core::SocketAddress peerAddress(quint16 port)
{
    return core::SocketAddress::fromNumericHost(QStringLiteral("127.0.0.1"), port).value();
}

QString stateOf(const ClientsModel &model, ConnectionId id)
{
    return model.index(model.rowOf(id), ClientsModel::StateColumn).data().toString();
}

} // namespace

class tst_ClientsModel : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void stateSitsNextToPeer();
    void states_data();
    void states();
    void closedStatesSayWho_data();
    void closedStatesSayWho();
    void stopMarksEveryOpenRowClosing();
    void changesAreAnnouncedOncePerPass();
    void closedRowsAreTrimmedPastTheSlack();
    void removeClosedKeepsOpenRowsAndSelection();

private:
    // `count` clients with ids 1..count, peers 127.0.0.1:40001…
    void connectClients(int count);

    std::unique_ptr<core::IoThread> m_io;
    std::unique_ptr<core::TcpServerSession> m_server;
    std::unique_ptr<ClientsModel> m_model;
};

void tst_ClientsModel::init()
{
    m_io = std::make_unique<core::IoThread>();
    m_server = std::make_unique<core::TcpServerSession>(*m_io);
    m_model = std::make_unique<ClientsModel>(m_server.get());
}

void tst_ClientsModel::cleanup()
{
    m_model.reset();
    m_server.reset();
    m_io.reset();
}

void tst_ClientsModel::connectClients(int count)
{
    for (int i = 1; i <= count; ++i)
        emit m_server->clientConnected(ConnectionId(i), peerAddress(quint16(40000 + i)));
}

void tst_ClientsModel::stateSitsNextToPeer()
{
    QStringList titles;
    for (int column = 0; column < m_model->columnCount(); ++column)
        titles << m_model->headerData(column, Qt::Horizontal, Qt::DisplayRole).toString();
    QCOMPARE(titles, (QStringList{QStringLiteral("ID"), QStringLiteral("Peer"), QStringLiteral("State"),
                                  QStringLiteral("Connected"), QStringLiteral("Bytes in"), QStringLiteral("Bytes out"),
                                  QStringLiteral("Msgs in / out"), QStringLiteral("Rate in / out")}));
    connectClients(1);
    QCOMPARE(m_model->index(0, ClientsModel::IdColumn).data().toString(), QStringLiteral("#1"));
    QCOMPARE(m_model->index(0, ClientsModel::PeerColumn).data().toString(), QStringLiteral("127.0.0.1:40001"));
    QCOMPARE(m_model->index(0, ClientsModel::StateColumn).data().toString(), QStringLiteral("open"));
}

// The steps: "fin" = the peer finished sending, "bp+" / "bp-" = back-pressure on / off, "closing" = we asked.
void tst_ClientsModel::states_data()
{
    QTest::addColumn<QStringList>("steps");
    QTest::addColumn<QString>("state");
    QTest::addColumn<bool>("open");
    QTest::newRow("new") << QStringList{} << QStringLiteral("open") << true;
    QTest::newRow("half-closed by the peer") << QStringList{QStringLiteral("fin")}
                                             << QStringLiteral("peer finished sending") << true;
    QTest::newRow("back-pressure") << QStringList{QStringLiteral("bp+")}
                                   << QStringLiteral("back-pressure: peer not reading") << true;
    QTest::newRow("back-pressure over") << QStringList{QStringLiteral("bp+"), QStringLiteral("bp-")}
                                        << QStringLiteral("open") << true;
    QTest::newRow("half-closed, replies backed up")
        << QStringList{QStringLiteral("fin"), QStringLiteral("bp+")}
        << QStringLiteral("peer finished sending; back-pressure: peer not reading") << true;
    QTest::newRow("closing") << QStringList{QStringLiteral("fin"), QStringLiteral("closing")}
                             << QStringLiteral("closing") << true;
    QTest::newRow("closed") << QStringList{QStringLiteral("bp+"), QStringLiteral("closed")}
                            << QStringLiteral("closed by the peer") << false;
    QTest::newRow("nothing changes a closed row")
        << QStringList{QStringLiteral("closed"), QStringLiteral("fin"), QStringLiteral("bp+"), QStringLiteral("closing")}
        << QStringLiteral("closed by the peer") << false;
}

void tst_ClientsModel::states()
{
    QFETCH(QStringList, steps);
    QFETCH(QString, state);
    QFETCH(bool, open);
    connectClients(3);
    const ConnectionId id = 2;
    for (const QString &step : steps) {
        if (step == QLatin1String("fin"))
            emit m_server->clientPeerClosed(id);
        else if (step == QLatin1String("bp+"))
            emit m_server->backPressureChanged(id, true);
        else if (step == QLatin1String("bp-"))
            emit m_server->backPressureChanged(id, false);
        else if (step == QLatin1String("closing"))
            m_model->markClosing(id);
        else if (step == QLatin1String("closed"))
            emit m_server->clientClosed(id, CloseReason::PeerFinished);
    }
    QCOMPARE(stateOf(*m_model, id), state);
    QCOMPARE(m_model->index(1, ClientsModel::StateColumn).data(Qt::ToolTipRole).toString(), state);
    QCOMPARE(m_model->isOpen(1), open);
    QCOMPARE(m_model->openCount(), open ? 3 : 2);
    QCOMPARE(stateOf(*m_model, 1), QStringLiteral("open"));
    QCOMPARE(stateOf(*m_model, 3), QStringLiteral("open"));
}

void tst_ClientsModel::closedStatesSayWho_data()
{
    QTest::addColumn<CloseReason>("reason");
    QTest::addColumn<QString>("state");
    QTest::newRow("we finished first") << CloseReason::Graceful << QStringLiteral("closed by you");
    QTest::newRow("the peer finished first") << CloseReason::PeerFinished << QStringLiteral("closed by the peer");
    QTest::newRow("we aborted") << CloseReason::Aborted << QStringLiteral("aborted by you (RST)");
    QTest::newRow("the peer reset") << CloseReason::Reset << QStringLiteral("reset by the peer");
    QTest::newRow("an error") << CloseReason::Error << QStringLiteral("closed after an error");
    QTest::newRow("server stopped") << CloseReason::Stopped << QStringLiteral("closed: server stopped");
}

void tst_ClientsModel::closedStatesSayWho()
{
    QFETCH(CloseReason, reason);
    QFETCH(QString, state);
    connectClients(1);
    emit m_server->clientReset(1); // a reset's Closed follows; the reset alone changes nothing
    QCOMPARE(stateOf(*m_model, 1), QStringLiteral("open"));
    emit m_server->clientClosed(1, reason);
    QCOMPARE(stateOf(*m_model, 1), state);
    QVERIFY(!m_model->isOpen(0));
    QVERIFY2(m_model->index(0, ClientsModel::PeerColumn).data(Qt::ForegroundRole).isValid(), "closed rows are greyed");
}

void tst_ClientsModel::stopMarksEveryOpenRowClosing()
{
    connectClients(4);
    emit m_server->clientClosed(2, CloseReason::Aborted);
    emit m_server->clientPeerClosed(3);
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    emit m_server->stopped();
    QCOMPARE(stateOf(*m_model, 1), QStringLiteral("closing"));
    QCOMPARE(stateOf(*m_model, 2), QStringLiteral("aborted by you (RST)"));
    QCOMPARE(stateOf(*m_model, 3), QStringLiteral("closing"));
    QCOMPARE(stateOf(*m_model, 4), QStringLiteral("closing"));
    QTRY_COMPARE(changed.count(), 1);
    emit m_server->clientClosed(4, CloseReason::Stopped);
    QCOMPARE(stateOf(*m_model, 4), QStringLiteral("closed: server stopped"));
}

void tst_ClientsModel::changesAreAnnouncedOncePerPass()
{
    connectClients(500);
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    for (ConnectionId id = 100; id <= 300; ++id)
        emit m_server->clientClosed(id, CloseReason::PeerFinished);
    emit m_server->clientPeerClosed(50);
    QCOMPARE(changed.count(), 0);
    QCOMPARE(stateOf(*m_model, 200), QStringLiteral("closed by the peer")); // the data is current at once
    QTRY_COMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).value<QModelIndex>(), m_model->index(49, 0));
    QCOMPARE(changed.at(0).at(1).value<QModelIndex>(), m_model->index(299, ClientsModel::ColumnCount - 1));
    QCOMPARE(m_model->closedCount(), 201);
    QCOMPARE(m_model->openCount(), 299);
}

void tst_ClientsModel::closedRowsAreTrimmedPastTheSlack()
{
    const int clients = 3000;
    connectClients(clients);
    QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    // Up to the slack, closed rows stay.
    const int withinSlack = ClientsModel::kMaxClosedRows + ClientsModel::kClosedRowsSlack;
    for (int id = 1; id <= withinSlack; ++id)
        emit m_server->clientClosed(ConnectionId(id), CloseReason::PeerFinished);
    QTRY_COMPARE(changed.count(), 1); // the pass that would trim has run
    QCOMPARE(m_model->closedCount(), withinSlack);
    QCOMPARE(removed.count(), 0);
    // One more, then a gap of open rows, then more closed: the oldest go, down to kMaxClosedRows.
    emit m_server->clientClosed(ConnectionId(withinSlack + 1), CloseReason::PeerFinished);
    for (int id = 2001; id <= 2100; ++id)
        emit m_server->clientClosed(ConnectionId(id), CloseReason::Reset);
    QTRY_COMPARE(m_model->closedCount(), ClientsModel::kMaxClosedRows);
    QCOMPARE(removed.count(), 1); // ids 1..601: one run
    QCOMPARE(m_model->rowCount(), clients - (withinSlack + 1 + 100 - ClientsModel::kMaxClosedRows));
    for (int id = 1; id <= 601; ++id)
        QCOMPARE(m_model->rowOf(ConnectionId(id)), -1);
    for (int row = 0; row < m_model->rowCount(); ++row)
        QCOMPARE(m_model->rowOf(m_model->idAt(row)), row); // the id index follows the removal
    QCOMPARE(m_model->idAt(0), ConnectionId(602));
    QCOMPARE(stateOf(*m_model, 2100), QStringLiteral("reset by the peer"));
    QCOMPARE(stateOf(*m_model, 2101), QStringLiteral("open"));
}

void tst_ClientsModel::removeClosedKeepsOpenRowsAndSelection()
{
    connectClients(10);
    for (const ConnectionId id : QList<ConnectionId>{1, 2, 4, 7, 8, 10})
        emit m_server->clientClosed(id, CloseReason::Graceful);
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    QTRY_COMPARE(changed.count(), 1);
    emit m_server->clientPeerClosed(3); // noted, not yet announced when the rows go
    QItemSelectionModel selection(m_model.get());
    selection.select(m_model->index(m_model->rowOf(9), 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
    QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
    m_model->removeClosed();
    QCOMPARE(removed.count(), 4); // runs 10, 7–8, 4, 1–2, bottom first
    QCOMPARE(m_model->rowCount(), 4);
    QList<ConnectionId> left;
    for (int row = 0; row < m_model->rowCount(); ++row)
        left << m_model->idAt(row);
    QCOMPARE(left, (QList<ConnectionId>{3, 5, 6, 9}));
    QCOMPARE(m_model->rowOf(9), 3);
    QCOMPARE(m_model->rowOf(10), -1);
    QCOMPARE(m_model->closedCount(), 0);
    const QModelIndexList selected = selection.selectedRows();
    QCOMPARE(selected.size(), 1);
    QCOMPARE(m_model->idAt(selected.first().row()), ConnectionId(9));
    // The change noted before the removal still reaches the view, over rows that exist now.
    QTRY_COMPARE(changed.count(), 2);
    QCOMPARE(changed.at(1).at(0).value<QModelIndex>(), m_model->index(0, 0));
    QCOMPARE(changed.at(1).at(1).value<QModelIndex>(), m_model->index(3, ClientsModel::ColumnCount - 1));
    QCOMPARE(stateOf(*m_model, 3), QStringLiteral("peer finished sending"));
}

QTEST_MAIN(tst_ClientsModel)
#include "tst_clientsmodel.moc"
