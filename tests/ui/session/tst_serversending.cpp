// ServerTab sending the way real clients need it: a client that finished sending (FIN) stays in the table
// and gets the reply; a file sent to a client that does not read waits for it (bounded queue, exact bytes
// once it reads); a failed Listen's message goes away when the port is changed. Plain sockets on 127.0.0.1.
#include "core/io/iothread.h"
#include "support/plainpeer.h"
#include "support/testpeers.h"
#include "ui/session/clientsmodel.h"
#include "ui/compose/sendcomposer.h"
#include "ui/session/servertab.h"

#include <QAbstractButton>
#include <QCheckBox>
#include <QCryptographicHash>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTemporaryFile>
#include <QTest>

using namespace ui;
using namespace testsupport;

namespace {

quint16 listenOnAnyPort(ServerTab &tab)
{
    QSignalSpy listening(tab.serverSession(), &core::TcpServerSession::listening);
    QTest::mouseClick(tab.findChild<QAbstractButton *>(QStringLiteral("listenButton")), Qt::LeftButton);
    if (!listening.wait(5000))
        return 0;
    return tab.serverSession()->listenAddress().port();
}

QString visibleHint(const QWidget &tab)
{
    for (const QLabel *label : tab.findChildren<QLabel *>())
        if (label->objectName() == QStringLiteral("actionHint") && label->isVisible())
            return label->text();
    return {};
}

} // namespace

class tst_ServerSending : public QObject
{
    Q_OBJECT

private slots:
    void halfClosedClientStaysAndGetsTheReply();
    void closeOnFinOptionIsLiveAndSaved();
    void fileToAClientThatDoesNotReadWaitsForIt();
    void listenErrorGoesAwayWhenThePortChanges();
};

void tst_ServerSending::halfClosedClientStaysAndGetsTheReply()
{
    core::IoThread io;
    ServerTab tab(io);
    tab.show();
    QVERIFY(!tab.findChild<QCheckBox *>(QStringLiteral("closeOnPeerFin"))->isChecked());
    const quint16 port = listenOnAnyPort(tab);
    QVERIFY(port != 0);
    PlainPeer peer;
    QVERIFY(peer.connectTo(port));
    QTRY_COMPARE(tab.clientsModel()->rowCount(), 1);
    QVERIFY(peer.sendAll("PING\n"));
    QVERIFY(peer.finishSending());
    QSignalSpy peerClosed(tab.serverSession(), &core::TcpServerSession::clientPeerClosed);
    QVERIFY(peerClosed.wait(5000));

    // Still a client: the row is open, Send is allowed, and the reply arrives.
    QVERIFY(tab.clientsModel()->isOpen(0));
    QVERIFY(tab.composer()->isSendEnabled());
    tab.composer()->setText(QStringLiteral("PONG"));
    tab.composer()->send();
    QTRY_COMPARE((peer.poll(), peer.received), QByteArray("PONG"));
    QVERIFY(!peer.ended);
}

void tst_ServerSending::closeOnFinOptionIsLiveAndSaved()
{
    QTemporaryDir dir;
    QSettings settings(dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
    core::IoThread io;
    {
        ServerTab tab(io);
        tab.show();
        const quint16 port = listenOnAnyPort(tab);
        PlainPeer peer;
        QVERIFY(peer.connectTo(port));
        QTRY_COMPARE(tab.clientsModel()->rowCount(), 1);
        QVERIFY(peer.finishSending());
        QSignalSpy closed(tab.serverSession(), &core::TcpServerSession::clientClosed);
        QSignalSpy peerClosed(tab.serverSession(), &core::TcpServerSession::clientPeerClosed);
        QVERIFY(peerClosed.wait(5000));
        QCOMPARE(closed.size(), 0);
        // Ticking the box closes the client that already finished, without a new Listen.
        QTest::keyClick(tab.findChild<QCheckBox *>(QStringLiteral("closeOnPeerFin")), Qt::Key_Space);
        QVERIFY(closed.wait(5000));
        QCOMPARE(closed.at(0).at(1).value<core::CloseReason>(), core::CloseReason::PeerFinished);
        QTRY_VERIFY((peer.poll(), peer.ended));
        tab.saveState(settings);
    }
    ServerTab restored(io);
    restored.restoreState(settings);
    QVERIFY(restored.findChild<QCheckBox *>(QStringLiteral("closeOnPeerFin"))->isChecked());
}

// Send File to every client while one never reads: the file pauses at that client's high-water mark (memory
// stays bounded: what we queued but the kernel has not taken stays small), and once it reads, every byte
// arrives in order.
void tst_ServerSending::fileToAClientThatDoesNotReadWaitsForIt()
{
    const QByteArray content = randomBytes(48 * 1024 * 1024, 7);
    QTemporaryFile file;
    QVERIFY(file.open());
    QCOMPARE(file.write(content), content.size());
    QVERIFY(file.flush());

    core::IoThread io;
    ServerTab tab(io);
    tab.show();
    const quint16 port = listenOnAnyPort(tab);
    PlainPeer slow;
    QVERIFY(slow.connectTo(port, 64 * 1024));
    QTRY_COMPARE(tab.clientsModel()->rowCount(), 1);
    QVERIFY(tab.composer()->sendFile(file.fileName()));
    QSignalSpy pressure(tab.serverSession(), &core::TcpServerSession::backPressureChanged);
    QVERIFY(pressure.wait(10000));
    QVERIFY(pressure.at(0).at(1).toBool());
    // Paused: give the composer's event loop many passes; the queue must not keep growing.
    QTRY_VERIFY(tab.findChild<QLabel *>(QStringLiteral("fileProgressText"))->toolTip().contains(
        QStringLiteral("waiting for the connection")));
    QTest::qWait(300); // many 0-ms passes of the file sender, had it not paused
    const auto captured = [&] { return tab.session()->capture()->stats().bytesOut; };
    const quint64 queuedThen = captured() - tab.session()->counters().bytesOut;
    QVERIFY2(queuedThen < 16u * 1024 * 1024, qPrintable(QString::number(queuedThen)));
    QVERIFY(tab.composer()->isSendingFile());
    QVERIFY2(captured() < quint64(content.size()), "the whole file was queued behind a client that does not read");

    QSignalSpy finished(tab.composer(), &SendComposer::fileSendFinished);
    QTRY_VERIFY_WITH_TIMEOUT((slow.poll(), slow.received.size() == content.size()), 60000);
    QVERIFY(!slow.failed);
    QCOMPARE(QCryptographicHash::hash(slow.received, QCryptographicHash::Sha256),
             QCryptographicHash::hash(content, QCryptographicHash::Sha256));
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(finished.at(0).at(0).toLongLong(), qint64(content.size()));
    QCOMPARE(finished.at(0).at(1).toBool(), false);
    QTRY_COMPARE(tab.session()->counters().bytesOut, quint64(content.size()));
}

void tst_ServerSending::listenErrorGoesAwayWhenThePortChanges()
{
    QTcpServer occupant;
    QVERIFY(occupant.listen(QHostAddress::LocalHost, 0));
    core::IoThread io;
    ServerTab tab(io);
    tab.show();
    auto *port = tab.findChild<QLineEdit *>(QStringLiteral("port"));
    port->setText(QString::number(occupant.serverPort()));
    QSignalSpy errors(tab.serverSession(), &core::TcpServerSession::errorOccurred);
    QTest::mouseClick(tab.findChild<QAbstractButton *>(QStringLiteral("listenButton")), Qt::LeftButton);
    QVERIFY(errors.wait(5000));
    QTRY_VERIFY2(visibleHint(tab).contains(QString::number(occupant.serverPort())), qPrintable(visibleHint(tab)));
    QTest::keyClick(port, Qt::Key_Backspace);
    QCOMPARE(visibleHint(tab), QString());
}

QTEST_MAIN(tst_ServerSending)
#include "tst_serversending.moc"
