// Tests for parseEndpoint: every accepted form with the family, type, address, port and scope it yields,
// and every rejected form with the exact sentence the user reads. Pure parsing: nothing here opens a
// socket.
#include "core/net/endpoint.h"
#include "support/translations.h"

#include <QTest>

#include <net/if.h>

using namespace core;

namespace {

QString notNumeric(const char *text, const char *advice)
{
    return QStringLiteral("“%1” is not a numeric IPv4 or IPv6 address: %2 127.0.0.1, ::1, 0.0.0.0 (all IPv4) "
                          "or :: (all).").arg(QString::fromUtf8(text), QString::fromUtf8(advice));
}

QString tooLong(const char *what, qsizetype bytes)
{
    return QStringLiteral("The %1 is %2 bytes long; the limit is 107 bytes: pick a shorter one.")
        .arg(QString::fromUtf8(what))
        .arg(bytes);
}

} // namespace

class tst_Endpoint : public QObject
{
    Q_OBJECT

private slots:
    void accepted_data();
    void accepted();
    void typeIsCarried_data();
    void typeIsCarried();
    void unixLimit();
    void abstractLimit();
    void rejected_data();
    void rejected();
};

void tst_Endpoint::accepted_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<Family>("family");
    QTest::addColumn<QString>("host");
    QTest::addColumn<quint16>("port");
    QTest::addColumn<QString>("string");

    QTest::newRow("IPv4 loopback") << "127.0.0.1" << Family::IPv4 << "127.0.0.1" << quint16(80) << "127.0.0.1:80";
    QTest::newRow("IPv4 any") << "0.0.0.0" << Family::IPv4 << "0.0.0.0" << quint16(0) << "0.0.0.0:0";
    QTest::newRow("spaces around") << "  127.0.0.2 " << Family::IPv4 << "127.0.0.2" << quint16(1) << "127.0.0.2:1";
    QTest::newRow("IPv6 loopback") << "::1" << Family::IPv6 << "::1" << quint16(65535) << "[::1]:65535";
    QTest::newRow("IPv6 in brackets") << "[::1]" << Family::IPv6 << "::1" << quint16(9000) << "[::1]:9000";
    QTest::newRow("IPv6 any") << "::" << Family::IPv6 << "::" << quint16(0) << "[::]:0";
    QTest::newRow("scope by name") << "fe80::1%lo" << Family::IPv6 << "fe80::1%lo" << quint16(7) << "[fe80::1%lo]:7";
    // The loopback interface's number, whatever it is here, reads back as its name.
    QTest::newRow("scope by number") << QStringLiteral("[fe80::1%%1]").arg(if_nametoindex("lo")) << Family::IPv6
                                     << "fe80::1%lo" << quint16(7) << "[fe80::1%lo]:7";
    // A Unix address has no port: the one given is ignored.
    QTest::newRow("Unix path") << "/tmp/x.sock" << Family::Unix << "/tmp/x.sock" << quint16(0) << "/tmp/x.sock";
    QTest::newRow("Unix path, port ignored") << "/run/a b.sock" << Family::Unix << "/run/a b.sock" << quint16(0)
                                             << "/run/a b.sock";
    QTest::newRow("abstract name") << "@abstract" << Family::Unix << "@abstract" << quint16(0) << "@abstract";
    QTest::newRow("abstract, non-ASCII") << "@ünï" << Family::Unix << "@ünï" << quint16(0) << "@ünï";
}

void tst_Endpoint::accepted()
{
    QFETCH(QString, text);
    QFETCH(Family, family);
    QFETCH(QString, host);
    QFETCH(quint16, port);
    QFETCH(QString, string);
    const quint16 given = family == Family::Unix ? 4242 : port;
    const EndpointParse parsed = parseEndpoint(text, given, SocketType::Stream, EndpointPurpose::Listen);
    QVERIFY2(parsed.value, qPrintable(parsed.error));
    QVERIFY(parsed.error.isEmpty());
    QCOMPARE(parsed.value->family(), family);
    QCOMPARE(parsed.value->type, SocketType::Stream);
    QCOMPARE(parsed.value->address.host(), host);
    QCOMPARE(parsed.value->address.port(), port);
    QCOMPARE(parsed.value->toString(), string);
    QVERIFY(parsed.value->isValid());
}

void tst_Endpoint::typeIsCarried_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<SocketType>("type");
    QTest::newRow("stream") << "127.0.0.1" << SocketType::Stream;
    QTest::newRow("datagram") << "::1" << SocketType::Datagram;
    QTest::newRow("seqpacket") << "@seq" << SocketType::SeqPacket;
    QTest::newRow("unix datagram") << "/tmp/d.sock" << SocketType::Datagram;
}

void tst_Endpoint::typeIsCarried()
{
    QFETCH(QString, text);
    QFETCH(SocketType, type);
    const auto parsed = parseEndpoint(text, 1, type, EndpointPurpose::Bind);
    QVERIFY2(parsed.value, qPrintable(parsed.error));
    QCOMPARE(parsed.value->type, type);
    // The same address with another type is another endpoint.
    const auto other = parseEndpoint(text, 1, type == SocketType::Stream ? SocketType::Datagram : SocketType::Stream,
                                     EndpointPurpose::Bind);
    QVERIFY(other.value);
    QVERIFY(other.value->address == parsed.value->address);
    QVERIFY(!(*other.value == *parsed.value));
}

void tst_Endpoint::unixLimit()
{
    // 107 bytes and the kernel's NUL fill sun_path's 108 exactly.
    const QString atLimit = QLatin1Char('/') + QString(106, QLatin1Char('a'));
    const auto accepted = parseEndpoint(atLimit, 0, SocketType::Stream, EndpointPurpose::Listen);
    QVERIFY2(accepted.value, qPrintable(accepted.error));
    QCOMPARE(accepted.value->address.host(), atLimit);
    const auto refused = parseEndpoint(atLimit + QLatin1Char('b'), 0, SocketType::Stream, EndpointPurpose::Listen);
    QVERIFY(!refused.value);
    QCOMPARE(refused.error, tooLong("Unix socket path", 108));
    // The limit is in bytes, not characters: 54 two-byte characters after the slash are 109 bytes.
    const auto wide = parseEndpoint(QLatin1Char('/') + QString(54, QChar(0xe9)), 0, SocketType::Stream,
                                    EndpointPurpose::Listen);
    QCOMPARE(wide.error, tooLong("Unix socket path", 109));
}

void tst_Endpoint::abstractLimit()
{
    // An abstract name has no trailing NUL: after the leading NUL, 107 bytes fill sun_path.
    const QString atLimit = QLatin1Char('@') + QString(107, QLatin1Char('n'));
    const auto accepted = parseEndpoint(atLimit, 0, SocketType::Datagram, EndpointPurpose::Bind);
    QVERIFY2(accepted.value, qPrintable(accepted.error));
    QCOMPARE(accepted.value->address.host(), atLimit);
    QCOMPARE(accepted.value->address.length(), socklen_t(sizeof(sa_family_t) + 108));
    const auto refused = parseEndpoint(atLimit + QLatin1Char('n'), 0, SocketType::Datagram, EndpointPurpose::Bind);
    QVERIFY(!refused.value);
    QCOMPARE(refused.error, tooLong("abstract socket name", 108));
}

void tst_Endpoint::rejected_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<EndpointPurpose>("purpose");
    QTest::addColumn<QString>("error");
    const auto listen = EndpointPurpose::Listen;
    const auto bind = EndpointPurpose::Bind;
    const QString empty = QStringLiteral("Address is empty: pick 127.0.0.1 (this machine only) or 0.0.0.0 (all "
                                         "interfaces).");
    QTest::newRow("empty") << "" << listen << empty;
    QTest::newRow("blank") << "   " << bind << empty;
    QTest::newRow("a name, listen") << "localhost" << listen << notNumeric("localhost", "listen on");
    QTest::newRow("a name, bind") << "localhost" << bind << notNumeric("localhost", "bind to");
    QTest::newRow("octet too big") << "127.0.0.300" << listen << notNumeric("127.0.0.300", "listen on");
    QTest::newRow("trimmed in the sentence") << " example.com " << bind << notNumeric("example.com", "bind to");
    QTest::newRow("address with port") << "127.0.0.1:80" << listen << notNumeric("127.0.0.1:80", "listen on");
    QTest::newRow("one bracket") << "[::1" << listen << notNumeric("[::1", "listen on");
    QTest::newRow("IPv4 with a scope") << "127.0.0.1%lo" << bind << notNumeric("127.0.0.1%lo", "bind to");
    QTest::newRow("empty scope") << "fe80::1%" << listen
                                 << "“fe80::1%”: the scope after the % is empty — name an interface from “ip link” "
                                    "(e.g. %lo) or give its number.";
    QTest::newRow("no such interface")
        << "fe80::1%nosuch0" << listen
        << "“fe80::1%nosuch0”: there is no network interface “nosuch0” for the scope — use a name from “ip link” "
           "(e.g. %lo) or its number.";
    QTest::newRow("relative path") << "x.sock" << listen << notNumeric("x.sock", "listen on");
    QTest::newRow("abstract, no name") << "@" << bind << "The abstract socket name is empty: type a name after the @.";
    QTest::newRow("NUL in a path") << QStringLiteral("/tmp/a") + QChar(0) + QStringLiteral("b") << listen
                                   << "A Unix socket path cannot contain a NUL character.";
}

void tst_Endpoint::rejected()
{
    QFETCH(QString, text);
    QFETCH(EndpointPurpose, purpose);
    QFETCH(QString, error);
    const auto parsed = parseEndpoint(text, 80, SocketType::Stream, purpose);
    QVERIFY(!parsed.value);
    QCOMPARE(parsed.error, error);
}

QTEST_GUILESS_MAIN(tst_Endpoint) // the application object installs the translators

#include "tst_endpoint.moc"
