// Tests for the address parsing rules: every accepted form with the values it yields, and every rejected
// form with the exact sentence the user will read. Pure parsing: nothing here opens a socket or sends a
// byte, and every address below is in 127.0.0.0/8 anyway.
#include "core/net/addressparser.h"
#include "support/translations.h"

#include <QTest>

using namespace core;

namespace {

QString repeated(char c, qsizetype count)
{
    return QString(count, QLatin1Char(c));
}

// What the messages show of a text longer than 40 characters: its first 39 and an ellipsis.
QString elided(const QString &text)
{
    return text.left(39) + QChar(0x2026);
}

QString portRange(int low, const QString &text)
{
    return QStringLiteral("Port must be a number from %1 to 65535, not “%2”.").arg(QString::number(low), text);
}

QString badIPv4(const QString &text)
{
    return QStringLiteral("“%1” is not a valid IPv4 address.").arg(text);
}

QString badIPv6(const QString &text)
{
    return QStringLiteral("“%1” is not a valid IPv6 address.").arg(text);
}

QString missingPort(const QString &example)
{
    return QStringLiteral("Port is missing; write it after the host, as in “%1”.").arg(example);
}

} // namespace

class tst_AddressParser : public QObject
{
    Q_OBJECT

private slots:
    void parsePort_data();
    void parsePort();
    void parseHostPort_data();
    void parseHostPort();
    void validateHostName_data();
    void validateHostName();
    void classifyHost_data();
    void classifyHost();
    void formatHostPort_data();
    void formatHostPort();
    void formatThenParseRoundTrips_data();
    void formatThenParseRoundTrips();
};

void tst_AddressParser::parsePort_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("allowZero");
    QTest::addColumn<int>("port"); // -1: rejected
    QTest::addColumn<QString>("error");

    QTest::newRow("80") << QStringLiteral("80") << true << 80 << QString();
    QTest::newRow("zero") << QStringLiteral("0") << true << 0 << QString();
    QTest::newRow("max") << QStringLiteral("65535") << true << 65535 << QString();
    QTest::newRow("leading zero is decimal") << QStringLiteral("08") << true << 8 << QString();
    QTest::newRow("many leading zeros") << QStringLiteral("0000000000000000000080") << true << 80 << QString();
    QTest::newRow("surrounding whitespace") << QStringLiteral(" \t443\n ") << true << 443 << QString();
    QTest::newRow("one without zero") << QStringLiteral("1") << false << 1 << QString();

    QTest::newRow("empty") << QString() << true << -1 << QStringLiteral("Port is empty.");
    QTest::newRow("blank") << QStringLiteral("   ") << true << -1 << QStringLiteral("Port is empty.");
    QTest::newRow("too large") << QStringLiteral("70000") << true << -1 << portRange(0, QStringLiteral("70000"));
    QTest::newRow("one past max") << QStringLiteral("65536") << true << -1 << portRange(0, QStringLiteral("65536"));
    QTest::newRow("huge") << QStringLiteral("99999999999999999999") << true << -1
                          << portRange(0, QStringLiteral("99999999999999999999"));
    QTest::newRow("plus sign") << QStringLiteral("+80") << true << -1 << portRange(0, QStringLiteral("+80"));
    QTest::newRow("negative") << QStringLiteral("-1") << true << -1 << portRange(0, QStringLiteral("-1"));
    QTest::newRow("hex") << QStringLiteral("0x50") << true << -1 << portRange(0, QStringLiteral("0x50"));
    QTest::newRow("space inside") << QStringLiteral("8 0") << true << -1 << portRange(0, QStringLiteral("8 0"));
    QTest::newRow("trailing letter") << QStringLiteral("80a") << true << -1 << portRange(0, QStringLiteral("80a"));
    QTest::newRow("non-ASCII digits") << QStringLiteral("٨٠") << true << -1 << portRange(0, QStringLiteral("٨٠"));
    QTest::newRow("zero refused") << QStringLiteral("0") << false << -1
                                  << QStringLiteral("Port 0 is not allowed here.");
    QTest::newRow("double zero refused") << QStringLiteral("00") << false << -1
                                         << QStringLiteral("Port 0 is not allowed here.");
    QTest::newRow("range without zero") << QStringLiteral("70000") << false << -1
                                        << portRange(1, QStringLiteral("70000"));
    QTest::newRow("long text elided") << repeated('1', 50) << true << -1 << portRange(0, elided(repeated('1', 50)));
}

void tst_AddressParser::parsePort()
{
    QFETCH(QString, text);
    QFETCH(bool, allowZero);
    QFETCH(int, port);
    QFETCH(QString, error);

    const PortParse result = core::parsePort(text, allowZero);
    QCOMPARE(result.error, error);
    QVERIFY2(result.port.has_value() == error.isEmpty(), "a port exactly when there is no error");
    if (port >= 0)
        QCOMPARE(int(*result.port), port);
}

void tst_AddressParser::parseHostPort_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("requirePort");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port"); // -1: no port
    QTest::addColumn<QString>("error");

    const QString none;
    QTest::newRow("name:port") << QStringLiteral("localhost:80") << true << QStringLiteral("localhost") << 80 << none;
    QTest::newRow("IPv4:port") << QStringLiteral("127.1.2.3:80") << true << QStringLiteral("127.1.2.3") << 80 << none;
    QTest::newRow("[IPv6]:port") << QStringLiteral("[::1]:80") << true << QStringLiteral("::1") << 80 << none;
    QTest::newRow("[IPv6%scope]:port") << QStringLiteral("[fe80::1%lo]:8080") << true
                                       << QStringLiteral("fe80::1%lo") << 8080 << none;
    QTest::newRow("[mapped IPv4]:port") << QStringLiteral("[::ffff:127.1.2.3]:443") << true
                                        << QStringLiteral("::ffff:127.1.2.3") << 443 << none;
    QTest::newRow("port zero") << QStringLiteral("localhost:0") << true << QStringLiteral("localhost") << 0 << none;
    QTest::newRow("trimmed") << QStringLiteral("  example.com:443 \t") << true << QStringLiteral("example.com") << 443
                             << none;
    QTest::newRow("FQDN, leading zero") << QStringLiteral("host.example.:08") << true
                                        << QStringLiteral("host.example.") << 8 << none;
    QTest::newRow("name alone") << QStringLiteral("example.com") << false << QStringLiteral("example.com") << -1
                                << none;
    QTest::newRow("IPv4 alone") << QStringLiteral("127.1.2.3") << false << QStringLiteral("127.1.2.3") << -1 << none;
    QTest::newRow("bare IPv6") << QStringLiteral("::1") << false << QStringLiteral("::1") << -1 << none;
    QTest::newRow("bare IPv6 scope") << QStringLiteral("fe80::1%2") << false << QStringLiteral("fe80::1%2") << -1
                                     << none;
    QTest::newRow("[IPv6] alone") << QStringLiteral("[::1]") << false << QStringLiteral("::1") << -1 << none;
    // Without brackets a colon-rich text is an address alone: ::1:80 is the address 0:0:0:0:0:0:1:80.
    QTest::newRow("bare IPv6 is never addr:port") << QStringLiteral("::1:80") << false << QStringLiteral("::1:80")
                                                  << -1 << none;
    QTest::newRow("optional port given") << QStringLiteral("example.com:7") << false << QStringLiteral("example.com")
                                         << 7 << none;

    QTest::newRow("empty") << QString() << true << none << -1 << QStringLiteral("Host is empty.");
    QTest::newRow("blank") << QStringLiteral(" ") << false << none << -1 << QStringLiteral("Host is empty.");
    QTest::newRow("no host") << QStringLiteral(":80") << true << none << -1 << QStringLiteral("Host is empty.");
    QTest::newRow("empty brackets") << QStringLiteral("[]:80") << true << none << -1
                                    << QStringLiteral("Host is empty.");
    QTest::newRow("empty port") << QStringLiteral("localhost:") << true << none << -1
                                << QStringLiteral("Port is empty.");
    QTest::newRow("empty port after ]") << QStringLiteral("[::1]:") << true << none << -1
                                        << QStringLiteral("Port is empty.");
    QTest::newRow("missing port") << QStringLiteral("localhost") << true << none << -1
                                  << missingPort(QStringLiteral("localhost:80"));
    QTest::newRow("missing port, bare IPv6") << QStringLiteral("::1") << true << none << -1
                                             << missingPort(QStringLiteral("[::1]:80"));
    QTest::newRow("missing port, [IPv6]") << QStringLiteral("[::1]") << true << none << -1
                                          << missingPort(QStringLiteral("[::1]:80"));
    QTest::newRow("IPv6:port unbracketed") << QStringLiteral("::1:80") << true << none << -1
                                           << QStringLiteral("An IPv6 address followed by a port must be in "
                                                             "brackets: write “[::1]:80”.");
    QTest::newRow("IPv6%scope:port unbracketed")
        << QStringLiteral("fe80::1%lo:8080") << false << none << -1
        << QStringLiteral("An IPv6 address followed by a port must be in brackets: write “[fe80::1%lo]:8080”.");
    QTest::newRow("missing ]") << QStringLiteral("[::1:80") << true << none << -1
                               << QStringLiteral("Missing “]” after the IPv6 address.");
    QTest::newRow("no colon after ]") << QStringLiteral("[::1]80") << true << none << -1
                                      << QStringLiteral("Only “:” and a port may follow “]”, as in “[::1]:80”.");
    QTest::newRow("bad port after ]") << QStringLiteral("[::1]:70000") << true << none << -1
                                      << portRange(0, QStringLiteral("70000"));
    QTest::newRow("brackets around IPv4") << QStringLiteral("[127.1.2.3]:80") << true << none << -1
                                          << QStringLiteral("Brackets are only for IPv6 addresses; write “127.1.2.3” "
                                                            "without them.");
    QTest::newRow("bad IPv6 in brackets") << QStringLiteral("[::g]:80") << true << none << -1
                                          << badIPv6(QStringLiteral("::g"));
    QTest::newRow("empty scope") << QStringLiteral("[fe80::1%]:80") << true << none << -1
                                 << QStringLiteral("Nothing follows “%” in “fe80::1%”; write an interface name or "
                                                   "number, as in “fe80::1%eth0”.");
    QTest::newRow("bad scope") << QStringLiteral("[fe80::1%a b]:80") << true << none << -1
                               << QStringLiteral("“a b” is not a valid interface name or number after “%”.");
    QTest::newRow("five-part IPv4") << QStringLiteral("127.1.2.3.5:80") << true << none << -1
                                    << badIPv4(QStringLiteral("127.1.2.3.5"));
    QTest::newRow("space in host") << QStringLiteral("a b:80") << true << none << -1
                                   << QStringLiteral("Host name “a b” contains a space.");
    QTest::newRow("space before colon") << QStringLiteral("localhost :80") << true << none << -1
                                        << QStringLiteral("Host name “localhost ” contains a space.");
    QTest::newRow("space after colon") << QStringLiteral("localhost: 80") << true << none << -1
                                       << portRange(0, QStringLiteral(" 80"));
    QTest::newRow("text after port") << QStringLiteral("localhost:80 x") << true << none << -1
                                     << portRange(0, QStringLiteral("80 x"));
    QTest::newRow("plus port") << QStringLiteral("localhost:+80") << true << none << -1
                               << portRange(0, QStringLiteral("+80"));
    QTest::newRow("negative port") << QStringLiteral("localhost:-1") << true << none << -1
                                   << portRange(0, QStringLiteral("-1"));
    QTest::newRow("hex port") << QStringLiteral("localhost:0x50") << true << none << -1
                              << portRange(0, QStringLiteral("0x50"));
    QTest::newRow("two colons, not IPv6") << QStringLiteral("host:80:90") << true << none << -1
                                          << badIPv6(QStringLiteral("host:80:90"));
    QTest::newRow("leading hyphen") << QStringLiteral("-bad.example:80") << true << none << -1
                                    << QStringLiteral("Part “-bad” of the host name starts with “-”.");
}

void tst_AddressParser::parseHostPort()
{
    QFETCH(QString, text);
    QFETCH(bool, requirePort);
    QFETCH(QString, host);
    QFETCH(int, port);
    QFETCH(QString, error);

    const HostPortParse result = core::parseHostPort(text, requirePort);
    QCOMPARE(result.error, error);
    QVERIFY2(result.value.has_value() == error.isEmpty(), "a value exactly when there is no error");
    if (!result.value)
        return;
    QCOMPARE(result.value->host, host);
    QCOMPARE(result.value->hasPort, port >= 0);
    QCOMPARE(int(result.value->port), port >= 0 ? port : 0);
}

void tst_AddressParser::validateHostName_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<QString>("error");

    const QString label63 = repeated('a', 63);
    const QString name253 = label63 + QLatin1Char('.') + label63 + QLatin1Char('.') + label63 + QLatin1Char('.')
                            + repeated('b', 61);
    const QString none;
    QTest::newRow("localhost") << QStringLiteral("localhost") << none;
    QTest::newRow("dotted name") << QStringLiteral("www.example.com") << none;
    QTest::newRow("FQDN") << QStringLiteral("example.com.") << none;
    QTest::newRow("one letter") << QStringLiteral("a") << none;
    QTest::newRow("punycode") << QStringLiteral("xn--bcher-kva.de") << none;
    QTest::newRow("underscores") << QStringLiteral("_sip._tcp.example.com") << none;
    QTest::newRow("digits in labels") << QStringLiteral("3com.example9") << none;
    QTest::newRow("IPv4") << QStringLiteral("127.168.0.1") << none;
    QTest::newRow("IPv4 any") << QStringLiteral("0.0.0.0") << none;
    QTest::newRow("IPv6") << QStringLiteral("::1") << none;
    QTest::newRow("IPv6 scope name") << QStringLiteral("fe80::1%eth0") << none;
    QTest::newRow("trimmed") << QStringLiteral("  example.com\t") << none;
    QTest::newRow("63-character label") << label63 << none;
    QTest::newRow("253 characters") << name253 << none;

    QTest::newRow("empty") << QString() << QStringLiteral("Host is empty.");
    QTest::newRow("blank") << QStringLiteral("  ") << QStringLiteral("Host is empty.");
    QTest::newRow("space") << QStringLiteral("a b") << QStringLiteral("Host name “a b” contains a space.");
    QTest::newRow("tab") << QStringLiteral("a\tb") << QStringLiteral("Host name “a\tb” contains a space.");
    QTest::newRow("64-character label")
        << label63 + QLatin1Char('a')
        << QStringLiteral("Part “%1” of the host name is 64 characters long; the limit is 63.").arg(elided(label63));
    QTest::newRow("254 characters") << name253 + QLatin1Char('b')
                                    << QStringLiteral("Host name is 254 characters long; the limit is 253.");
    QTest::newRow("dollar") << QStringLiteral("exa$mple.com")
                            << QStringLiteral("Host name “exa$mple.com” contains “$”; only letters a–z, digits, "
                                              "“-”, “_” and “.” are allowed.");
    QTest::newRow("non-ASCII letter") << QStringLiteral("bücher.de")
                                      << QStringLiteral("Host name “bücher.de” contains “ü”; only letters a–z, "
                                                        "digits, “-”, “_” and “.” are allowed.");
    QTest::newRow("emoji") << QStringLiteral("a😀b")
                           << QStringLiteral("Host name “a😀b” contains “😀”; only letters a–z, digits, “-”, “_” "
                                             "and “.” are allowed.");
    QTest::newRow("embedded NUL") << QStringLiteral("127.1.2.3") + QChar(u'\0')
                                  << QStringLiteral("Host name “127.1.2.3%1” contains “U+0000”; only letters a–z, "
                                                    "digits, “-”, “_” and “.” are allowed.")
                                         .arg(QChar(u'\0'));
    QTest::newRow("control character") << QStringLiteral("a\u0001b")
                                       << QStringLiteral("Host name “a\u0001b” contains “U+0001”; only letters a–z, "
                                                         "digits, “-”, “_” and “.” are allowed.");
    QTest::newRow("percent in a name") << QStringLiteral("host%eth0")
                                       << QStringLiteral("Host name “host%eth0” contains “%”; only letters a–z, "
                                                         "digits, “-”, “_” and “.” are allowed.");
    QTest::newRow("leading hyphen") << QStringLiteral("-host")
                                    << QStringLiteral("Part “-host” of the host name starts with “-”.");
    QTest::newRow("trailing hyphen") << QStringLiteral("www.host-.com")
                                     << QStringLiteral("Part “host-” of the host name ends with “-”.");
    QTest::newRow("two dots") << QStringLiteral("a..b")
                              << QStringLiteral("Host name “a..b” has an empty part between dots.");
    QTest::newRow("leading dot") << QStringLiteral(".example.com")
                                 << QStringLiteral("Host name “.example.com” has an empty part between dots.");
    QTest::newRow("only a dot") << QStringLiteral(".")
                                << QStringLiteral("Host name “.” has an empty part between dots.");
    QTest::newRow("only dots") << QStringLiteral("...")
                               << QStringLiteral("Host name “...” has an empty part between dots.");
    QTest::newRow("five-part IPv4") << QStringLiteral("127.1.2.3.5") << badIPv4(QStringLiteral("127.1.2.3.5"));
    QTest::newRow("three-part IPv4") << QStringLiteral("1.2.3") << badIPv4(QStringLiteral("1.2.3"));
    QTest::newRow("octet over 255") << QStringLiteral("127.1.1.256") << badIPv4(QStringLiteral("127.1.1.256"));
    QTest::newRow("octal-looking octet") << QStringLiteral("127.0.0.01") << badIPv4(QStringLiteral("127.0.0.01"));
    QTest::newRow("all digits") << QStringLiteral("12345") << badIPv4(QStringLiteral("12345"));
    QTest::newRow("trailing dot IPv4") << QStringLiteral("127.1.2.3.") << badIPv4(QStringLiteral("127.1.2.3."));
    QTest::newRow("bad IPv6") << QStringLiteral("1::2::3") << badIPv6(QStringLiteral("1::2::3"));
    QTest::newRow("bad IPv6 before scope") << QStringLiteral("::g%lo") << badIPv6(QStringLiteral("::g"));
    QTest::newRow("scope too long") << QStringLiteral("fe80::1%abcdefghijklmnop")
                                    << QStringLiteral("“abcdefghijklmnop” is not a valid interface name or number "
                                                      "after “%”.");
}

void tst_AddressParser::validateHostName()
{
    QFETCH(QString, host);
    QFETCH(QString, error);

    QCOMPARE(core::validateHostName(host), error);
}

void tst_AddressParser::classifyHost_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("kind");

    const int v4 = int(HostKind::IPv4);
    const int v6 = int(HostKind::IPv6);
    const int name = int(HostKind::Name);
    QTest::newRow("IPv4") << QStringLiteral("127.1.2.3") << v4;
    QTest::newRow("IPv4 any") << QStringLiteral("0.0.0.0") << v4;
    QTest::newRow("IPv4 trimmed") << QStringLiteral(" 127.0.0.1 ") << v4;
    QTest::newRow("IPv6 loopback") << QStringLiteral("::1") << v6;
    QTest::newRow("IPv6 full") << QStringLiteral("2001:db8:0:0:0:0:0:1") << v6;
    QTest::newRow("IPv6 scope name") << QStringLiteral("fe80::1%lo") << v6;
    QTest::newRow("IPv6 scope number") << QStringLiteral("fe80::1%2") << v6;
    QTest::newRow("IPv4-mapped IPv6") << QStringLiteral("::ffff:127.1.2.3") << v6;
    QTest::newRow("name") << QStringLiteral("example.com") << name;
    QTest::newRow("five-part dotted") << QStringLiteral("127.1.2.3.5") << name;
    QTest::newRow("empty scope") << QStringLiteral("fe80::1%") << name;
    QTest::newRow("bad IPv6") << QStringLiteral("::g") << name;
    QTest::newRow("bracketed") << QStringLiteral("[::1]") << name;
    QTest::newRow("empty") << QString() << name;
    QTest::newRow("embedded NUL") << QStringLiteral("127.1.2.3") + QChar(u'\0') + QLatin1Char('5') << name;
}

void tst_AddressParser::classifyHost()
{
    QFETCH(QString, host);
    QFETCH(int, kind);

    QCOMPARE(int(core::classifyHost(host)), kind);
}

void tst_AddressParser::formatHostPort_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("expected");

    QTest::newRow("IPv4") << QStringLiteral("127.1.2.3") << 80 << QStringLiteral("127.1.2.3:80");
    QTest::newRow("IPv6") << QStringLiteral("::1") << 80 << QStringLiteral("[::1]:80");
    QTest::newRow("IPv6 scope") << QStringLiteral("fe80::1%lo") << 8080 << QStringLiteral("[fe80::1%lo]:8080");
    QTest::newRow("name, port 0") << QStringLiteral("example.com") << 0 << QStringLiteral("example.com:0");
    QTest::newRow("name, max port") << QStringLiteral("localhost") << 65535 << QStringLiteral("localhost:65535");
}

void tst_AddressParser::formatHostPort()
{
    QFETCH(QString, host);
    QFETCH(int, port);
    QFETCH(QString, expected);

    QCOMPARE(core::formatHostPort(host, quint16(port)), expected);
}

void tst_AddressParser::formatThenParseRoundTrips_data()
{
    formatHostPort_data();
}

void tst_AddressParser::formatThenParseRoundTrips()
{
    QFETCH(QString, host);
    QFETCH(int, port);

    const HostPortParse parsed = core::parseHostPort(core::formatHostPort(host, quint16(port)));
    QVERIFY2(parsed.value.has_value(), qPrintable(parsed.error));
    QCOMPARE(parsed.value->host, host);
    QCOMPARE(int(parsed.value->port), port);
    QVERIFY(parsed.value->hasPort);
}

QTEST_GUILESS_MAIN(tst_AddressParser) // the application object installs the translators

#include "tst_addressparser.moc"
