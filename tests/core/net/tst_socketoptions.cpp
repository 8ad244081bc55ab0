// The socket option table against the real kernel, on loopback only: every entry set then read back on a
// socket of each family and type it applies to, options refused where they do not apply, IPV6_V6ONLY
// deciding whether an IPv6 listener takes IPv4 clients, and SO_LINGER 0 giving the peer a RST.
#include "core/net/socketoptions.h"
#include "support/translations.h"

#include <QSet>
#include <QTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

using namespace core;
using Type = sockets::Type;

Q_DECLARE_METATYPE(core::SocketOption)
Q_DECLARE_METATYPE(core::Family)
Q_DECLARE_METATYPE(core::sockets::Type)

namespace {

struct Probe
{
    int set;
    int expected; // what getsockopt must say afterwards
};

// A value unlike the kernel's default for each option, so a set that did nothing cannot pass.
Probe probeFor(SocketOption option)
{
    switch (option) {
    case SocketOption::IPv6Only: return {1, 1};
    case SocketOption::ReuseAddress:
    case SocketOption::ReusePort:
    case SocketOption::NoDelay:
    case SocketOption::KeepAlive:
    case SocketOption::Broadcast: return {1, 1};
    case SocketOption::MulticastLoop: return {0, 0}; // on by default
    case SocketOption::KeepAliveIdle: return {30, 30};
    case SocketOption::KeepAliveInterval: return {10, 10};
    case SocketOption::KeepAliveCount: return {4, 4};
    // Linux doubles a buffer request for its bookkeeping and getsockopt reports the doubled size.
    case SocketOption::ReceiveBuffer:
    case SocketOption::SendBuffer: return {50000, 100000};
    case SocketOption::Linger: return {5, 5};
    case SocketOption::Ttl:
    case SocketOption::UnicastHops: return {17, 17};
    case SocketOption::MulticastTtl: return {5, 5};
    }
    return {0, 0};
}

QString typeText(Type type)
{
    switch (type) {
    case Type::Stream: return QStringLiteral("stream");
    case Type::Datagram: return QStringLiteral("datagram");
    case Type::SeqPacket: return QStringLiteral("seqpacket");
    }
    return {};
}

struct Fd
{
    int fd = -1;
    explicit Fd(int descriptor) : fd(descriptor) {}
    Fd(const Fd &) = delete;
    Fd &operator=(const Fd &) = delete;
    ~Fd()
    {
        if (fd >= 0)
            ::close(fd);
    }
};

int nativeSocket(Family family, Type type)
{
    return ::socket(sockets::nativeFamily(family), sockets::nativeType(type) | SOCK_CLOEXEC, 0);
}

bool waitReadable(int fd, int timeoutMs)
{
    pollfd entry{fd, POLLIN, 0};
    return ::poll(&entry, 1, timeoutMs) == 1;
}

} // namespace

class tst_SocketOptions : public QObject
{
    Q_OBJECT

private slots:
    void table();
    void setThenGet_data();
    void setThenGet();
    void refusedWhereNotApplicable_data();
    void refusedWhereNotApplicable();
    void applyReadsBackAndReportsFailures();
    void v6OnlyDecidesIpv4Clients_data();
    void v6OnlyDecidesIpv4Clients();
    void lingerZeroResets_data();
    void lingerZeroResets();
};

// Every option has one entry, in enum order, with a unique settings key that finds it again.
void tst_SocketOptions::table()
{
    const auto table = socketOptionTable();
    QCOMPARE(table.size(), std::size_t(SocketOption::MulticastLoop) + 1);
    QSet<QString> keys;
    for (const SocketOptionEntry &entry : table) {
        const QString key = QLatin1StringView(entry.settingsKey);
        QVERIFY2(!keys.contains(key), qPrintable(key));
        keys.insert(key);
        QCOMPARE(optionFromSettingsKey(key), std::optional(entry.option));
        QVERIFY(!displayName(entry.option).isEmpty());
    }
    QCOMPARE(optionFromSettingsKey(u"no_such_option"), std::nullopt);
    QCOMPARE(displayName(SocketOption::NoDelay), QStringLiteral("TCP_NODELAY (send at once, no Nagle)"));
}

void tst_SocketOptions::setThenGet_data()
{
    QTest::addColumn<SocketOption>("option");
    QTest::addColumn<Family>("family");
    QTest::addColumn<Type>("type");
    for (const SocketOptionEntry &entry : socketOptionTable()) {
        int rows = 0;
        for (Family family : {Family::IPv4, Family::IPv6, Family::Unix}) {
            for (Type type : {Type::Stream, Type::Datagram}) {
                if (!nativeOptionName(entry.option, family, type).applies())
                    continue;
                QTest::addRow("%s %s %s", entry.settingsKey, qPrintable(familyName(family)),
                              qPrintable(typeText(type)))
                    << entry.option << family << type;
                ++rows;
            }
        }
        QVERIFY2(rows > 0, entry.settingsKey); // an entry no socket takes would be dead
    }
}

void tst_SocketOptions::setThenGet()
{
    QFETCH(SocketOption, option);
    QFETCH(Family, family);
    QFETCH(Type, type);
    const Fd socket(nativeSocket(family, type));
    QVERIFY(socket.fd >= 0);
    const Probe probe = probeFor(option);
    SocketError error;
    const std::optional<int> before = getOption(socket.fd, option, &error);
    QVERIFY2(before, qPrintable(error.message));
    QVERIFY2(*before != probe.expected, "the probe value is the default: the test could not fail");
    error = setOption(socket.fd, option, probe.set);
    QVERIFY2(!error.isError(), qPrintable(error.message));
    QCOMPARE(getOption(socket.fd, option, &error), std::optional(probe.expected));
    QVERIFY(!error.isError());
}

void tst_SocketOptions::refusedWhereNotApplicable_data()
{
    QTest::addColumn<SocketOption>("option");
    QTest::addColumn<Family>("family");
    QTest::addColumn<Type>("type");
    QTest::addColumn<QString>("sentence");
    QTest::newRow("V6ONLY on IPv4") << SocketOption::IPv6Only << Family::IPv4 << Type::Stream
        << "IPV6_V6ONLY (IPv6 only, no IPv4-mapped peers) does not apply to IPv4 stream sockets.";
    QTest::newRow("IP_TTL on IPv6") << SocketOption::Ttl << Family::IPv6 << Type::Datagram
        << "IP_TTL (time to live) does not apply to IPv6 datagram sockets.";
    QTest::newRow("hops on IPv4") << SocketOption::UnicastHops << Family::IPv4 << Type::Stream
        << "IPV6_UNICAST_HOPS (hop limit) does not apply to IPv4 stream sockets.";
    QTest::newRow("NODELAY on UDP") << SocketOption::NoDelay << Family::IPv4 << Type::Datagram
        << "TCP_NODELAY (send at once, no Nagle) does not apply to IPv4 datagram sockets.";
    QTest::newRow("broadcast on TCP") << SocketOption::Broadcast << Family::IPv4 << Type::Stream
        << "SO_BROADCAST (send to broadcast addresses) does not apply to IPv4 stream sockets.";
}

void tst_SocketOptions::refusedWhereNotApplicable()
{
    QFETCH(SocketOption, option);
    QFETCH(Family, family);
    QFETCH(Type, type);
    QFETCH(QString, sentence);
    const Fd socket(nativeSocket(family, type));
    QVERIFY(socket.fd >= 0);
    const SocketError setError = setOption(socket.fd, option, 1);
    QCOMPARE(setError.kind, SocketError::Kind::Input);
    QCOMPARE(setError.message, sentence);
    SocketError getError;
    QCOMPARE(getOption(socket.fd, option, &getError), std::nullopt);
    QCOMPARE(getError.message, sentence);
}

// One set serves every socket: what does not apply is skipped, a failure is reported without closing the
// socket, and an IPv6 socket always gets IPV6_V6ONLY, off unless asked.
void tst_SocketOptions::applyReadsBackAndReportsFailures()
{
    const SocketOptionSet wanted{{SocketOption::NoDelay, 1}, {SocketOption::Ttl, 300},
                                 {SocketOption::SendBuffer, 50000}, {SocketOption::Broadcast, 1}};
    const Fd inet(nativeSocket(Family::IPv4, Type::Stream));
    AppliedOptions applied = applyOptions(inet.fd, Family::IPv4, Type::Stream, wanted);
    QVERIFY(applied.usable());
    QCOMPARE(applied.effective, (SocketOptionSet{{SocketOption::NoDelay, 1}, {SocketOption::SendBuffer, 100000}}));
    QCOMPARE(applied.errors.size(), 1);
    QCOMPARE(applied.errors.at(0).code, EINVAL); // a TTL above 255
    QCOMPARE(applied.errors.at(0).message, QStringLiteral("Could not set IP_TTL (time to live): Invalid argument."));

    const Fd inet6(nativeSocket(Family::IPv6, Type::Stream));
    applied = applyOptions(inet6.fd, Family::IPv6, Type::Stream, wanted);
    QVERIFY(applied.usable());
    QVERIFY(applied.errors.isEmpty());
    QCOMPARE(applied.effective, (SocketOptionSet{{SocketOption::IPv6Only, 0}, {SocketOption::NoDelay, 1},
                                                 {SocketOption::SendBuffer, 100000}}));

    // Set after bind, IPV6_V6ONLY fails, and a socket without it is not used.
    const Fd bound(nativeSocket(Family::IPv6, Type::Datagram));
    sockaddr_in6 loopback{};
    loopback.sin6_family = AF_INET6;
    loopback.sin6_addr = in6addr_loopback;
    QCOMPARE(::bind(bound.fd, reinterpret_cast<const sockaddr *>(&loopback), sizeof(loopback)), 0);
    applied = applyOptions(bound.fd, Family::IPv6, Type::Datagram, {{SocketOption::IPv6Only, 1}});
    QVERIFY(!applied.usable());
    QCOMPARE(applied.fatal.code, EINVAL);
    QVERIFY(applied.fatal.message.startsWith(QStringLiteral("Could not set IPV6_V6ONLY")));
}

void tst_SocketOptions::v6OnlyDecidesIpv4Clients_data()
{
    QTest::addColumn<int>("v6Only");
    QTest::addColumn<bool>("ipv4Accepted");
    QTest::newRow("dual-stack") << 0 << true;
    QTest::newRow("IPv6 only") << 1 << false;
}

void tst_SocketOptions::v6OnlyDecidesIpv4Clients()
{
    QFETCH(int, v6Only);
    QFETCH(bool, ipv4Accepted);
    // The IPv6 wildcard is the only IPv6 address an IPv4 client can reach; the client dials 127.0.0.1.
    const Fd listener(nativeSocket(Family::IPv6, Type::Stream));
    const AppliedOptions applied = applyOptions(listener.fd, Family::IPv6, Type::Stream,
                                                {{SocketOption::IPv6Only, v6Only}});
    QCOMPARE(applied.effective.value(SocketOption::IPv6Only), std::optional(v6Only));
    sockaddr_in6 any{};
    any.sin6_family = AF_INET6;
    any.sin6_addr = in6addr_any;
    QCOMPARE(::bind(listener.fd, reinterpret_cast<const sockaddr *>(&any), sizeof(any)), 0);
    QCOMPARE(::listen(listener.fd, 4), 0);
    socklen_t length = sizeof(any);
    QCOMPARE(::getsockname(listener.fd, reinterpret_cast<sockaddr *>(&any), &length), 0);

    const Fd client(nativeSocket(Family::IPv4, Type::Stream));
    sockaddr_in target{};
    target.sin_family = AF_INET;
    target.sin_port = any.sin6_port;
    target.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const int result = ::connect(client.fd, reinterpret_cast<const sockaddr *>(&target), sizeof(target));
    const int error = result == 0 ? 0 : errno;
    QCOMPARE(error, ipv4Accepted ? 0 : ECONNREFUSED);
    QCOMPARE(waitReadable(listener.fd, ipv4Accepted ? 5000 : 0), ipv4Accepted);
}

void tst_SocketOptions::lingerZeroResets_data()
{
    QTest::addColumn<int>("linger");
    QTest::addColumn<int>("peerError"); // what the peer's recv says: ECONNRESET, or 0 for an orderly FIN
    QTest::newRow("linger 0: RST") << 0 << ECONNRESET;
    QTest::newRow("linger off: FIN") << kLingerOff << 0;
}

void tst_SocketOptions::lingerZeroResets()
{
    QFETCH(int, linger);
    QFETCH(int, peerError);
    const Fd listener(nativeSocket(Family::IPv4, Type::Stream));
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    QCOMPARE(::bind(listener.fd, reinterpret_cast<const sockaddr *>(&address), sizeof(address)), 0);
    QCOMPARE(::listen(listener.fd, 1), 0);
    socklen_t length = sizeof(address);
    QCOMPARE(::getsockname(listener.fd, reinterpret_cast<sockaddr *>(&address), &length), 0);
    const Fd peer(nativeSocket(Family::IPv4, Type::Stream));
    QCOMPARE(::connect(peer.fd, reinterpret_cast<const sockaddr *>(&address), sizeof(address)), 0);
    QVERIFY(waitReadable(listener.fd, 5000));
    int ours = ::accept(listener.fd, nullptr, nullptr);
    QVERIFY(ours >= 0);

    const SocketError error = setOption(ours, SocketOption::Linger, linger);
    QVERIFY2(!error.isError(), qPrintable(error.message));
    QCOMPARE(getOption(ours, SocketOption::Linger), std::optional(linger));
    ::close(ours);

    QVERIFY(waitReadable(peer.fd, 5000));
    char byte = 0;
    const ssize_t received = ::recv(peer.fd, &byte, 1, 0);
    QCOMPARE(received < 0 ? errno : 0, peerError);
    QCOMPARE(received, peerError == 0 ? ssize_t(0) : ssize_t(-1));
}

QTEST_GUILESS_MAIN(tst_SocketOptions)
#include "tst_socketoptions.moc"
