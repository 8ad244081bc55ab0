// UdpTab driven through its real widgets with QUdpSocket peers on 127.0.0.1: bind and unbind, datagrams
// from two senders, reply to the last sender, a bad target explained next to the field, the implicit bind
// of a first send, a refused datagram in the log, and hints that go stale when the form changes.
#include "core/io/iothread.h"
#include "support/onloop.h"
#include "support/testpeers.h"
#include "support/translations.h"
#include "ui/log/connectionlog.h"
#include "ui/compose/sendcomposer.h"
#include "ui/session/udptab.h"
#include "ui/traffic/trafficmodel.h"
#include "ui/traffic/trafficview.h"

#include <QAbstractButton>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkDatagram>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUdpSocket>

using namespace ui;

namespace {

QLabel *stateLabel(const UdpTab &tab)
{
    return tab.findChild<QLabel *>(QStringLiteral("stateLabel"));
}

QLabel *actionHint(const UdpTab &tab)
{
    return tab.findChild<QLabel *>(QStringLiteral("actionHint"));
}

void retype(QLineEdit *field, const QString &text)
{
    field->selectAll();
    QTest::keyClick(field, Qt::Key_Delete);
    QTest::keyClicks(field, text);
}

// Sends `text` the way the Send button does, to 127.0.0.1:port.
void sendFromTab(UdpTab &tab, quint16 port, const QString &text)
{
    retype(tab.findChild<QLineEdit *>(QStringLiteral("targetPort")), QString::number(port));
    tab.composer()->setText(text);
    tab.composer()->send();
}

bool logContains(const ConnectionLog &log, const QString &text)
{
    for (int row = 0; row < log.lineCount(); ++row)
        if (log.lineText(row).contains(text))
            return true;
    return false;
}

} // namespace

class tst_UdpTab : public QObject
{
    Q_OBJECT

private slots:
    void bindReceiveFromTwoSendersAndReply();
    void echoSendsEveryDatagramBack();
    void badTargetIsExplained();
    void firstSendBindsWhereTheFieldSays();
    void badBindAddressBlocksBindAndSend();
    void bracketedAddressBinds();
    void allInterfacesShowsAWarning();
    void refusedDatagramIsLogged();
    void bindErrorClearsOnEdit_data();
    void bindErrorClearsOnEdit();
};

void tst_UdpTab::bindReceiveFromTwoSendersAndReply()
{
    core::IoThread io;
    UdpTab tab(io);
    tab.show();
    auto *bind = tab.findChild<QAbstractButton *>(QStringLiteral("bindButton"));
    QSignalSpy bound(tab.udpSession(), &core::UdpSession::bound);
    QTest::mouseClick(bind, Qt::LeftButton);
    QVERIFY(bound.wait(5000));
    QCOMPARE(bind->text(), QStringLiteral("&Unbind"));
    const quint16 port = tab.udpSession()->localAddress().port();
    QVERIFY(tab.findChild<QLabel *>(QStringLiteral("stateLabel"))->text().contains(QStringLiteral("127.0.0.1:%1").arg(port)));

    QUdpSocket first;
    QUdpSocket second;
    QVERIFY(first.bind(QHostAddress::LocalHost, 0));
    QVERIFY(second.bind(QHostAddress::LocalHost, 0));
    QSignalSpy datagrams(tab.udpSession(), &core::UdpSession::datagramReceived);
    first.writeDatagram("one", QHostAddress::LocalHost, port);
    QTRY_COMPARE(datagrams.size(), 1);
    second.writeDatagram("two", QHostAddress::LocalHost, port);
    QTRY_COMPARE(datagrams.size(), 2);
    QCOMPARE(datagrams.at(1).at(1).value<core::SocketAddress>().port(), second.localPort());
    QTRY_VERIFY(tab.findChild<QLabel *>(QStringLiteral("stateLabel"))->text().contains(
        QStringLiteral("last sender 127.0.0.1:%1").arg(second.localPort())));

    QTest::keyClick(tab.findChild<QCheckBox *>(QStringLiteral("replyToSender")), Qt::Key_Space);
    QVERIFY(!tab.findChild<QLineEdit *>(QStringLiteral("targetPort"))->isEnabled());
    tab.udpSession()->replyToLastSender("ack");
    QTRY_VERIFY(second.hasPendingDatagrams());
    const QNetworkDatagram reply = second.receiveDatagram();
    QCOMPARE(reply.data(), QByteArray("ack"));
    QCOMPARE(reply.senderPort(), int(port));
    QVERIFY(!first.hasPendingDatagrams());

    // One row per datagram, each with its own sender; the reply went to the second sender.
    TrafficModel *traffic = tab.traffic()->model();
    QTRY_COMPARE(traffic->rowCount(), 3);
    const QString firstPeer = QStringLiteral("127.0.0.1:%1").arg(first.localPort());
    const QString secondPeer = QStringLiteral("127.0.0.1:%1").arg(second.localPort());
    QCOMPARE(traffic->index(0, TrafficModel::PeerColumn).data().toString(), firstPeer);
    QCOMPARE(traffic->index(0, TrafficModel::DataColumn).data().toString(), QStringLiteral("one"));
    QCOMPARE(traffic->index(1, TrafficModel::PeerColumn).data().toString(), secondPeer);
    QCOMPARE(traffic->index(2, TrafficModel::PeerColumn).data().toString(), secondPeer);
    QCOMPARE(traffic->index(2, TrafficModel::DirectionColumn).data().toString(),
             TrafficModel::directionText(core::Direction::Sent));
    // The traffic rows come from the capture store, appended on the I/O thread before the Written event is
    // drained: the sent counter can still be behind when the third row shows. Received is counted before
    // datagramReceived is emitted, so it is exact already.
    QCOMPARE(tab.session()->counters().messagesIn, quint64(2));
    QTRY_COMPARE(tab.session()->counters().messagesOut, quint64(1));

    QSignalSpy unbound(tab.udpSession(), &core::UdpSession::unbound);
    QSignalSpy statusChanged(&tab, &SessionTab::statusChanged);
    QTest::mouseClick(bind, Qt::LeftButton);
    QCOMPARE(unbound.size(), 1);
    QCOMPARE(bind->text(), QStringLiteral("&Bind"));
    // At once, and with nothing left of the closed socket: no address, no last sender to reply to.
    QVERIFY(!statusChanged.isEmpty());
    QCOMPARE(stateLabel(tab)->text(), QStringLiteral("Not bound"));
    QVERIFY2(tab.statusText().startsWith(QStringLiteral("Not bound   ·")), qPrintable(tab.statusText()));
    QVERIFY(!tab.composer()->isSendEnabled()); // reply mode is still on, and there is no sender now
}

void tst_UdpTab::badTargetIsExplained()
{
    core::IoThread io;
    UdpTab tab(io);
    tab.show();
    auto *targetPort = tab.findChild<QLineEdit *>(QStringLiteral("targetPort"));
    targetPort->selectAll();
    QTest::keyClick(targetPort, Qt::Key_Delete);
    QTest::keyClicks(targetPort, QStringLiteral("99999"));
    const QString message = QStringLiteral("Port must be a number from 1 to 65535, not “99999”.");
    bool shown = false;
    for (const QLabel *label : tab.findChildren<QLabel *>(QStringLiteral("fieldHint")))
        shown = shown || (label->isVisible() && label->text() == message);
    QVERIFY(shown);
    // Reply mode does not need a target: the hint goes away.
    QTest::keyClick(tab.findChild<QCheckBox *>(QStringLiteral("replyToSender")), Qt::Key_Space);
    QVERIFY(tab.findChild<QCheckBox *>(QStringLiteral("replyToSender"))->isChecked());
    for (const QLabel *label : tab.findChildren<QLabel *>(QStringLiteral("fieldHint")))
        QVERIFY(!(label->isVisible() && label->text() == message));
}

void tst_UdpTab::firstSendBindsWhereTheFieldSays()
{
    core::IoThread io;
    UdpTab tab(io);
    tab.show();
    auto *bindAddress = tab.findChild<QComboBox *>(QStringLiteral("bindAddress"));
    // Not the loopback address a send would pick by itself: the field's address is the one bound.
    bindAddress->setEditText(QStringLiteral("127.0.0.2"));
    QUdpSocket peer;
    QVERIFY(peer.bind(QHostAddress::LocalHost, 0));
    QSignalSpy bound(tab.udpSession(), &core::UdpSession::bound);

    sendFromTab(tab, peer.localPort(), QStringLiteral("first"));
    QVERIFY(bound.wait(5000));
    const core::SocketAddress local = tab.udpSession()->localAddress();
    QCOMPARE(local.host(), QStringLiteral("127.0.0.2"));
    QCOMPARE(stateLabel(tab)->text(), QStringLiteral("Bound to 127.0.0.2:%1").arg(local.port()));
    QCOMPARE(tab.findChild<QAbstractButton *>(QStringLiteral("bindButton"))->text(), QStringLiteral("&Unbind"));
    QVERIFY(!bindAddress->isEnabled());
    QVERIFY(!tab.findChild<QLabel *>(QStringLiteral("exposureWarning"))->isVisible()); // loopback only
    QTRY_VERIFY(peer.hasPendingDatagrams());
    const QNetworkDatagram datagram = peer.receiveDatagram();
    QCOMPARE(datagram.data(), QByteArray("first"));
    QCOMPARE(datagram.senderAddress(), QHostAddress(QStringLiteral("127.0.0.2")));
    QCOMPARE(datagram.senderPort(), int(local.port()));
}

void tst_UdpTab::badBindAddressBlocksBindAndSend()
{
    core::IoThread io;
    UdpTab tab(io);
    tab.show();
    auto *bindAddress = tab.findChild<QComboBox *>(QStringLiteral("bindAddress"));
    auto *bind = tab.findChild<QAbstractButton *>(QStringLiteral("bindButton"));
    bindAddress->setEditText(QStringLiteral("localhost"));
    // core::parseEndpoint's sentence, with the advice for a bind.
    const QString sentence = QStringLiteral("“localhost” is not a numeric IPv4 or IPv6 address: bind to 127.0.0.1, "
                                            "::1, 0.0.0.0 (all IPv4) or :: (all).");
    bool shown = false;
    for (const QLabel *label : tab.findChildren<QLabel *>(QStringLiteral("fieldHint")))
        shown = shown || (label->isVisible() && label->text() == sentence);
    QVERIFY2(shown, "no visible hint next to the Bind field");
    QVERIFY(!bind->isEnabled());
    QCOMPARE(bind->toolTip(), sentence);
    auto *send = tab.findChild<QAbstractButton *>(QStringLiteral("sendButton"));
    QVERIFY(!send->isEnabled());
    QCOMPARE(send->toolTip(), QStringLiteral("Sending binds to the Bind address and port first: %1").arg(sentence));

    // However a send is asked for, nothing is bound or sent.
    QSignalSpy events(tab.udpSession(), &core::Session::eventOccurred);
    sendFromTab(tab, 9, QStringLiteral("nowhere"));
    tab.toggleActive();
    QCOMPARE(tab.udpSession()->state(), core::SessionState::Idle);
    QCOMPARE(tab.udpSession()->counters().messagesOut, quint64(0));
    QVERIFY(events.isEmpty());
}

void tst_UdpTab::bracketedAddressBinds()
{
    core::IoThread io;
    UdpTab tab(io);
    tab.show();
    tab.findChild<QComboBox *>(QStringLiteral("bindAddress"))->setEditText(QStringLiteral("[::1]"));
    auto *bind = tab.findChild<QAbstractButton *>(QStringLiteral("bindButton"));
    QVERIFY(bind->isEnabled());
    QTest::mouseClick(bind, Qt::LeftButton);
    QTRY_COMPARE(tab.udpSession()->state(), core::SessionState::Bound);
    const core::SocketAddress local = tab.udpSession()->localAddress();
    QCOMPARE(local.host(), QStringLiteral("::1"));
    QCOMPARE(stateLabel(tab)->text(), QStringLiteral("Bound to [::1]:%1").arg(local.port()));
}

// The warning follows the Bind field: sending while unbound binds there, so it shows before any bind.
void tst_UdpTab::allInterfacesShowsAWarning()
{
    core::IoThread io;
    UdpTab tab(io);
    tab.show();
    auto *address = tab.findChild<QComboBox *>(QStringLiteral("bindAddress"));
    auto *warning = tab.findChild<QLabel *>(QStringLiteral("exposureWarning"));
    address->setEditText(QStringLiteral("127.0.0.1"));
    QVERIFY(!warning->isVisible());
    address->setEditText(QStringLiteral("0.0.0.0"));
    QVERIFY(warning->isVisible());
    QCOMPARE(warning->text(), QStringLiteral("All interfaces: other machines on your network can now connect."));
    address->setEditText(QStringLiteral("::1"));
    QVERIFY(!warning->isVisible());
    // A bind address that cannot be bound blocks sending too, and says why.
    address->setEditText(QStringLiteral("example.com"));
    QVERIFY(!tab.composer()->isSendEnabled());
    QVERIFY(!tab.udpSession()->isBound());
}

void tst_UdpTab::refusedDatagramIsLogged()
{
    core::IoThread io;
    UdpTab tab(io);
    tab.show();
    QSignalSpy bound(tab.udpSession(), &core::UdpSession::bound);
    QTest::mouseClick(tab.findChild<QAbstractButton *>(QStringLiteral("bindButton")), Qt::LeftButton);
    QVERIFY(bound.wait(5000));
    quint16 closed = 0;
    {
        QUdpSocket probe; // a free loopback port, closed again at once
        QVERIFY(probe.bind(QHostAddress::LocalHost, 0));
        closed = probe.localPort();
    }

    sendFromTab(tab, closed, QStringLiteral("knock"));
    const QString sentence = QStringLiteral("127.0.0.1:%1 refused the datagram: nothing is listening there.").arg(closed);
    QTRY_VERIFY(logContains(*tab.log(), sentence));
    QVERIFY(actionHint(tab)->isVisible());
    QCOMPARE(actionHint(tab)->text(), sentence);
    QTRY_COMPARE(tab.session()->counters().messagesOut, quint64(1));
    QCOMPARE(tab.session()->counters().messagesIn, quint64(0));
    QVERIFY(tab.udpSession()->isBound()); // an ICMP error does not close the socket

    // The refusal was about that port: typing another one makes it stale.
    QTest::keyClick(tab.findChild<QLineEdit *>(QStringLiteral("targetPort")), Qt::Key_Backspace);
    QVERIFY(!actionHint(tab)->isVisible());
}

void tst_UdpTab::bindErrorClearsOnEdit_data()
{
    QTest::addColumn<QString>("editedField");
    QTest::newRow("port") << QStringLiteral("bindPort");
    QTest::newRow("address") << QStringLiteral("bindAddress");
}

void tst_UdpTab::bindErrorClearsOnEdit()
{
    QFETCH(QString, editedField);
    core::IoThread io;
    UdpTab tab(io);
    tab.show();
    QUdpSocket holder; // holds the port, without SO_REUSEADDR on our side the bind must fail
    QVERIFY(holder.bind(QHostAddress::LocalHost, 0));
    tab.findChild<QComboBox *>(QStringLiteral("bindAddress"))->setEditText(QStringLiteral("127.0.0.1"));
    retype(tab.findChild<QLineEdit *>(QStringLiteral("bindPort")), QString::number(holder.localPort()));
    QSignalSpy errors(tab.udpSession(), &core::UdpSession::errorOccurred);
    QTest::mouseClick(tab.findChild<QAbstractButton *>(QStringLiteral("bindButton")), Qt::LeftButton);
    QVERIFY(errors.wait(5000));
    const QString expected = QStringLiteral("Address 127.0.0.1:%1 is already in use — another program (or another "
                                            "tab) is using this port; pick another port or stop it.")
                                 .arg(holder.localPort());
    QCOMPARE(actionHint(tab)->text(), expected);
    QVERIFY(actionHint(tab)->isVisible());
    QVERIFY(!tab.udpSession()->isBound());

    if (editedField == QLatin1String("bindPort")) {
        QTest::keyClick(tab.findChild<QLineEdit *>(editedField), Qt::Key_Backspace);
    } else {
        QLineEdit *edit = tab.findChild<QComboBox *>(editedField)->lineEdit();
        edit->selectAll();
        QTest::keyClicks(edit, QStringLiteral("::1"));
    }
    QVERIFY(!actionHint(tab)->isVisible());
    QVERIFY(actionHint(tab)->text().isEmpty());
}

void tst_UdpTab::echoSendsEveryDatagramBack()
{
    core::IoThread io;
    UdpTab tab(io);
    tab.show();
    auto *echo = tab.findChild<QCheckBox *>(QStringLiteral("echo"));
    QVERIFY(echo);
    QCOMPARE(echo->accessibleName(), QStringLiteral("Echo every datagram to its sender"));
    echo->click();
    QSignalSpy bound(tab.udpSession(), &core::UdpSession::bound);
    tab.findChild<QAbstractButton *>(QStringLiteral("bindButton"))->click();
    QVERIFY(bound.wait(5000));
    testsupport::onLoop(io, [] {});
    QUdpSocket peer;
    QVERIFY(peer.bind(QHostAddress::LocalHost, 0));
    peer.writeDatagram("marco", QHostAddress::LocalHost, tab.udpSession()->localAddress().port());
    QVERIFY(peer.waitForReadyRead(5000));
    QCOMPARE(peer.receiveDatagram().data(), QByteArray("marco"));
    TrafficModel *traffic = tab.traffic()->model();
    QTRY_COMPARE(traffic->rowCount(), 2); // received, then the echo as sent
    QCOMPARE(traffic->index(1, TrafficModel::DataColumn).data().toString(), QStringLiteral("marco"));
    QTemporaryDir dir;
    QSettings settings(dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
    tab.saveState(settings);
    UdpTab restored(io);
    restored.restoreState(settings);
    QVERIFY(restored.findChild<QCheckBox *>(QStringLiteral("echo"))->isChecked());
}

QTEST_MAIN(tst_UdpTab)
#include "tst_udptab.moc"
