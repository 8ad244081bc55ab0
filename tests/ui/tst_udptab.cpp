// UdpTab driven through its real widgets with QUdpSocket peers on 127.0.0.1: bind and unbind, datagrams
// from two senders, reply to the last sender, and a bad target explained next to the field.
#include "core/iothread.h"
#include "support/testpeers.h"
#include "ui/udptab.h"
#include "ui/trafficmodel.h"
#include "ui/trafficview.h"

#include <QAbstractButton>
#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkDatagram>
#include <QSignalSpy>
#include <QTest>
#include <QUdpSocket>

using namespace ui;

class tst_UdpTab : public QObject
{
    Q_OBJECT

private slots:
    void bindReceiveFromTwoSendersAndReply();
    void badTargetIsExplained();
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
    QTest::mouseClick(bind, Qt::LeftButton);
    QCOMPARE(unbound.size(), 1);
    QCOMPARE(bind->text(), QStringLiteral("&Bind"));
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

QTEST_MAIN(tst_UdpTab)
#include "tst_udptab.moc"
