// ClientTab driven through its real widgets against a QTcpServer peer on 127.0.0.1: validation as you
// type, the one button that follows the state, refused connections explained next to the button,
// half-close and abort.
#include "core/io/iothread.h"
#include "support/testpeers.h"
#include "support/translations.h"
#include "ui/session/clienttab.h"
#include "ui/hex/bytesource.h"
#include "ui/log/connectionlog.h"
#include "ui/hex/hexpanel.h"
#include "ui/hex/hexview.h"
#include "ui/traffic/trafficmodel.h"
#include "ui/traffic/trafficview.h"

#include <QAbstractButton>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTableView>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <memory>

using namespace ui;
using State = core::SessionState;

namespace {
void retype(QLineEdit *edit, const QString &text)
{
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Delete);
    QTest::keyClicks(edit, text);
}

QString visibleHints(const QWidget &tab)
{
    QStringList texts;
    for (const QLabel *label : tab.findChildren<QLabel *>())
        if (label->isVisible() && label->objectName().endsWith(QLatin1String("Hint")) && !label->text().isEmpty())
            texts.append(label->text());
    return texts.join(u'\n');
}
} // namespace

class tst_ClientTab : public QObject
{
    Q_OBJECT

private slots:
    void badInputIsExplainedAndBlocksConnect_data();
    void badInputIsExplainedAndBlocksConnect();
    void connectTalkHalfCloseAndDisconnect();
    void refusedIsExplainedNextToTheButton();
    void abortResetsThePeer();
    void cancelWhileLookingUp();
};

void tst_ClientTab::badInputIsExplainedAndBlocksConnect_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<QString>("port");
    QTest::addColumn<QString>("message");
    QTest::newRow("port too big") << "127.0.0.1" << "70000"
                                  << "Port must be a number from 1 to 65535, not “70000”.";
    QTest::newRow("port zero") << "127.0.0.1" << "0" << "Port 0 is not allowed here.";
    QTest::newRow("empty host") << "" << "80" << "Host is empty.";
    QTest::newRow("host with a space") << "my host" << "80" << "Host name “my host” contains a space.";
}

void tst_ClientTab::badInputIsExplainedAndBlocksConnect()
{
    QFETCH(QString, host);
    QFETCH(QString, port);
    QFETCH(QString, message);
    core::IoThread io;
    ClientTab tab(io);
    tab.show();
    auto *hostField = tab.findChild<QComboBox *>(QStringLiteral("host"));
    hostField->lineEdit()->clear();
    QTest::keyClicks(hostField->lineEdit(), host);
    retype(tab.findChild<QLineEdit *>(QStringLiteral("port")), port);
    auto *button = tab.findChild<QAbstractButton *>(QStringLiteral("connectButton"));
    QVERIFY(!button->isEnabled());
    QCOMPARE(button->toolTip(), message);
    QVERIFY2(visibleHints(tab).contains(message), qPrintable(visibleHints(tab)));
}

void tst_ClientTab::connectTalkHalfCloseAndDisconnect()
{
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    core::IoThread io;
    ClientTab tab(io);
    tab.show();
    retype(tab.findChild<QLineEdit *>(QStringLiteral("port")), QString::number(server.serverPort()));
    auto *button = tab.findChild<QAbstractButton *>(QStringLiteral("connectButton"));
    QCOMPARE(button->text(), QStringLiteral("&Connect"));
    QTest::mouseClick(button, Qt::LeftButton);
    QVERIFY(server.waitForNewConnection(5000));
    std::unique_ptr<QTcpSocket> peer(server.nextPendingConnection());
    QTRY_COMPARE(tab.clientSession()->state(), State::Connected);
    QCOMPARE(button->text(), QStringLiteral("&Disconnect"));
    QVERIFY(tab.findChild<QLabel *>(QStringLiteral("stateLabel"))->text().startsWith(
        QStringLiteral("Connected to 127.0.0.1:%1").arg(server.serverPort())));

    // Type, Ctrl+Enter: the peer gets exactly those bytes.
    auto *editor = tab.findChild<QPlainTextEdit *>(QStringLiteral("payloadEditor"));
    QVERIFY(editor);
    QTest::keyClicks(editor, QStringLiteral("ping"));
    QTest::keyClick(editor, Qt::Key_Return, Qt::ControlModifier);
    QTRY_COMPARE(peer->bytesAvailable(), qint64(4));
    QCOMPARE(peer->readAll(), QByteArray("ping"));
    peer->write("pong\r\n");
    QTRY_COMPARE(tab.session()->counters().bytesIn, quint64(6));
    QCOMPARE(tab.session()->counters().bytesOut, quint64(4));

    // The traffic list shows both chunks, in order, with direction, length and an escaped preview.
    TrafficModel *model = tab.traffic()->model();
    QTRY_COMPARE(model->rowCount(), 2);
    QCOMPARE(model->index(0, TrafficModel::DirectionColumn).data().toString(), TrafficModel::directionText(core::Direction::Sent));
    QCOMPARE(model->index(0, TrafficModel::LengthColumn).data().toString(), QStringLiteral("4"));
    QCOMPARE(model->index(0, TrafficModel::DataColumn).data().toString(), QStringLiteral("ping"));
    QCOMPARE(model->index(1, TrafficModel::DirectionColumn).data().toString(), TrafficModel::directionText(core::Direction::Received));
    QCOMPARE(model->index(1, TrafficModel::PeerColumn).data().toString(), QStringLiteral("127.0.0.1:%1").arg(server.serverPort()));
    QCOMPARE(model->index(1, TrafficModel::DataColumn).data().toString(), QStringLiteral("pong\\r\\n"));

    // Selecting the received row shows its bytes in the hex view.
    tab.traffic()->table()->selectRow(1);
    ByteSource *shown = tab.hexPanel()->view()->source();
    QTRY_COMPARE(shown->size(), qint64(6));
    QCOMPARE(shown->read(0, 6), QByteArray("pong\r\n"));

    // The log says where we connected.
    bool logged = false;
    for (int i = 0; i < tab.log()->lineCount(); ++i)
        logged = logged || tab.log()->lineText(i).contains(QStringLiteral("Connected to 127.0.0.1:%1").arg(server.serverPort()));
    QVERIFY2(logged, "no 'Connected to' line in the connection log");
    QVERIFY2(tab.statusText().contains(QStringLiteral("received 6 bytes in 1 message")), qPrintable(tab.statusText()));
    QVERIFY2(tab.statusText().contains(QStringLiteral("sent 4 bytes in 1 message")), qPrintable(tab.statusText()));

    auto *halfClose = tab.findChild<QAbstractButton *>(QStringLiteral("halfCloseButton"));
    QVERIFY(halfClose->isEnabled());
    QSignalSpy peerSawFin(peer.get(), &QTcpSocket::readChannelFinished);
    QTest::mouseClick(halfClose, Qt::LeftButton);
    QVERIFY(peerSawFin.wait(5000));
    QVERIFY(!halfClose->isEnabled());

    // Qt's socket closes on FIN; our side then finishes too and the button offers Connect again.
    QTRY_COMPARE(tab.clientSession()->state(), State::Idle);
    QCOMPARE(button->text(), QStringLiteral("&Connect"));
}

void tst_ClientTab::refusedIsExplainedNextToTheButton()
{
    quint16 closedPort = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        closedPort = probe.serverPort();
    }
    core::IoThread io;
    ClientTab tab(io);
    tab.show();
    retype(tab.findChild<QLineEdit *>(QStringLiteral("port")), QString::number(closedPort));
    QSignalSpy closed(tab.clientSession(), &core::TcpClientSession::closed);
    QTest::mouseClick(tab.findChild<QAbstractButton *>(QStringLiteral("connectButton")), Qt::LeftButton);
    QVERIFY(closed.wait(5000));
    auto *hint = tab.findChild<QLabel *>(QStringLiteral("actionHint"));
    QVERIFY(hint->isVisible());
    QCOMPARE(hint->text(), QStringLiteral("Connection refused by 127.0.0.1:%1 — is anything listening?").arg(closedPort));
    QCOMPARE(tab.findChild<QAbstractButton *>(QStringLiteral("connectButton"))->text(), QStringLiteral("&Connect"));
}

void tst_ClientTab::abortResetsThePeer()
{
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    core::IoThread io;
    ClientTab tab(io);
    tab.show();
    retype(tab.findChild<QLineEdit *>(QStringLiteral("port")), QString::number(server.serverPort()));
    QTest::mouseClick(tab.findChild<QAbstractButton *>(QStringLiteral("connectButton")), Qt::LeftButton);
    QVERIFY(server.waitForNewConnection(5000));
    std::unique_ptr<QTcpSocket> peer(server.nextPendingConnection());
    QTRY_COMPARE(tab.clientSession()->state(), State::Connected);
    QSignalSpy closed(tab.clientSession(), &core::TcpClientSession::closed);
    QSignalSpy peerGone(peer.get(), &QTcpSocket::disconnected);
    QTest::mouseClick(tab.findChild<QAbstractButton *>(QStringLiteral("abortButton")), Qt::LeftButton);
    QVERIFY(closed.wait(5000));
    QCOMPARE(closed.at(0).at(0).value<core::CloseReason>(), core::CloseReason::Aborted);
    QTRY_COMPARE(peerGone.size(), 1); // may already have come while we waited for closed
    QCOMPARE(peer->state(), QAbstractSocket::UnconnectedState);
}

namespace {
// A lookup that takes as long as the test wants: it answers when released (or after 10 s).
class SlowResolver final : public core::Resolver
{
public:
    mutable QSemaphore release;
    core::Resolution resolve(const QString &, quint16 port) const override
    {
        release.tryAcquire(1, 10000);
        return {{*core::SocketAddress::fromNumericHost(QStringLiteral("127.0.0.1"), port)}, {}};
    }
};
} // namespace

void tst_ClientTab::cancelWhileLookingUp()
{
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    core::IoThread io;
    ClientTab tab(io);
    tab.show();
    auto resolver = std::make_shared<SlowResolver>();
    tab.clientSession()->setResolver(resolver);
    auto *host = tab.findChild<QComboBox *>(QStringLiteral("host"));
    host->lineEdit()->clear();
    QTest::keyClicks(host->lineEdit(), QStringLiteral("slow.test"));
    retype(tab.findChild<QLineEdit *>(QStringLiteral("port")), QString::number(server.serverPort()));
    auto *button = tab.findChild<QAbstractButton *>(QStringLiteral("connectButton"));
    QSignalSpy events(tab.clientSession(), &core::Session::eventOccurred);
    QSignalSpy connected(tab.clientSession(), &core::TcpClientSession::connected);
    QTest::mouseClick(button, Qt::LeftButton);
    QCOMPARE(tab.clientSession()->state(), State::Resolving);
    QCOMPARE(button->text(), QStringLiteral("&Cancel"));
    QVERIFY(tab.findChild<QLabel *>(QStringLiteral("stateLabel"))->text().startsWith(QStringLiteral("Looking up slow.test")));

    QTest::mouseClick(button, Qt::LeftButton); // the window stays usable while the lookup hangs
    QCOMPARE(tab.clientSession()->state(), State::Idle);
    QCOMPARE(button->text(), QStringLiteral("&Connect"));
    resolver->release.release();
    auto cancelledClosed = [&] {
        for (const auto &arguments : events) {
            const auto event = arguments.at(0).value<core::SessionEvent>();
            if (event.kind == core::SessionEvent::Kind::Closed && event.reason == core::CloseReason::Cancelled)
                return true;
        }
        return false;
    };
    QTRY_VERIFY(cancelledClosed());
    QCOMPARE(connected.size(), 0);
    QVERIFY(!server.hasPendingConnections());
    QCOMPARE(tab.clientSession()->state(), State::Idle);
}

QTEST_MAIN(tst_ClientTab)
#include "tst_clienttab.moc"
