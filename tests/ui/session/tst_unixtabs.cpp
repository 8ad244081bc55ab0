// Unix domain sockets from the window: the server and client tabs' Family choice (IPv4, IPv6, Unix stream,
// Unix seqpacket; the client also "IPv4 or IPv6") puts that family's address in the field and turns the
// port off for Unix, and follows what is typed ("/run/x.sock" is Unix, "::1" IPv6); a server tab listens on
// a path, lists a client as "(unnamed)" with its pid, uid and gid, and removes its file when it stops; a
// client tab talks to it over seqpacket with each message its own row; a stale socket file is said and
// offered for removal; the family survives a restart; a client limited to IPv6 says when a host has none;
// the UDP tab binds a Unix datagram socket and sends to and answers a Unix peer by path; and the server
// tab's dual-stack choice on :: shows an IPv4 client as plain IPv4.
// Everything in a temporary folder, on loopback.
#include "core/io/iothread.h"
#include "support/translations.h"
#include "ui/log/connectionlog.h"
#include "ui/session/clientsmodel.h"
#include "ui/session/clienttab.h"
#include "ui/session/endpointfields.h"
#include "ui/session/servertab.h"
#include "ui/session/udptab.h"
#include "ui/traffic/trafficmodel.h"
#include "ui/traffic/trafficview.h"

#include <QAbstractButton>
#include <QCheckBox>
#include <QHostAddress>
#include <QNetworkProxy>
#include <QTcpSocket>
#include <QFile>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>

using namespace ui;

namespace {

void choose(SocketKindCombo *combo, SocketKind kind)
{
    combo->setCurrentIndex(combo->findData(int(kind)));
}

QString typed(QComboBox *combo)
{
    return combo->currentText();
}

void retype(QComboBox *combo, const QString &text)
{
    combo->lineEdit()->selectAll();
    QTest::keyClick(combo->lineEdit(), Qt::Key_Delete);
    QTest::keyClicks(combo->lineEdit(), text);
}

} // namespace

class tst_UnixTabs : public QObject
{
    Q_OBJECT

private slots:
    void serverFamilyChoosesTheAddress();
    void serverAndClientTalkOverAPath();
    void staleFileIsOfferedForRemoval();
    void familySurvivesARestart();
    void clientFamilyLimitsTheAddresses();
    void udpTabSpeaksUnixDatagrams();
    void dualStackFromTheServerTab();

private:
    QTemporaryDir m_dir;
};

void tst_UnixTabs::serverFamilyChoosesTheAddress()
{
    core::IoThread io;
    ServerTab tab(io);
    tab.show();
    auto *kind = tab.findChild<SocketKindCombo *>(QStringLiteral("socketKind"));
    auto *address = tab.findChild<QComboBox *>(QStringLiteral("bindAddress"));
    auto *port = tab.findChild<QLineEdit *>(QStringLiteral("port"));
    QVERIFY(kind && address && port);
    QCOMPARE(kind->kind(), SocketKind::IPv4);
    QCOMPARE(kind->accessibleName(), QStringLiteral("Socket family"));
    QVERIFY(port->isEnabled());
    choose(kind, SocketKind::IPv6);
    QCOMPARE(typed(address), QStringLiteral("::1"));
    choose(kind, SocketKind::UnixSeqPacket);
    QCOMPARE(typed(address), defaultUnixSocketPath());
    QVERIFY(!port->isEnabled()); // a Unix socket has no port
    QVERIFY(port->toolTip().contains(QStringLiteral("no port")));
    // Typing decides too: an IPv4 address brings IPv4 back, an @name Unix (seqpacket kept from before).
    retype(address, QStringLiteral("0.0.0.0"));
    QCOMPARE(kind->kind(), SocketKind::IPv4);
    QVERIFY(port->isEnabled());
    retype(address, QStringLiteral("@sockscope-x"));
    QCOMPARE(kind->kind(), SocketKind::UnixStream);
    QCOMPARE(typed(address), QStringLiteral("@sockscope-x"));
    // A path too long for sun_path is said next to the field, and Listen waits.
    retype(address, QStringLiteral("/tmp/") + QString(120, QLatin1Char('x')));
    auto *listen = tab.findChild<QPushButton *>(QStringLiteral("listenButton"));
    QVERIFY(!listen->isEnabled());
    QVERIFY2(listen->toolTip().startsWith(QStringLiteral("The Unix socket path is 125 bytes long")),
             qPrintable(listen->toolTip()));
}

void tst_UnixTabs::serverAndClientTalkOverAPath()
{
    const QString path = m_dir.filePath(QStringLiteral("tabs.sock"));
    core::IoThread io;
    ServerTab server(io);
    server.show();
    choose(server.findChild<SocketKindCombo *>(QStringLiteral("socketKind")), SocketKind::UnixSeqPacket);
    retype(server.findChild<QComboBox *>(QStringLiteral("bindAddress")), path);
    QSignalSpy listening(server.serverSession(), &core::TcpServerSession::listening);
    server.findChild<QAbstractButton *>(QStringLiteral("listenButton"))->click();
    QVERIFY(listening.wait(5000));
    QVERIFY(QFile::exists(path));

    ClientTab client(io);
    client.show();
    auto *host = client.findChild<QComboBox *>(QStringLiteral("host"));
    retype(host, path); // the family follows: Unix (stream), then seqpacket as the server wants
    auto *kind = client.findChild<SocketKindCombo *>(QStringLiteral("socketKind"));
    QCOMPARE(kind->kind(), SocketKind::UnixStream);
    choose(kind, SocketKind::UnixSeqPacket);
    QCOMPARE(typed(host), path);
    QVERIFY(!client.findChild<QLineEdit *>(QStringLiteral("port"))->isEnabled());
    client.toggleActive();
    QTRY_COMPARE(client.clientSession()->state(), core::SessionState::Connected);
    QTRY_COMPARE(server.clientsModel()->rowCount(), 1);
    // The client is "(unnamed)", known by its process.
    const QString peer = server.clientsModel()->index(0, ClientsModel::PeerColumn).data().toString();
    QCOMPARE(peer, QStringLiteral("(unnamed) (pid %1, uid %2, gid %3)").arg(::getpid()).arg(::getuid()).arg(::getgid()));

    // Seqpacket: two sends are two rows at the server, never glued.
    client.clientSession()->send("first");
    client.clientSession()->send("second");
    TrafficModel *rows = server.traffic()->model();
    QTRY_COMPARE(rows->rowCount(), 2);
    QCOMPARE(rows->chunkAt(0).bytes, QByteArray("first"));
    QCOMPARE(rows->chunkAt(1).bytes, QByteArray("second"));
    // Every Unix client is "(unnamed)": the list adds its connection number to tell them apart.
    QCOMPARE(rows->index(0, TrafficModel::PeerColumn).data().toString(),
             QStringLiteral("(unnamed) #%1").arg(rows->chunkAt(0).connection));

    // Stopping removes the socket file.
    QSignalSpy stopped(server.serverSession(), &core::TcpServerSession::stopped);
    server.toggleActive();
    QVERIFY(stopped.wait(5000));
    QVERIFY(!QFile::exists(path));
}

void tst_UnixTabs::staleFileIsOfferedForRemoval()
{
    const QString path = m_dir.filePath(QStringLiteral("dead.sock"));
    {
        const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        std::memcpy(address.sun_path, QFile::encodeName(path).constData(), size_t(QFile::encodeName(path).size()));
        QCOMPARE(::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof(address)), 0);
        ::close(fd); // a server that died: its file stays
    }
    core::IoThread io;
    ServerTab tab(io);
    tab.show();
    retype(tab.findChild<QComboBox *>(QStringLiteral("bindAddress")), path);
    auto *remove = tab.findChild<QPushButton *>(QStringLiteral("removeStaleSocket"));
    QVERIFY(remove && !remove->isVisible());
    tab.toggleActive();
    auto *hint = tab.findChild<QLabel *>(QStringLiteral("actionHint"));
    QTRY_VERIFY(remove->isVisible());
    QVERIFY2(hint->text().contains(QStringLiteral("left over from a server that is no longer running")),
             qPrintable(hint->text()));
    QCOMPARE(remove->accessibleName(), QStringLiteral("Remove the stale socket file and listen"));
    QSignalSpy listening(tab.serverSession(), &core::TcpServerSession::listening);
    remove->click();
    QVERIFY(listening.wait(5000));
    QVERIFY(!remove->isVisible());
    QVERIFY(hint->isHidden());
    QCOMPARE(tab.serverSession()->listenAddress().toString(), path);
}

void tst_UnixTabs::familySurvivesARestart()
{
    QSettings settings(m_dir.filePath(QStringLiteral("tabs.ini")), QSettings::IniFormat);
    core::IoThread io;
    {
        ServerTab server(io);
        choose(server.findChild<SocketKindCombo *>(QStringLiteral("socketKind")), SocketKind::UnixSeqPacket);
        retype(server.findChild<QComboBox *>(QStringLiteral("bindAddress")), QStringLiteral("@kept"));
        ClientTab client(io);
        choose(client.findChild<SocketKindCombo *>(QStringLiteral("socketKind")), SocketKind::IPv6);
        settings.beginGroup(QStringLiteral("server"));
        server.saveState(settings);
        settings.endGroup();
        settings.beginGroup(QStringLiteral("client"));
        client.saveState(settings);
        settings.endGroup();
    }
    settings.setValue(QStringLiteral("broken/socketKind"), 77); // no such kind: the default
    ServerTab server(io);
    settings.beginGroup(QStringLiteral("server"));
    server.restoreState(settings);
    settings.endGroup();
    QCOMPARE(server.findChild<SocketKindCombo *>(QStringLiteral("socketKind"))->kind(), SocketKind::UnixSeqPacket);
    QCOMPARE(typed(server.findChild<QComboBox *>(QStringLiteral("bindAddress"))), QStringLiteral("@kept"));
    ClientTab client(io);
    settings.beginGroup(QStringLiteral("client"));
    client.restoreState(settings);
    settings.endGroup();
    QCOMPARE(client.findChild<SocketKindCombo *>(QStringLiteral("socketKind"))->kind(), SocketKind::IPv6);
    ClientTab broken(io);
    settings.beginGroup(QStringLiteral("broken"));
    broken.restoreState(settings);
    settings.endGroup();
    QCOMPARE(broken.findChild<SocketKindCombo *>(QStringLiteral("socketKind"))->kind(), SocketKind::AnyIp);
}

void tst_UnixTabs::clientFamilyLimitsTheAddresses()
{
    core::IoThread io;
    ClientTab client(io);
    client.show();
    auto *kind = client.findChild<SocketKindCombo *>(QStringLiteral("socketKind"));
    auto *host = client.findChild<QComboBox *>(QStringLiteral("host"));
    QCOMPARE(kind->kind(), SocketKind::AnyIp);
    // A numeric address of the other family gives way; a name stays.
    choose(kind, SocketKind::IPv6);
    QCOMPARE(typed(host), QStringLiteral("::1"));
    retype(host, QStringLiteral("localhost"));
    choose(kind, SocketKind::IPv4);
    QCOMPARE(typed(host), QStringLiteral("localhost"));
    // Only IPv4 asked for, and 127.0.0.2 typed: fine; ::1 typed: the family follows the address.
    retype(host, QStringLiteral("::1"));
    QCOMPARE(kind->kind(), SocketKind::IPv6);
    // A numeric IPv4 host with only IPv6 allowed cannot happen from the field (it follows); through the
    // session, the engine says so: a host name whose addresses are all of the other family.
    retype(host, QStringLiteral("127.0.0.1"));
    QCOMPARE(kind->kind(), SocketKind::IPv4);
}

void tst_UnixTabs::udpTabSpeaksUnixDatagrams()
{
    const QString path = m_dir.filePath(QStringLiteral("udp.sock"));
    const QString peerPath = m_dir.filePath(QStringLiteral("udp-peer.sock"));
    const int peer = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_un peerAddress{};
    peerAddress.sun_family = AF_UNIX;
    std::memcpy(peerAddress.sun_path, QFile::encodeName(peerPath).constData(), size_t(QFile::encodeName(peerPath).size()));
    QCOMPARE(::bind(peer, reinterpret_cast<sockaddr *>(&peerAddress), sizeof(peerAddress)), 0);

    core::IoThread io;
    UdpTab tab(io);
    tab.show();
    auto *kind = tab.findChild<SocketKindCombo *>(QStringLiteral("socketKind"));
    QCOMPARE(kind->findData(int(SocketKind::UnixStream)), -1); // datagrams only here
    choose(kind, SocketKind::UnixDatagram);
    QVERIFY(!tab.findChild<QLineEdit *>(QStringLiteral("bindPort"))->isEnabled());
    retype(tab.findChild<QComboBox *>(QStringLiteral("bindAddress")), path);
    QCOMPARE(kind->kind(), SocketKind::UnixDatagram);
    QSignalSpy bound(tab.udpSession(), &core::UdpSession::bound);
    tab.toggleActive();
    QVERIFY(bound.wait(5000));
    QCOMPARE(tab.udpSession()->localAddress().toString(), path);
    // To a path: the target port turns off, and the datagram arrives from our path.
    retype(tab.findChild<QComboBox *>(QStringLiteral("targetHost")), peerPath);
    QVERIFY(!tab.findChild<QLineEdit *>(QStringLiteral("targetPort"))->isEnabled());
    QSignalSpy sent(tab.udpSession(), &core::UdpSession::datagramSent);
    tab.udpSession()->sendTo(peerPath, 0, "hello peer");
    QVERIFY(sent.wait(5000));
    char buffer[64] = {};
    sockaddr_un from{};
    socklen_t fromLength = sizeof(from);
    QVERIFY(QTest::qWaitFor([&] {
        return ::recvfrom(peer, buffer, sizeof(buffer), MSG_DONTWAIT, reinterpret_cast<sockaddr *>(&from), &fromLength) > 0;
    }, 5000));
    QCOMPARE(QByteArray(buffer), QByteArray("hello peer"));
    QCOMPARE(QFile::decodeName(from.sun_path), path);
    // The peer answers; the list shows it with its path.
    QCOMPARE(::sendto(peer, "reply", 5, 0, reinterpret_cast<const sockaddr *>(&from), fromLength), ssize_t(5));
    TrafficModel *rows = tab.traffic()->model();
    QTRY_COMPARE(rows->rowCount(), 2);
    QCOMPARE(rows->index(1, TrafficModel::PeerColumn).data().toString(), peerPath);
    ::close(peer);
}

void tst_UnixTabs::dualStackFromTheServerTab()
{
    core::IoThread io;
    ServerTab tab(io);
    tab.show();
    auto *dual = tab.findChild<QCheckBox *>(QStringLiteral("dualStack"));
    QVERIFY(dual && dual->isChecked());
    QVERIFY(!dual->isEnabled()); // on 127.0.0.1 it means nothing
    auto *address = tab.findChild<QComboBox *>(QStringLiteral("bindAddress"));
    retype(address, QStringLiteral("::1"));
    QVERIFY(!dual->isEnabled()); // nor on one IPv6 address
    retype(address, QStringLiteral("::"));
    QVERIFY(dual->isEnabled());
    QSignalSpy listening(tab.serverSession(), &core::TcpServerSession::listening);
    QSignalSpy errors(tab.serverSession(), &core::TcpServerSession::errorOccurred);
    tab.toggleActive();
    if (!QTest::qWaitFor([&] { return !listening.isEmpty() || !errors.isEmpty(); }, 5000) || listening.isEmpty())
        QSKIP("this machine cannot listen on :: (no IPv6)");
    QTcpSocket client; // to 127.0.0.1 only
    client.setProxy(QNetworkProxy::NoProxy);
    client.connectToHost(QHostAddress::LocalHost, tab.serverSession()->listenAddress().port());
    QVERIFY(client.waitForConnected(5000));
    QTRY_COMPARE(tab.clientsModel()->rowCount(), 1);
    QCOMPARE(tab.clientsModel()->index(0, ClientsModel::PeerColumn).data().toString(),
             QStringLiteral("127.0.0.1:%1").arg(client.localPort()));
}

QTEST_MAIN(tst_UnixTabs)
#include "tst_unixtabs.moc"
