// Tests for SocketAddress: numeric hosts and Unix paths round-trip through the kernel's sockaddr, print in
// the forms the log shows, compare by value, and names are refused (no lookup happens here).
#include "core/net/socketaddress.h"

#include <QTest>

#include <arpa/inet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sys/un.h>

using namespace core;

class tst_SocketAddress : public QObject
{
    Q_OBJECT

private slots:
    void numericHost_data();
    void numericHost();
    void sockaddrRoundTrip_data();
    void sockaddrRoundTrip();
    void namesAreRefused_data();
    void namesAreRefused();
    void unixPath();
    void abstractName();
    void unixRefused();
    void invalid();
    void setPort();
    void equality();
    void familyNames();
};

void tst_SocketAddress::numericHost_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<Family>("family");
    QTest::addColumn<QString>("host");
    QTest::addColumn<QString>("string");
    QTest::addColumn<bool>("loopback");
    QTest::addColumn<bool>("any");
    QTest::newRow("IPv4") << "127.0.0.1" << Family::IPv4 << "127.0.0.1" << "127.0.0.1:8080" << true << false;
    QTest::newRow("IPv4 127/8") << "127.1.2.3" << Family::IPv4 << "127.1.2.3" << "127.1.2.3:8080" << true << false;
    QTest::newRow("IPv4 any") << "0.0.0.0" << Family::IPv4 << "0.0.0.0" << "0.0.0.0:8080" << false << true;
    // Neither loopback nor any: a multicast group, only parsed here (nothing is ever sent to it).
    QTest::newRow("IPv4 other") << "239.1.2.3" << Family::IPv4 << "239.1.2.3" << "239.1.2.3:8080" << false << false;
    QTest::newRow("IPv6") << "::1" << Family::IPv6 << "::1" << "[::1]:8080" << true << false;
    QTest::newRow("IPv6 any") << "::" << Family::IPv6 << "::" << "[::]:8080" << false << true;
    QTest::newRow("IPv6 long form") << "0:0:0:0:0:0:0:1" << Family::IPv6 << "::1" << "[::1]:8080" << true << false;
    QTest::newRow("IPv6 scope name") << "fe80::1%lo" << Family::IPv6 << "fe80::1%lo" << "[fe80::1%lo]:8080" << false
                                     << false;
    QTest::newRow("IPv6 scope number") << QStringLiteral("fe80::2%%1").arg(if_nametoindex("lo")) << Family::IPv6
                                       << "fe80::2%lo" << "[fe80::2%lo]:8080" << false << false;
    QTest::newRow("v4-mapped") << "::ffff:127.0.0.1" << Family::IPv6 << "::ffff:127.0.0.1"
                               << "[::ffff:127.0.0.1]:8080" << false << false;
}

void tst_SocketAddress::numericHost()
{
    QFETCH(QString, text);
    QFETCH(Family, family);
    QFETCH(QString, host);
    QFETCH(QString, string);
    QFETCH(bool, loopback);
    QFETCH(bool, any);
    const auto address = SocketAddress::fromNumericHost(text, 8080);
    QVERIFY(address);
    QVERIFY(address->isValid());
    QCOMPARE(address->family(), family);
    QVERIFY(address->isIp());
    QCOMPARE(address->nativeFamily(), family == Family::IPv4 ? AF_INET : AF_INET6);
    QCOMPARE(address->length(), socklen_t(family == Family::IPv4 ? sizeof(sockaddr_in) : sizeof(sockaddr_in6)));
    QCOMPARE(address->port(), quint16(8080));
    QCOMPARE(address->host(), host);
    QCOMPARE(address->toString(), string);
    QCOMPARE(address->isLoopback(), loopback);
    QCOMPARE(address->isAnyAddress(), any);
    // What it prints parses back to the same address.
    QVERIFY(SocketAddress::fromNumericHost(address->host(), 8080) == *address);
}

void tst_SocketAddress::sockaddrRoundTrip_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("IPv4") << "127.0.0.1";
    QTest::newRow("IPv6") << "::1";
    QTest::newRow("IPv6 scope") << "fe80::1%lo";
}

void tst_SocketAddress::sockaddrRoundTrip()
{
    QFETCH(QString, text);
    const auto address = SocketAddress::fromNumericHost(text, 443);
    QVERIFY(address);
    const SocketAddress copy = SocketAddress::fromSockaddr(address->data(), address->length());
    QVERIFY(copy == *address);
    QCOMPARE(copy.toString(), address->toString());
    if (copy.family() == Family::IPv6) {
        const auto *v6 = reinterpret_cast<const sockaddr_in6 *>(copy.data());
        QCOMPARE(ntohs(v6->sin6_port), quint16(443));
        QCOMPARE(v6->sin6_scope_id, text.contains(QLatin1Char('%')) ? if_nametoindex("lo") : 0u);
    } else {
        const auto *v4 = reinterpret_cast<const sockaddr_in *>(copy.data());
        QCOMPARE(ntohs(v4->sin_port), quint16(443));
        QCOMPARE(ntohl(v4->sin_addr.s_addr), quint32(INADDR_LOOPBACK));
    }
}

void tst_SocketAddress::namesAreRefused_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("empty") << "";
    QTest::newRow("localhost") << "localhost";
    QTest::newRow("a name") << "example.com";
    QTest::newRow("brackets") << "[::1]"; // brackets are the parser's business, not an address
    QTest::newRow("octet too big") << "127.0.0.256";
    QTest::newRow("empty scope") << "fe80::1%";
    QTest::newRow("no such interface") << "fe80::1%nosuch0";
    QTest::newRow("not Latin-1") << QStringLiteral("::1\u4e00");
}

void tst_SocketAddress::namesAreRefused()
{
    QFETCH(QString, text);
    QVERIFY(!SocketAddress::fromNumericHost(text, 80));
}

void tst_SocketAddress::unixPath()
{
    const auto address = SocketAddress::fromUnixPath(QStringLiteral("/tmp/sockscope.sock"));
    QVERIFY(address);
    QCOMPARE(address->family(), Family::Unix);
    QVERIFY(!address->isIp());
    QCOMPARE(address->nativeFamily(), AF_UNIX);
    QCOMPARE(address->host(), QStringLiteral("/tmp/sockscope.sock"));
    QCOMPARE(address->toString(), QStringLiteral("/tmp/sockscope.sock"));
    QCOMPARE(address->port(), quint16(0));
    // A path is followed by its NUL, as the kernel reports it back.
    QCOMPARE(address->length(), socklen_t(offsetof(sockaddr_un, sun_path) + 20));
    const auto *un = reinterpret_cast<const sockaddr_un *>(address->data());
    QCOMPARE(QByteArray(un->sun_path), QByteArray("/tmp/sockscope.sock"));
    QVERIFY(SocketAddress::fromSockaddr(address->data(), address->length()) == *address);
    QCOMPARE(SocketAddress::maxUnixPathLength(), qsizetype(sizeof(un->sun_path) - 1));
}

void tst_SocketAddress::abstractName()
{
    const auto address = SocketAddress::fromUnixPath(QStringLiteral("@sockscope"));
    QVERIFY(address);
    QCOMPARE(address->family(), Family::Unix);
    // The kernel's abstract namespace: a leading NUL and no trailing one; the length is exact.
    const auto *un = reinterpret_cast<const sockaddr_un *>(address->data());
    QCOMPARE(un->sun_path[0], '\0');
    QCOMPARE(QByteArray(un->sun_path + 1, 9), QByteArray("sockscope"));
    QCOMPARE(address->length(), socklen_t(offsetof(sockaddr_un, sun_path) + 10));
    QCOMPARE(address->host(), QStringLiteral("@sockscope"));
    QCOMPARE(address->toString(), QStringLiteral("@sockscope"));
    QVERIFY(!(*address == *SocketAddress::fromUnixPath(QStringLiteral("/sockscope"))));
}

void tst_SocketAddress::unixRefused()
{
    QVERIFY(!SocketAddress::fromUnixPath(QString()));
    QVERIFY(!SocketAddress::fromUnixPath(QStringLiteral("@")));
    const qsizetype max = SocketAddress::maxUnixPathLength();
    QVERIFY(SocketAddress::fromUnixPath(QString(max, QLatin1Char('p'))));
    QVERIFY(!SocketAddress::fromUnixPath(QString(max + 1, QLatin1Char('p'))));
    QVERIFY(SocketAddress::fromUnixPath(QLatin1Char('@') + QString(max, QLatin1Char('a'))));
    QVERIFY(!SocketAddress::fromUnixPath(QLatin1Char('@') + QString(max + 1, QLatin1Char('a'))));
}

void tst_SocketAddress::invalid()
{
    const SocketAddress none;
    QVERIFY(!none.isValid());
    QCOMPARE(none.family(), Family::Unspecified);
    QCOMPARE(none.toString(), QStringLiteral("(none)"));
    QCOMPARE(none.host(), QString());
    QCOMPARE(none.port(), quint16(0));
    QVERIFY(!SocketAddress::fromSockaddr(nullptr, 16).isValid());
    sockaddr_in v4{};
    QVERIFY(!SocketAddress::fromSockaddr(reinterpret_cast<const sockaddr *>(&v4), 0).isValid());
    QVERIFY(none == SocketAddress());
}

void tst_SocketAddress::setPort()
{
    auto v6 = *SocketAddress::fromNumericHost(QStringLiteral("::1"), 1);
    v6.setPort(65535);
    QCOMPARE(v6.toString(), QStringLiteral("[::1]:65535"));
    auto v4 = *SocketAddress::fromNumericHost(QStringLiteral("127.0.0.1"), 1);
    v4.setPort(0);
    QCOMPARE(v4.toString(), QStringLiteral("127.0.0.1:0"));
    auto local = *SocketAddress::fromUnixPath(QStringLiteral("/tmp/p"));
    local.setPort(80); // a Unix address has no port: nothing changes
    QVERIFY(local == *SocketAddress::fromUnixPath(QStringLiteral("/tmp/p")));
}

void tst_SocketAddress::equality()
{
    const auto a = *SocketAddress::fromNumericHost(QStringLiteral("127.0.0.1"), 80);
    QVERIFY(a == *SocketAddress::fromNumericHost(QStringLiteral("127.0.0.1"), 80));
    QVERIFY(!(a == *SocketAddress::fromNumericHost(QStringLiteral("127.0.0.1"), 81)));
    QVERIFY(!(a == *SocketAddress::fromNumericHost(QStringLiteral("127.0.0.2"), 80)));
    QVERIFY(!(a == *SocketAddress::fromNumericHost(QStringLiteral("::ffff:127.0.0.1"), 80)));
    QVERIFY(!(a == SocketAddress()));
    const auto scoped = *SocketAddress::fromNumericHost(QStringLiteral("fe80::1%lo"), 80);
    QVERIFY(!(scoped == *SocketAddress::fromNumericHost(QStringLiteral("fe80::1"), 80)));
}

void tst_SocketAddress::familyNames()
{
    QCOMPARE(familyName(Family::IPv4), QStringLiteral("IPv4"));
    QCOMPARE(familyName(Family::IPv6), QStringLiteral("IPv6"));
    QCOMPARE(familyName(Family::Unix), QStringLiteral("Unix"));
    QCOMPARE(familyName(Family::Unspecified), QStringLiteral("unspecified"));
}

QTEST_GUILESS_MAIN(tst_SocketAddress)

#include "tst_socketaddress.moc"
