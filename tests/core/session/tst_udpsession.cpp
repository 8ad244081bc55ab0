// UdpSession against an independent QUdpSocket peer, on loopback only (127.0.0.1, 127.0.0.2 and ::1).
#include "core/io/iothread.h"
#include "support/onloop.h"
#include "support/testpeers.h"
#include "core/codec/datagramechoresponder.h"
#include "core/session/udpsession.h"
#include "support/translations.h"

#include <QNetworkDatagram>
#include <QRandomGenerator>
#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTest>
#include <QUdpSocket>

#include <dirent.h>

#include <algorithm>
#include <cerrno>

using namespace core;
using namespace testsupport;

namespace {

void addFamilyColumns()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<QHostAddress>("peerAddress");
}

void addFamilies()
{
    addFamilyColumns();
    QTest::newRow("IPv4") << QStringLiteral("127.0.0.1") << QHostAddress(QHostAddress::LocalHost);
    QTest::newRow("IPv6") << QStringLiteral("::1") << QHostAddress(QHostAddress::LocalHostIPv6);
}

// Binds the session and waits for the address it got; an invalid address when it did not bind.
SocketAddress bindSession(UdpSession &session, const QString &address, quint16 port = 0)
{
    QSignalSpy boundSpy(&session, &UdpSession::bound);
    session.bind(datagramEndpoint(address, port));
    if (!boundSpy.wait(5000))
        return {};
    return boundSpy.at(0).at(0).value<SocketAddress>();
}

// A peer whose receive buffer holds a burst of the largest datagrams without the kernel dropping any.
void bindPeer(QUdpSocket &peer, const QHostAddress &address)
{
    QVERIFY2(peer.bind(address, 0), qPrintable(peer.errorString()));
    peer.setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, 4 * 1024 * 1024);
}

// A loopback port nothing listens on: bound for a moment to learn a free one, then closed.
quint16 closedPort(const QHostAddress &address)
{
    QUdpSocket probe;
    if (!probe.bind(address, 0))
        return 0;
    return probe.localPort();
}

QList<SessionEvent> errorEvents(const QSignalSpy &events)
{
    QList<SessionEvent> errors;
    for (const QList<QVariant> &arguments : events) {
        const auto event = arguments.at(0).value<SessionEvent>();
        if (event.kind == SessionEvent::Kind::Error)
            errors.append(event);
    }
    return errors;
}

bool sawStopped(const QSignalSpy &events)
{
    return std::any_of(events.cbegin(), events.cend(), [](const QList<QVariant> &arguments) {
        return arguments.at(0).value<SessionEvent>().kind == SessionEvent::Kind::Stopped;
    });
}

void takeDatagram(QUdpSocket &peer, QNetworkDatagram *datagram)
{
    QTRY_VERIFY_WITH_TIMEOUT(peer.hasPendingDatagrams(), 5000);
    *datagram = peer.receiveDatagram();
}

// Checks that the session's `index`th datagram is `bytes` from `from`.
void checkReceived(const QSignalSpy &received, qsizetype index, const QByteArray &bytes, const SocketAddress &from)
{
    QTRY_VERIFY_WITH_TIMEOUT(received.size() > index, 5000);
    const QByteArray data = received.at(index).at(0).toByteArray();
    QCOMPARE(data.size(), bytes.size());
    QVERIFY2(data == bytes, "datagram altered");
    const auto sender = received.at(index).at(1).value<SocketAddress>();
    QCOMPARE(sender.toString(), from.toString());
    QVERIFY(sender == from);
}

} // namespace

class tst_UdpSession : public QObject
{
    Q_OBJECT

private slots:
    void bindAndExchange_data() { addFamilies(); }
    void bindAndExchange();
    void echoAnswersEachSender_data() { addFamilies(); }
    void echoAnswersEachSender();
    void emptyDatagram_data() { addFamilies(); }
    void emptyDatagram();
    void largestDatagram_data();
    void largestDatagram();
    void oversizedDatagram_data();
    void oversizedDatagram();
    void replyToLastSender_data() { addFamilies(); }
    void replyToLastSender();
    void sendWithoutBind_data() { addFamilies(); }
    void sendWithoutBind();
    void implicitBindWhereAsked_data();
    void implicitBindWhereAsked();
    void implicitBindUsesPort();
    void implicitBindFamilyMismatch();
    void boundFamilyMismatch();
    void refusedDatagramIsReported_data() { addFamilies(); }
    void refusedDatagramIsReported();
    void refusalBurstIsBounded_data() { addFamilies(); }
    void refusalBurstIsBounded();
    void unbindForgetsLastSender_data() { addFamilies(); }
    void unbindForgetsLastSender();
    void burstArrivesWhole_data() { addFamilies(); }
    void burstArrivesWhole();
    void burstLeavesWhole_data() { addFamilies(); }
    void burstLeavesWhole();
    void unbindAndRebind_data() { addFamilies(); }
    void unbindAndRebind();
    void effectiveOptions_data() { addFamilies(); }
    void effectiveOptions();
};

void tst_UdpSession::bindAndExchange()
{
    QFETCH(QString, address);
    QFETCH(QHostAddress, peerAddress);
    IoThread io;
    UdpSession session(io);
    QSignalSpy received(&session, &UdpSession::datagramReceived);
    QSignalSpy sent(&session, &UdpSession::datagramSent);
    const SocketAddress local = bindSession(session, address);
    QVERIFY(local.isValid());
    QVERIFY(local.port() != 0);
    QCOMPARE(local.host(), address);
    QVERIFY(session.isBound());
    QVERIFY(session.localAddress() == local);

    QUdpSocket peer;
    bindPeer(peer, peerAddress);
    QCOMPARE(peer.writeDatagram("from the peer", peerAddress, local.port()), qint64(13));
    checkReceived(received, 0, "from the peer", addressOf(peerAddress, peer.localPort()));
    if (QTest::currentTestFailed())
        return;

    session.sendTo(peerAddress.toString(), peer.localPort(), "from the session");
    QNetworkDatagram datagram;
    takeDatagram(peer, &datagram);
    QCOMPARE(datagram.data(), QByteArray("from the session"));
    QCOMPARE(datagram.senderAddress(), peerAddress);
    QCOMPARE(datagram.senderPort(), int(local.port()));
    QTRY_COMPARE(sent.size(), 1);
    QCOMPARE(sent.at(0).at(0).toLongLong(), qint64(16));
    QCOMPARE(sent.at(0).at(1).value<SocketAddress>().toString(), addressOf(peerAddress, peer.localPort()).toString());
}

void tst_UdpSession::emptyDatagram()
{
    QFETCH(QString, address);
    QFETCH(QHostAddress, peerAddress);
    IoThread io;
    UdpSession session(io);
    QSignalSpy received(&session, &UdpSession::datagramReceived);
    const SocketAddress local = bindSession(session, address);
    QVERIFY(local.isValid());
    QUdpSocket peer;
    bindPeer(peer, peerAddress);

    QCOMPARE(peer.writeDatagram(QByteArray(), peerAddress, local.port()), qint64(0));
    checkReceived(received, 0, QByteArray(), addressOf(peerAddress, peer.localPort()));
    QCOMPARE(session.counters().messagesIn, quint64(1));
    QCOMPARE(session.counters().bytesIn, quint64(0));

    session.sendTo(peerAddress.toString(), peer.localPort(), QByteArray());
    QTRY_VERIFY(peer.hasPendingDatagrams());
    QCOMPARE(peer.pendingDatagramSize(), qint64(0));
    const QNetworkDatagram datagram = peer.receiveDatagram();
    QCOMPARE(datagram.data(), QByteArray());
    QCOMPARE(datagram.senderPort(), int(local.port()));
    QVERIFY(!peer.hasPendingDatagrams());
}

void tst_UdpSession::largestDatagram_data()
{
    addFamilyColumns();
    QTest::addColumn<qsizetype>("size");
    // 65,535 less the UDP header and, over IPv4, the IP header (IPv6's header is outside its length field).
    QTest::newRow("IPv4") << QStringLiteral("127.0.0.1") << QHostAddress(QHostAddress::LocalHost) << qsizetype(65507);
    QTest::newRow("IPv6") << QStringLiteral("::1") << QHostAddress(QHostAddress::LocalHostIPv6) << qsizetype(65527);
}

void tst_UdpSession::largestDatagram()
{
    QFETCH(QString, address);
    QFETCH(QHostAddress, peerAddress);
    QFETCH(qsizetype, size);
    IoThread io;
    UdpSession session(io);
    QSignalSpy received(&session, &UdpSession::datagramReceived);
    QSignalSpy errors(&session, &UdpSession::errorOccurred);
    const SocketAddress local = bindSession(session, address);
    QVERIFY(local.isValid());
    QUdpSocket peer;
    bindPeer(peer, peerAddress);

    const QByteArray up = randomBytes(size, 51);
    QCOMPARE(peer.writeDatagram(up, peerAddress, local.port()), qint64(size));
    checkReceived(received, 0, up, addressOf(peerAddress, peer.localPort()));
    if (QTest::currentTestFailed())
        return;

    const QByteArray down = randomBytes(size, 52);
    session.sendTo(peerAddress.toString(), peer.localPort(), down);
    QNetworkDatagram datagram;
    takeDatagram(peer, &datagram);
    QCOMPARE(datagram.data().size(), size);
    QVERIFY2(datagram.data() == down, "datagram altered");
    QTRY_COMPARE(session.counters().bytesOut, quint64(size));
    QCOMPARE(session.counters().bytesIn, quint64(size));
    QCOMPARE(errors.size(), 0);
}

void tst_UdpSession::oversizedDatagram_data()
{
    addFamilyColumns();
    QTest::addColumn<qsizetype>("size");
    QTest::newRow("IPv4") << QStringLiteral("127.0.0.1") << QHostAddress(QHostAddress::LocalHost) << qsizetype(65508);
    QTest::newRow("IPv6") << QStringLiteral("::1") << QHostAddress(QHostAddress::LocalHostIPv6) << qsizetype(65528);
}

void tst_UdpSession::oversizedDatagram()
{
    QFETCH(QString, address);
    QFETCH(QHostAddress, peerAddress);
    QFETCH(qsizetype, size);
    IoThread io;
    UdpSession session(io);
    QSignalSpy errors(&session, &UdpSession::errorOccurred);
    QVERIFY(bindSession(session, address).isValid());
    QUdpSocket peer;
    bindPeer(peer, peerAddress);

    session.sendTo(peerAddress.toString(), peer.localPort(), randomBytes(size, 61));
    QVERIFY(errors.wait(5000));
    const auto error = errors.at(0).at(0).value<SocketError>();
    QCOMPARE(error.kind, SocketError::Kind::Os);
    QCOMPARE(error.code, EMSGSIZE);
    const QString target = addressOf(peerAddress, peer.localPort()).toString();
    QCOMPARE(error.message, QStringLiteral("Datagram of %L1 bytes is too large to send to %2 (UDP carries at most "
                                           "65,507 bytes over IPv4 and 65,527 over IPv6).").arg(size).arg(target));

    // Loopback keeps order, so had the large datagram gone out it would arrive before this one.
    session.sendTo(peerAddress.toString(), peer.localPort(), "after");
    QNetworkDatagram datagram;
    takeDatagram(peer, &datagram);
    QCOMPARE(datagram.data(), QByteArray("after"));
    QVERIFY(!peer.hasPendingDatagrams());
    QTRY_COMPARE(session.counters().bytesOut, quint64(5));
    QCOMPARE(errors.size(), 1);
    // The refused datagram never left: neither the message count nor the capture shows it.
    QCOMPARE(session.counters().messagesOut, quint64(1));
    QCOMPARE(session.capture()->stats().bytesOut, quint64(5));
    QCOMPARE(session.capture()->stats().chunksOut, quint64(1));
}

void tst_UdpSession::replyToLastSender()
{
    QFETCH(QString, address);
    QFETCH(QHostAddress, peerAddress);
    IoThread io;
    UdpSession session(io);
    QSignalSpy errors(&session, &UdpSession::errorOccurred);
    QSignalSpy received(&session, &UdpSession::datagramReceived);
    const SocketAddress local = bindSession(session, address);
    QVERIFY(local.isValid());

    session.replyToLastSender("too early");
    QCOMPARE(errors.size(), 1); // refused at once, on the caller's thread
    const auto error = errors.at(0).at(0).value<SocketError>();
    QCOMPARE(error.kind, SocketError::Kind::Input);
    QCOMPARE(error.message,
             QStringLiteral("Not sent: no datagram has arrived yet, so there is no sender to reply to."));

    // Two peers speak in turn: the reply goes to the second only.
    QUdpSocket first;
    QUdpSocket second;
    bindPeer(first, peerAddress);
    bindPeer(second, peerAddress);
    first.writeDatagram("first", peerAddress, local.port());
    checkReceived(received, 0, "first", addressOf(peerAddress, first.localPort()));
    second.writeDatagram("second", peerAddress, local.port());
    checkReceived(received, 1, "second", addressOf(peerAddress, second.localPort()));
    if (QTest::currentTestFailed())
        return;
    QVERIFY(session.lastSender() == addressOf(peerAddress, second.localPort()));

    session.replyToLastSender("reply");
    QNetworkDatagram datagram;
    takeDatagram(second, &datagram);
    QCOMPARE(datagram.data(), QByteArray("reply"));
    QCOMPARE(datagram.senderPort(), int(local.port()));
    QVERIFY(!first.hasPendingDatagrams());
    QCOMPARE(errors.size(), 1);
}

void tst_UdpSession::sendWithoutBind()
{
    QFETCH(QString, address);
    QFETCH(QHostAddress, peerAddress);
    IoThread io;
    UdpSession session(io);
    QSignalSpy boundSpy(&session, &UdpSession::bound);
    QSignalSpy received(&session, &UdpSession::datagramReceived);
    QUdpSocket peer;
    bindPeer(peer, peerAddress);
    QVERIFY(!session.isBound());

    session.sendTo(address, peer.localPort(), "unbound");
    QVERIFY(boundSpy.wait(5000));
    const auto local = boundSpy.at(0).at(0).value<SocketAddress>();
    QVERIFY(local.port() != 0);
    // With no implicit bind address set: the loopback of the target's family, never the wildcard.
    QCOMPARE(local.host(), address);
    QVERIFY(session.isBound());
    QNetworkDatagram datagram;
    takeDatagram(peer, &datagram);
    QCOMPARE(datagram.data(), QByteArray("unbound"));
    QCOMPARE(datagram.senderAddress(), peerAddress);
    QCOMPARE(datagram.senderPort(), int(local.port()));

    // The implicit socket listens too.
    peer.writeDatagram("answer", peerAddress, local.port());
    checkReceived(received, 0, "answer", addressOf(peerAddress, peer.localPort()));
    QCOMPARE(boundSpy.size(), 1);
}

void tst_UdpSession::burstArrivesWhole()
{
    QFETCH(QString, address);
    QFETCH(QHostAddress, peerAddress);
    constexpr int kCount = 200;
    IoThread io;
    UdpSession session(io);
    QSignalSpy received(&session, &UdpSession::datagramReceived);
    const SocketAddress local = bindSession(session, address);
    QVERIFY(local.isValid());
    QUdpSocket peer;
    bindPeer(peer, peerAddress);

    QList<QByteArray> burst;
    quint64 total = 0;
    for (int i = 0; i < kCount; ++i) {
        burst.append(randomBytes(i + 1, quint32(70 + i))); // distinct sizes: a merge or split would show
        total += quint64(i + 1);
        QCOMPARE(peer.writeDatagram(burst.last(), peerAddress, local.port()), qint64(i + 1));
    }
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), kCount, 10000);
    const SocketAddress from = addressOf(peerAddress, peer.localPort());
    for (int i = 0; i < kCount; ++i) {
        checkReceived(received, i, burst.at(i), from);
        if (QTest::currentTestFailed())
            return;
    }
    QCOMPARE(session.counters().messagesIn, quint64(kCount));
    QCOMPARE(session.counters().bytesIn, total);
    QCOMPARE(session.capture()->stats().chunksIn, quint64(kCount));
}

void tst_UdpSession::burstLeavesWhole()
{
    QFETCH(QString, address);
    QFETCH(QHostAddress, peerAddress);
    constexpr int kCount = 200;
    IoThread io;
    UdpSession session(io);
    QVERIFY(bindSession(session, address).isValid());
    QUdpSocket peer;
    bindPeer(peer, peerAddress);
    QList<QByteArray> arrived;
    connect(&peer, &QUdpSocket::readyRead, this, [&] {
        while (peer.hasPendingDatagrams())
            arrived.append(peer.receiveDatagram().data());
    });

    QList<QByteArray> burst;
    quint64 total = 0;
    for (int i = 0; i < kCount; ++i) {
        burst.append(randomBytes(1000 + i, quint32(300 + i)));
        total += quint64(1000 + i);
        session.sendTo(peerAddress.toString(), peer.localPort(), burst.last());
    }
    QTRY_COMPARE_WITH_TIMEOUT(arrived.size(), kCount, 10000);
    for (int i = 0; i < kCount; ++i)
        QVERIFY2(arrived.at(i) == burst.at(i), qPrintable(QStringLiteral("datagram %1").arg(i)));
    QTRY_COMPARE(session.counters().bytesOut, total);
    QCOMPARE(session.counters().messagesOut, quint64(kCount));
}

void tst_UdpSession::unbindAndRebind()
{
    QFETCH(QString, address);
    QFETCH(QHostAddress, peerAddress);
    IoThread io;
    UdpSession session(io);
    QSignalSpy unboundSpy(&session, &UdpSession::unbound);
    QSignalSpy errors(&session, &UdpSession::errorOccurred);
    QSignalSpy received(&session, &UdpSession::datagramReceived);
    QSignalSpy states(&session, &Session::stateChanged);
    const int descriptorsBefore = openDescriptors();
    const SocketAddress first = bindSession(session, address);
    QVERIFY(first.isValid());
    QCOMPARE(session.state(), SessionState::Bound);

    session.unbind();
    QCOMPARE(unboundSpy.size(), 1);
    QVERIFY(!session.isBound());
    QCOMPARE(session.state(), SessionState::Idle);
    QCOMPARE(states.size(), 2);
    QCOMPARE(states.at(0).at(0).value<SessionState>(), SessionState::Bound);
    QCOMPARE(states.at(1).at(0).value<SessionState>(), SessionState::Idle);
    QVERIFY(!session.localAddress().isValid());
    QTRY_COMPARE(openDescriptors(), descriptorsBefore); // the socket is closed, not just forgotten

    const SocketAddress second = bindSession(session, address, first.port());
    QVERIFY2(second.isValid(), errors.isEmpty() ? "not bound"
                                                : qPrintable(errors.at(0).at(0).value<SocketError>().message));
    QVERIFY(second == first);
    QUdpSocket peer;
    bindPeer(peer, peerAddress);
    peer.writeDatagram("again", peerAddress, second.port());
    checkReceived(received, 0, "again", addressOf(peerAddress, peer.localPort()));
    QCOMPARE(errors.size(), 0);
    QCOMPARE(unboundSpy.size(), 1);
}

void tst_UdpSession::implicitBindWhereAsked_data()
{
    addFamilyColumns();
    QTest::addColumn<QHostAddress>("otherLoopback"); // another address of this machine, or null
    QTest::newRow("IPv4") << QStringLiteral("127.0.0.1") << QHostAddress(QHostAddress::LocalHost)
                          << QHostAddress(QStringLiteral("127.0.0.2"));
    // Not the default (the loopback of the target's family): the address asked is the one bound.
    QTest::newRow("IPv4, 127.0.0.2") << QStringLiteral("127.0.0.2") << QHostAddress(QHostAddress::LocalHost)
                                     << QHostAddress(QHostAddress::LocalHost);
    QTest::newRow("IPv6") << QStringLiteral("::1") << QHostAddress(QHostAddress::LocalHostIPv6) << QHostAddress();
}

void tst_UdpSession::implicitBindWhereAsked()
{
    QFETCH(QString, address);
    QFETCH(QHostAddress, peerAddress);
    QFETCH(QHostAddress, otherLoopback);
    IoThread io;
    UdpSession session(io);
    QSignalSpy boundSpy(&session, &UdpSession::bound);
    QSignalSpy received(&session, &UdpSession::datagramReceived);
    QUdpSocket peer;
    bindPeer(peer, peerAddress);

    session.setImplicitBind(datagramEndpoint(address, 0));
    session.sendTo(peerAddress.toString(), peer.localPort(), "first");
    QVERIFY(boundSpy.wait(5000));
    const auto local = boundSpy.at(0).at(0).value<SocketAddress>();
    QCOMPARE(local.host(), address);
    QVERIFY(local.port() != 0);
    QVERIFY(session.localAddress() == local);
    QNetworkDatagram datagram;
    takeDatagram(peer, &datagram);
    QCOMPARE(datagram.data(), QByteArray("first"));
    QCOMPARE(datagram.senderAddress(), QHostAddress(address));
    QCOMPARE(datagram.senderPort(), int(local.port()));

    // Bound to the address asked, not the wildcard: the same port on another loopback address is not ours.
    // Loopback keeps order, so had it been delivered it would arrive before the second datagram.
    if (!otherLoopback.isNull())
        QCOMPARE(peer.writeDatagram("elsewhere", otherLoopback, local.port()), qint64(9));
    QCOMPARE(peer.writeDatagram("here", QHostAddress(address), local.port()), qint64(4));
    checkReceived(received, 0, "here", addressOf(peerAddress, peer.localPort()));
    QCOMPARE(received.size(), 1);
    QCOMPARE(session.counters().messagesIn, quint64(1));
    QCOMPARE(boundSpy.size(), 1);
}

void tst_UdpSession::implicitBindUsesPort()
{
    IoThread io;
    UdpSession session(io);
    QSignalSpy boundSpy(&session, &UdpSession::bound);
    QSignalSpy errors(&session, &UdpSession::errorOccurred);
    QUdpSocket peer;
    bindPeer(peer, QHostAddress(QHostAddress::LocalHost));
    const quint16 port = closedPort(QHostAddress(QHostAddress::LocalHost));
    QVERIFY(port != 0);

    session.setImplicitBind(datagramEndpoint(QStringLiteral("127.0.0.1"), port));
    session.sendTo(QStringLiteral("127.0.0.1"), peer.localPort(), "from the port asked");
    QVERIFY2(boundSpy.wait(5000), errors.isEmpty() ? "not bound"
                                                   : qPrintable(errors.at(0).at(0).value<SocketError>().message));
    QCOMPARE(boundSpy.at(0).at(0).value<SocketAddress>().toString(), QStringLiteral("127.0.0.1:%1").arg(port));
    QNetworkDatagram datagram;
    takeDatagram(peer, &datagram);
    QCOMPARE(datagram.senderPort(), int(port));
}

void tst_UdpSession::implicitBindFamilyMismatch()
{
    IoThread io;
    UdpSession session(io);
    QSignalSpy errors(&session, &UdpSession::errorOccurred);
    QSignalSpy events(&session, &Session::eventOccurred);
    QUdpSocket peer;
    bindPeer(peer, QHostAddress(QHostAddress::LocalHostIPv6));

    session.setImplicitBind(datagramEndpoint(QStringLiteral("127.0.0.1"), 0));
    session.sendTo(QStringLiteral("::1"), peer.localPort(), "across families");
    QVERIFY(errors.wait(5000));
    const auto error = errors.at(0).at(0).value<SocketError>();
    QCOMPARE(error.kind, SocketError::Kind::Input);
    QCOMPARE(error.message, QStringLiteral("Not sent to [::1]:%1: sending first binds to the Bind address 127.0.0.1, "
                                           "an IPv4 address, which cannot reach an IPv6 address — bind to ::1 (or :: "
                                           "for all interfaces), or send to an IPv4 address.").arg(peer.localPort()));
    // Nothing was bound or sent, and nothing fell back to a wildcard socket.
    QVERIFY(!session.isBound());
    QCOMPARE(session.counters().messagesOut, quint64(0));
    for (const QList<QVariant> &arguments : events)
        QVERIFY(arguments.at(0).value<SessionEvent>().kind != SessionEvent::Kind::Bound);
    QVERIFY(!peer.hasPendingDatagrams());
}

// (Unix datagram sockets bind and send: tst_unixsockets.)

void tst_UdpSession::boundFamilyMismatch()
{
    IoThread io;
    UdpSession session(io);
    QSignalSpy errors(&session, &UdpSession::errorOccurred);
    const SocketAddress local = bindSession(session, QStringLiteral("::1"));
    QVERIFY(local.isValid());

    session.sendTo(QStringLiteral("127.0.0.1"), 9000, "across families");
    QVERIFY(errors.wait(5000));
    QCOMPARE(errors.at(0).at(0).value<SocketError>().message,
             QStringLiteral("Not sent to 127.0.0.1:9000: the socket is bound to %1, an IPv6 address, which cannot "
                            "reach an IPv4 address — unbind, then bind to 127.0.0.1 (or 0.0.0.0 for all "
                            "interfaces), or send to an IPv6 address.").arg(local.toString()));
    QVERIFY(session.isBound());
    QCOMPARE(session.counters().messagesOut, quint64(0));
}

void tst_UdpSession::refusedDatagramIsReported()
{
    QFETCH(QString, address);
    QFETCH(QHostAddress, peerAddress);
    IoThread io;
    UdpSession session(io);
    QSignalSpy errors(&session, &UdpSession::errorOccurred);
    QSignalSpy events(&session, &Session::eventOccurred);
    QSignalSpy received(&session, &UdpSession::datagramReceived);
    QVERIFY(bindSession(session, address).isValid());
    const quint16 closed = closedPort(peerAddress);
    QVERIFY(closed != 0);
    const SocketAddress target = addressOf(peerAddress, closed);

    session.sendTo(peerAddress.toString(), closed, "knock");
    QVERIFY(errors.wait(5000));
    const auto error = errors.at(0).at(0).value<SocketError>();
    QCOMPARE(error.kind, SocketError::Kind::Os);
    QCOMPARE(error.code, ECONNREFUSED);
    QCOMPARE(error.message, QStringLiteral("%1 refused the datagram: nothing is listening there.").arg(target.toString()));
    const QList<SessionEvent> reported = errorEvents(events);
    QCOMPARE(reported.size(), 1);
    QVERIFY(reported.at(0).peer == target);
    QCOMPARE(reported.at(0).count, qint64(1));
    // The refusal is not a received datagram, and the datagram itself did leave.
    QCOMPARE(session.counters().messagesIn, quint64(0));
    QCOMPARE(session.counters().bytesIn, quint64(0));
    QCOMPARE(session.capture()->stats().chunksIn, quint64(0));
    QTRY_COMPARE(session.counters().messagesOut, quint64(1));

    // The socket goes on working both ways, and neither the next send nor the next receive repeats the error.
    QUdpSocket peer;
    bindPeer(peer, peerAddress);
    session.sendTo(peerAddress.toString(), peer.localPort(), "still here");
    QNetworkDatagram datagram;
    takeDatagram(peer, &datagram);
    QCOMPARE(datagram.data(), QByteArray("still here"));
    peer.writeDatagram("answer", peerAddress, session.localAddress().port());
    checkReceived(received, 0, "answer", addressOf(peerAddress, peer.localPort()));
    QVERIFY(session.isBound());
    session.unbind();
    QTRY_VERIFY(sawStopped(events));
    QCOMPARE(errors.size(), 1);
    QCOMPARE(session.counters().messagesIn, quint64(1));
}

void tst_UdpSession::refusalBurstIsBounded()
{
    QFETCH(QString, address);
    QFETCH(QHostAddress, peerAddress);
    constexpr int kCount = 100;
    IoThread io;
    UdpSession session(io);
    QSignalSpy events(&session, &Session::eventOccurred);
    QVERIFY(bindSession(session, address).isValid());
    const quint16 closed = closedPort(peerAddress);
    QVERIFY(closed != 0);
    const SocketAddress target = addressOf(peerAddress, closed);

    QElapsedTimer burst;
    burst.start();
    for (int i = 0; i < kCount; ++i)
        session.sendTo(target, "knock");
    // Every datagram leaves: a refusal of an earlier one, handed to the next send, does not eat that send.
    QTRY_COMPARE_WITH_TIMEOUT(session.counters().messagesOut, quint64(kCount), 10000);
    QTRY_VERIFY(!errorEvents(events).isEmpty());
    // Closing reports whatever came back since the last report, before Stopped.
    session.unbind();
    QTRY_VERIFY(sawStopped(events));
    // At most one report per 250 ms while the burst ran (a loaded machine may spread it out), plus the last.
    const qint64 allowed = burst.elapsed() / 250 + 2;

    // The kernel may rate-limit ICMP errors (net.ipv4.icmp_msgs_per_sec), so not every datagram need be
    // refused; those that are come back as a few coalesced lines — one per report, not one per datagram.
    const QList<SessionEvent> reported = errorEvents(events);
    QVERIFY2(reported.size() <= allowed,
             qPrintable(QStringLiteral("%1 error events, %2 allowed").arg(reported.size()).arg(allowed)));
    qint64 refusals = 0;
    for (const SessionEvent &event : reported) {
        QVERIFY(event.peer == target);
        QCOMPARE(event.error.code, ECONNREFUSED);
        const QString sentence = QStringLiteral("%1 refused the datagram: nothing is listening there.").arg(target.toString());
        QCOMPARE(event.error.message,
                 event.count == 1 ? sentence : sentence + QStringLiteral(" (×%1)").arg(event.count));
        refusals += event.count;
    }
    QVERIFY2(refusals >= 1 && refusals <= kCount, qPrintable(QStringLiteral("%1 refusals").arg(refusals)));
    QCOMPARE(session.counters().messagesIn, quint64(0));
    QCOMPARE(session.capture()->stats().chunksIn, quint64(0));
}

void tst_UdpSession::unbindForgetsLastSender()
{
    QFETCH(QString, address);
    QFETCH(QHostAddress, peerAddress);
    IoThread io;
    UdpSession session(io);
    QSignalSpy received(&session, &UdpSession::datagramReceived);
    const SocketAddress local = bindSession(session, address);
    QVERIFY(local.isValid());
    QUdpSocket peer;
    bindPeer(peer, peerAddress);
    peer.writeDatagram("hello", peerAddress, local.port());
    checkReceived(received, 0, "hello", addressOf(peerAddress, peer.localPort()));
    QVERIFY(session.lastSender() == addressOf(peerAddress, peer.localPort()));

    session.unbind();
    QVERIFY(!session.isBound());
    QVERIFY(!session.localAddress().isValid());
    QVERIFY(!session.lastSender().isValid());
}

// The options read back before bind arrive with Bound; one that fails is reported and the socket still works.
void tst_UdpSession::effectiveOptions()
{
    QFETCH(QString, address);
    QFETCH(QHostAddress, peerAddress);
    const bool ipv6 = peerAddress.protocol() == QAbstractSocket::IPv6Protocol;
    IoThread io;
    UdpSession session(io);
    QSignalSpy boundSpy(&session, &UdpSession::bound);
    QSignalSpy errors(&session, &UdpSession::errorOccurred);
    UdpOptions options;
    options.socketOptions.set(SocketOption::Broadcast, 1); // IPv4 only: skipped on IPv6
    options.socketOptions.set(SocketOption::ReceiveBuffer, 50000);
    options.socketOptions.set(SocketOption::MulticastTtl, 300); // above 255: refused
    session.bind(datagramEndpoint(address, 0), options);
    QVERIFY(boundSpy.wait(5000));

    SocketOptionSet expected{{SocketOption::ReceiveBuffer, 100000}};
    if (ipv6)
        expected.set(SocketOption::IPv6Only, 0);
    else
        expected.set(SocketOption::Broadcast, 1);
    QCOMPARE(session.effectiveOptions(), expected);
    QCOMPARE(errors.size(), 1);
    const SocketError error = errors.at(0).at(0).value<SocketError>();
    QCOMPARE(error.code, EINVAL);
    QCOMPARE(error.message, QStringLiteral("Could not set Multicast TTL / hop limit: Invalid argument."));

    QUdpSocket peer;
    bindPeer(peer, peerAddress);
    QSignalSpy received(&session, &UdpSession::datagramReceived);
    peer.writeDatagram("still works", peerAddress, session.localAddress().port());
    QVERIFY(received.wait(5000));
    QCOMPARE(received.at(0).at(0).toByteArray(), QByteArray("still works"));

    // A bind without options still sets IPV6_V6ONLY on IPv6, never the system's default.
    session.unbind();
    session.bind(datagramEndpoint(address, 0));
    QVERIFY(boundSpy.wait(5000));
    const SocketOptionSet onlyV6Only = ipv6 ? SocketOptionSet{{SocketOption::IPv6Only, 0}} : SocketOptionSet();
    QCOMPARE(session.effectiveOptions(), onlyV6Only);
}

// Echo runs on the loop thread: every datagram goes back to its own sender, byte-exact, empty ones too, and
// the session counts and captures the echoes as sent; turned off, nothing more comes back.
void tst_UdpSession::echoAnswersEachSender()
{
    QFETCH(QString, address);
    QFETCH(QHostAddress, peerAddress);
    IoThread io;
    UdpSession session(io);
    session.setConsumer(std::make_shared<DatagramEchoResponder>()); // before the socket exists: kept for it
    const SocketAddress local = bindSession(session, address);
    QVERIFY(local.isValid());
    QUdpSocket a;
    QUdpSocket b;
    bindPeer(a, peerAddress);
    bindPeer(b, peerAddress);
    const QList<QByteArray> fromA{"a1", QByteArray(), testsupport::randomBytes(60000, 5)};
    const QList<QByteArray> fromB{"b1", "b2"};
    for (const QByteArray &datagram : fromA)
        QCOMPARE(a.writeDatagram(datagram, peerAddress, local.port()), qint64(datagram.size()));
    for (const QByteArray &datagram : fromB)
        QCOMPARE(b.writeDatagram(datagram, peerAddress, local.port()), qint64(datagram.size()));
    const auto drain = [](QUdpSocket &peer, QList<QByteArray> &into) {
        while (peer.hasPendingDatagrams()) {
            QByteArray datagram(qsizetype(peer.pendingDatagramSize()), '\0');
            peer.readDatagram(datagram.data(), datagram.size());
            into.append(datagram);
        }
        return into.size();
    };
    QList<QByteArray> backToA;
    QList<QByteArray> backToB;
    QTRY_COMPARE(drain(a, backToA), fromA.size());
    QTRY_COMPARE(drain(b, backToB), fromB.size());
    QCOMPARE(backToA, fromA);
    QCOMPARE(backToB, fromB);
    QTRY_COMPARE(session.counters().messagesOut, quint64(5));
    QCOMPARE(session.counters().bytesOut, session.counters().bytesIn);

    session.setConsumer(nullptr);
    testsupport::onLoop(io, [] {}); // the switch-off, posted to the loop, has run there
    QSignalSpy received(&session, &UdpSession::datagramReceived);
    a.writeDatagram("quiet", peerAddress, local.port());
    QVERIFY(received.wait(5000));
    QVERIFY(!a.waitForReadyRead(100)); // an echo would be in a's queue before the session heard of "quiet"
    QCOMPARE(session.counters().messagesOut, quint64(5));
}

QTEST_GUILESS_MAIN(tst_UdpSession)
#include "tst_udpsession.moc"
