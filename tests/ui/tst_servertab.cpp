// ServerTab driven through its real widgets: validation as you type, listen, the clients table, sending to
// selected or all clients, and disconnecting one — with QTcpSocket clients on 127.0.0.1 as peers.
#include "core/iothread.h"
#include "support/testpeers.h"
#include "ui/clientsmodel.h"
#include "ui/servertab.h"
#include "ui/connectionlog.h"
#include "ui/trafficmodel.h"
#include "ui/trafficview.h"

#include <QAbstractButton>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTableView>
#include <QTcpSocket>
#include <QTest>

#include <memory>
#include <vector>

using namespace ui;

namespace {
void retype(QLineEdit *edit, const QString &text)
{
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Delete);
    QTest::keyClicks(edit, text);
}
} // namespace

class tst_ServerTab : public QObject
{
    Q_OBJECT

private slots:
    void badPortIsExplainedAndBlocksListen();
    void allInterfacesShowsAWarning();
    void clientsAppearAndTrafficReachesThem();
    void disconnectOneClientFromTheTable();
};

void tst_ServerTab::badPortIsExplainedAndBlocksListen()
{
    core::IoThread io;
    ServerTab tab(io);
    tab.show();
    auto *port = tab.findChild<QLineEdit *>(QStringLiteral("port"));
    auto *listen = tab.findChild<QAbstractButton *>(QStringLiteral("listenButton"));
    retype(port, QStringLiteral("70000"));
    const QString expected = QStringLiteral("Port must be a number from 0 to 65535, not “70000”.");
    QVERIFY(!listen->isEnabled());
    QCOMPARE(listen->toolTip(), expected);
    bool hintShown = false;
    for (const QLabel *label : tab.findChildren<QLabel *>(QStringLiteral("fieldHint")))
        hintShown = hintShown || (label->isVisible() && label->text() == expected);
    QVERIFY2(hintShown, "no visible hint next to the port field");
    retype(port, QStringLiteral("0"));
    QVERIFY(listen->isEnabled());
}

void tst_ServerTab::allInterfacesShowsAWarning()
{
    core::IoThread io;
    ServerTab tab(io);
    tab.show();
    auto *address = tab.findChild<QComboBox *>(QStringLiteral("bindAddress"));
    auto *warning = tab.findChild<QLabel *>(QStringLiteral("exposureWarning"));
    QVERIFY(!warning->isVisible());
    address->setEditText(QStringLiteral("0.0.0.0"));
    QVERIFY(warning->isVisible());
    QCOMPARE(warning->text(), QStringLiteral("All interfaces: other machines on your network can now connect."));
    address->setEditText(QStringLiteral("::1"));
    QVERIFY(!warning->isVisible());
    address->setEditText(QStringLiteral("example.com"));
    QVERIFY(!tab.findChild<QAbstractButton *>(QStringLiteral("listenButton"))->isEnabled());
}

void tst_ServerTab::clientsAppearAndTrafficReachesThem()
{
    core::IoThread io;
    ServerTab tab(io);
    tab.show();
    QSignalSpy listening(tab.serverSession(), &core::TcpServerSession::listening);
    auto *listen = tab.findChild<QAbstractButton *>(QStringLiteral("listenButton"));
    QTest::mouseClick(listen, Qt::LeftButton);
    QVERIFY(listening.wait(5000));
    QCOMPARE(listen->text(), QStringLiteral("&Stop"));
    const quint16 port = tab.serverSession()->listenAddress().port();
    QVERIFY(port != 0);
    QVERIFY(tab.findChild<QLabel *>(QStringLiteral("stateLabel"))->text().contains(QStringLiteral("127.0.0.1:%1").arg(port)));

    std::vector<std::unique_ptr<QTcpSocket>> clients;
    for (int i = 0; i < 3; ++i) {
        clients.push_back(std::make_unique<QTcpSocket>());
        clients.back()->connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(clients.back()->waitForConnected(5000));
    }
    QTableView *table = tab.clientsTable();
    QTRY_COMPARE(table->model()->rowCount(), 3);
    QStringList peers;
    for (int row = 0; row < 3; ++row)
        peers.append(table->model()->index(row, ClientsModel::PeerColumn).data().toString());
    for (const auto &client : clients)
        QVERIFY2(peers.contains(QStringLiteral("127.0.0.1:%1").arg(client->localPort())), qPrintable(peers.join(u',')));

    // "To selected clients" with nothing selected blocks sending, with the reason.
    auto *target = tab.findChild<QComboBox *>(QStringLiteral("sendTarget"));
    auto *sendButton = tab.findChild<QAbstractButton *>(QStringLiteral("sendButton"));
    QVERIFY(sendButton->isEnabled()); // to all clients
    target->setCurrentIndex(1);
    QVERIFY(!sendButton->isEnabled());
    QCOMPARE(sendButton->toolTip(), QStringLiteral("Select one or more connected clients in the table."));
    table->selectRow(1);
    QVERIFY(sendButton->isEnabled());
    const core::ConnectionId chosen = tab.clientsModel()->idAt(1);
    QCOMPARE(tab.selectedClients(), QList<core::ConnectionId>{chosen});
    tab.serverSession()->send(chosen, "only you");
    QTcpSocket *receiver = nullptr;
    for (const auto &client : clients)
        if (tab.serverSession()->client(chosen)->peer.port() == client->localPort())
            receiver = client.get();
    QVERIFY(receiver);
    QTRY_COMPARE(receiver->bytesAvailable(), qint64(8));
    QCOMPARE(receiver->readAll(), QByteArray("only you"));

    clients[0]->write("abc");
    QTRY_COMPARE(table->model()->index(0, ClientsModel::InColumn).data().toString(), QStringLiteral("3"));
    QCOMPARE(table->model()->index(0, ClientsModel::MessagesColumn).data().toString(), QStringLiteral("1 / 0"));
    QCOMPARE(table->model()->index(1, ClientsModel::OutColumn).data().toString(), QStringLiteral("8"));

    // The traffic list: the sent chunk, then the received one from that client's address.
    TrafficModel *traffic = tab.traffic()->model();
    QTRY_COMPARE(traffic->rowCount(), 2);
    QCOMPARE(traffic->index(0, TrafficModel::DataColumn).data().toString(), QStringLiteral("only you"));
    QCOMPARE(traffic->index(1, TrafficModel::DataColumn).data().toString(), QStringLiteral("abc"));
    QCOMPARE(traffic->index(1, TrafficModel::PeerColumn).data().toString(),
             QStringLiteral("127.0.0.1:%1").arg(clients[0]->localPort()));
    // The log names every accepted client.
    int accepted = 0;
    for (int i = 0; i < tab.log()->lineCount(); ++i)
        accepted += tab.log()->lineText(i).contains(QStringLiteral("Accepted #")) ? 1 : 0;
    QCOMPARE(accepted, 3);
}

void tst_ServerTab::disconnectOneClientFromTheTable()
{
    core::IoThread io;
    ServerTab tab(io);
    tab.show();
    QSignalSpy listening(tab.serverSession(), &core::TcpServerSession::listening);
    QTest::mouseClick(tab.findChild<QAbstractButton *>(QStringLiteral("listenButton")), Qt::LeftButton);
    QVERIFY(listening.wait(5000));
    QTcpSocket a;
    QTcpSocket b;
    a.connectToHost(QHostAddress::LocalHost, tab.serverSession()->listenAddress().port());
    b.connectToHost(QHostAddress::LocalHost, tab.serverSession()->listenAddress().port());
    QVERIFY(a.waitForConnected(5000) && b.waitForConnected(5000));
    QTRY_COMPARE(tab.clientsModel()->rowCount(), 2);
    const int rowOfA = tab.clientsModel()->index(0, ClientsModel::PeerColumn).data().toString().endsWith(
                           QStringLiteral(":%1").arg(a.localPort())) ? 0 : 1;
    QSignalSpy aDisconnected(&a, &QTcpSocket::disconnected);
    tab.serverSession()->disconnectClient(tab.clientsModel()->idAt(rowOfA));
    QVERIFY(aDisconnected.wait(5000));
    QTRY_COMPARE(tab.clientsModel()->index(rowOfA, ClientsModel::StateColumn).data().toString(), QStringLiteral("closed by you"));
    QVERIFY(!tab.clientsModel()->isOpen(rowOfA));
    QVERIFY(tab.clientsModel()->isOpen(1 - rowOfA));
    QCOMPARE(b.state(), QAbstractSocket::ConnectedState);
    tab.clientsModel()->removeClosed();
    QCOMPARE(tab.clientsModel()->rowCount(), 1);
}

QTEST_MAIN(tst_ServerTab)
#include "tst_servertab.moc"
