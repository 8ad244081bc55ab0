// Every error a tester will hit reads as a sentence that says what happened and what to try.
// Pure message tests: nothing is sent; the addresses below are only formatted.
#include "core/net/socketerror.h"
#include "support/translations.h"

#include <QTest>

#include <netdb.h>

#include <cerrno>

using namespace core;

namespace {
SocketAddress at(const char *host, quint16 port)
{
    return *SocketAddress::fromNumericHost(QString::fromLatin1(host), port);
}
} // namespace

class tst_SocketError : public QObject
{
    Q_OBJECT

private slots:
    void messages_data();
    void messages();
};

void tst_SocketError::messages_data()
{
    QTest::addColumn<SocketError>("error");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("message");
    QTest::newRow("refused") << connectError(ECONNREFUSED, at("127.0.0.1", 9)) << ECONNREFUSED
                             << "Connection refused by 127.0.0.1:9 — is anything listening?";
    QTest::newRow("timeout") << connectTimeoutError(at("::1", 80), 5000) << ETIMEDOUT
                             << "No answer from [::1]:80 within 5,000 ms — is the host up and the port open (a "
                                "firewall may drop packets)?";
    QTest::newRow("host not found") << resolveError(EAI_NONAME, 0, QStringLiteral("nosuch.invalid")) << EAI_NONAME
                                    << "Host “nosuch.invalid” not found — check the spelling, or use a numeric address.";
    QTest::newRow("port in use") << bindError(EADDRINUSE, at("127.0.0.1", 8080)) << EADDRINUSE
                                 << "Address 127.0.0.1:8080 is already in use — another program (or another tab) is "
                                    "using this port; pick another port or stop it.";
    QTest::newRow("privileged port") << bindError(EACCES, at("0.0.0.0", 80)) << EACCES
                                     << "Permission denied for 0.0.0.0:80: ports below 1024 need administrator "
                                        "rights — use a port of 1024 or more.";
    QTest::newRow("address not here") << bindError(EADDRNOTAVAIL, at("127.0.0.1", 5000)) << EADDRNOTAVAIL
                                      << "Address 127.0.0.1:5000 is not available on this machine — pick one of its "
                                         "own addresses, 127.0.0.1 or 0.0.0.0.";
    QTest::newRow("datagram too big") << sendError(EMSGSIZE, at("127.0.0.1", 9000), 65508) << EMSGSIZE
                                      << "Datagram of 65,508 bytes is too large to send to 127.0.0.1:9000 (UDP carries "
                                         "at most 65,507 bytes over IPv4 and 65,527 over IPv6).";
    QTest::newRow("datagram refused") << datagramUndeliveredError(ECONNREFUSED, at("127.0.0.1", 9), 1) << ECONNREFUSED
                                      << "127.0.0.1:9 refused the datagram: nothing is listening there.";
    QTest::newRow("datagrams refused, coalesced")
        << datagramUndeliveredError(ECONNREFUSED, at("::1", 9), 37) << ECONNREFUSED
        << "[::1]:9 refused the datagram: nothing is listening there. (×37)";
    QTest::newRow("datagram host unreachable")
        << datagramUndeliveredError(EHOSTUNREACH, at("127.0.0.1", 9), 1) << EHOSTUNREACH
        << "Datagram to 127.0.0.1:9 not delivered: the host is unreachable (ICMP) — check the address and that the "
           "host is up.";
    QTest::newRow("datagram network unreachable")
        << datagramUndeliveredError(ENETUNREACH, at("127.0.0.1", 9), 2) << ENETUNREACH
        << "Datagram to 127.0.0.1:9 not delivered: the network is unreachable (ICMP) — check the address and your "
           "routes. (×2)";
    QTest::newRow("datagram undelivered elsewhere") << datagramsUndeliveredElsewhereError(1) << 0
                                                    << "1 more datagram to other targets came back undelivered "
                                                       "(ICMP errors).";
    QTest::newRow("datagrams undelivered elsewhere") << datagramsUndeliveredElsewhereError(1234) << 0
                                                     << "1,234 more datagrams to other targets came back undelivered "
                                                        "(ICMP errors).";
    QTest::newRow("1 byte datagram too big") << sendError(EMSGSIZE, at("::1", 9000), 1) << EMSGSIZE
                                             << "Datagram of 1 byte is too large to send to [::1]:9000 (UDP carries "
                                                "at most 65,507 bytes over IPv4 and 65,527 over IPv6).";
    QTest::newRow("out of descriptors") << socketCreateError(EMFILE, Family::IPv4) << EMFILE
                                        << "Out of file descriptors: close some connections and try again.";
    QTest::newRow("epoll out of watches")
        << watchError(ENOSPC, QStringLiteral("the listening socket on 127.0.0.1:8080")) << ENOSPC
        << QStringLiteral("Could not watch the listening socket on 127.0.0.1:8080 for network events (%1), so it "
                          "was closed. The system is out of memory or of epoll watches (fs.epoll.max_user_watches): "
                          "close some connections or raise the limit.").arg(errnoText(ENOSPC));
    QTest::newRow("epoll refuses the descriptor")
        << watchError(EPERM, QStringLiteral("the UDP socket on [::1]:5000")) << EPERM
        << "Could not watch the UDP socket on [::1]:5000 for network events (Operation not permitted), so it was "
           "closed.";
    QTest::newRow("unknown errno keeps the system's words")
        << connectError(EPROTO, at("127.0.0.1", 1)) << EPROTO
        << QStringLiteral("Cannot connect to 127.0.0.1:1: %1.").arg(errnoText(EPROTO));
}

void tst_SocketError::messages()
{
    QFETCH(SocketError, error);
    QFETCH(int, code);
    QFETCH(QString, message);
    QVERIFY(error.isError());
    QCOMPARE(error.code, code);
    QCOMPARE(error.message, message);
}

QTEST_GUILESS_MAIN(tst_SocketError)
#include "tst_socketerror.moc"
