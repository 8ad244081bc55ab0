#include "core/net/addressparser.h"

#include "core/i18n/translations.h"

#include <QCoreApplication>

#include <arpa/inet.h>
#include <net/if.h>
#include <netinet/in.h>

namespace core {

namespace {

constexpr qsizetype kMaxHostLength = 253;
constexpr qsizetype kMaxLabelLength = 63;
constexpr qsizetype kMaxScopeLength = IF_NAMESIZE - 1;
// Longer user text is elided inside messages so a pasted megabyte cannot become an error tooltip.
constexpr qsizetype kMaxShownLength = 40;

QString shown(QStringView text)
{
    if (text.size() <= kMaxShownLength)
        return text.toString();
    return text.left(kMaxShownLength - 1).toString() + QChar(0x2026);
}

bool isAsciiDigit(QChar c)
{
    return c >= QLatin1Char('0') && c <= QLatin1Char('9');
}

bool isAllDigits(QStringView text)
{
    for (const QChar c : text) {
        if (!isAsciiDigit(c))
            return false;
    }
    return !text.isEmpty();
}

// "1.2.3.4.5", "010.0.0.1", "12345": meant as IPv4, so they must never be taken for host names.
bool isDigitsAndDots(QStringView text)
{
    bool digit = false;
    for (const QChar c : text) {
        if (!isAsciiDigit(c) && c != QLatin1Char('.'))
            return false;
        digit = digit || isAsciiDigit(c);
    }
    return digit;
}

// Also keeps an embedded NUL from cutting the text short on its way to inet_pton.
bool isPrintableAscii(QStringView text)
{
    for (const QChar c : text) {
        if (c.unicode() <= 0x20 || c.unicode() >= 0x7f)
            return false;
    }
    return true;
}

bool isNumeric(int family, QStringView text)
{
    if (text.isEmpty() || !isPrintableAscii(text))
        return false;
    const QByteArray latin1 = text.toLatin1();
    in6_addr storage{}; // large enough for either family
    return inet_pton(family, latin1.constData(), &storage) == 1;
}

// Shape only: whether the interface exists is asked when core builds the address.
bool isValidScope(QStringView scope)
{
    if (scope.isEmpty() || scope.size() > kMaxScopeLength)
        return false;
    if (!isPrintableAscii(scope))
        return false;
    return !scope.contains(QLatin1Char('/')) && !scope.contains(QLatin1Char(':'))
           && !scope.contains(QLatin1Char('%'));
}

bool isIPv6(QStringView host)
{
    const qsizetype percent = host.indexOf(QLatin1Char('%'));
    if (percent < 0)
        return isNumeric(AF_INET6, host);
    return isNumeric(AF_INET6, host.left(percent)) && isValidScope(host.mid(percent + 1));
}

QString ipv6Error(QStringView host)
{
    const qsizetype percent = host.indexOf(QLatin1Char('%'));
    const QStringView address = percent < 0 ? host : host.left(percent);
    if (!isNumeric(AF_INET6, address))
        return QCoreApplication::translate("core", "“%1” is not a valid IPv6 address.").arg(shown(address));
    const QStringView scope = host.mid(percent + 1);
    if (scope.isEmpty())
        return QCoreApplication::translate("core", "Nothing follows “%” in “%1”; write an interface name or "
                                                   "number, as in “fe80::1%eth0”.")
            .arg(shown(host));
    return QCoreApplication::translate("core", "“%1” is not a valid interface name or number after “%”.")
        .arg(shown(scope));
}

QString characterName(char32_t codePoint)
{
    if (QChar::isPrint(codePoint))
        return QString::fromUcs4(&codePoint, 1);
    return QStringLiteral("U+%1").arg(uint(codePoint), 4, 16, QLatin1Char('0')).toUpper();
}

QString nameCharacterError(QStringView host)
{
    for (const uint unit : host.toUcs4()) {
        const auto codePoint = char32_t(unit);
        if (QChar::isSpace(codePoint))
            return QCoreApplication::translate("core", "Host name “%1” contains a space.").arg(shown(host));
        const bool allowed = (codePoint < 0x80 && QChar::isLetterOrNumber(codePoint))
                             || codePoint == U'-' || codePoint == U'_' || codePoint == U'.';
        if (!allowed)
            return QCoreApplication::translate("core", "Host name “%1” contains “%2”; only letters a–z, digits, "
                                                       "“-”, “_” and “.” are allowed.")
                .arg(shown(host), characterName(codePoint));
    }
    return {};
}

QString labelError(QStringView host, QStringView label)
{
    if (label.isEmpty())
        return QCoreApplication::translate("core", "Host name “%1” has an empty part between dots.")
            .arg(shown(host));
    if (label.size() > kMaxLabelLength)
        return QCoreApplication::translate("core", "Part “%1” of the host name is %2 character(s) long; the "
                                                   "limit is %3.", nullptr, pluralCount(label.size()))
            .arg(shown(label), QString::number(label.size()), QString::number(kMaxLabelLength));
    if (label.startsWith(QLatin1Char('-')))
        return QCoreApplication::translate("core", "Part “%1” of the host name starts with “-”.")
            .arg(shown(label));
    if (label.endsWith(QLatin1Char('-')))
        return QCoreApplication::translate("core", "Part “%1” of the host name ends with “-”.")
            .arg(shown(label));
    return {};
}

QString nameError(QStringView host)
{
    if (QString error = nameCharacterError(host); !error.isEmpty())
        return error;
    QStringView name = host;
    if (name.size() > 1 && name.endsWith(QLatin1Char('.')))
        name.chop(1); // the root's dot of a fully qualified name
    if (name.size() > kMaxHostLength)
        return QCoreApplication::translate("core", "Host name is %1 character(s) long; the limit is %2.", nullptr,
                                           pluralCount(name.size()))
            .arg(QString::number(name.size()), QString::number(kMaxHostLength));
    for (const QStringView label : name.split(QLatin1Char('.'))) {
        if (QString error = labelError(host, label); !error.isEmpty())
            return error;
    }
    return {};
}

// The host as it stands, not trimmed: whitespace inside "host :80" is an error.
QString hostError(QStringView host)
{
    if (host.isEmpty())
        return QCoreApplication::translate("core", "Host is empty.");
    if (host.contains(QLatin1Char(':')))
        return isIPv6(host) ? QString() : ipv6Error(host);
    if (isDigitsAndDots(host)) {
        if (isNumeric(AF_INET, host))
            return {};
        return QCoreApplication::translate("core", "“%1” is not a valid IPv4 address.").arg(shown(host));
    }
    return nameError(host);
}

PortParse parsePortDigits(QStringView text, bool allowZero)
{
    if (text.isEmpty())
        return {std::nullopt, QCoreApplication::translate("core", "Port is empty.")};
    uint value = 0;
    for (const QChar c : text) {
        if (!isAsciiDigit(c)) {
            value = 0x10000; // reported as out of range below
            break;
        }
        if (value <= 0xffff) // stop accumulating once too large, so long digit strings cannot overflow
            value = value * 10 + uint(c.unicode() - '0');
    }
    if (value > 0xffff)
        return {std::nullopt,
                QCoreApplication::translate("core", "Port must be a number from %1 to 65535, not “%2”.")
                    .arg(QString::number(allowZero ? 0 : 1), shown(text))};
    if (value == 0 && !allowZero)
        return {std::nullopt, QCoreApplication::translate("core", "Port 0 is not allowed here.")};
    return {quint16(value), {}};
}

HostPortParse failure(const QString &error)
{
    return {std::nullopt, error};
}

HostPortParse missingPort(QStringView host)
{
    return failure(QCoreApplication::translate("core", "Port is missing; write it after the host, as in “%1”.")
                       .arg(formatHostPort(shown(host), 80)));
}

HostPortParse finish(QStringView host, std::optional<QStringView> portText, bool requirePort)
{
    if (QString error = hostError(host); !error.isEmpty())
        return failure(error);
    if (!portText)
        return requirePort ? missingPort(host) : HostPortParse{HostPort{host.toString(), 0, false}, {}};
    const PortParse port = parsePortDigits(*portText, true);
    if (!port.port)
        return failure(port.error);
    return {HostPort{host.toString(), *port.port, true}, {}};
}

HostPortParse parseBracketed(QStringView text, bool requirePort)
{
    const qsizetype close = text.indexOf(QLatin1Char(']'));
    if (close < 0)
        return failure(QCoreApplication::translate("core", "Missing “]” after the IPv6 address."));
    const QStringView inner = text.mid(1, close - 1);
    if (!inner.isEmpty() && !inner.contains(QLatin1Char(':')))
        return failure(QCoreApplication::translate("core", "Brackets are only for IPv6 addresses; write “%1” "
                                                           "without them.")
                           .arg(shown(inner)));
    const QStringView rest = text.mid(close + 1);
    if (rest.isEmpty())
        return finish(inner, std::nullopt, requirePort);
    if (!rest.startsWith(QLatin1Char(':'))) {
        if (QString error = hostError(inner); !error.isEmpty())
            return failure(error);
        return failure(QCoreApplication::translate("core", "Only “:” and a port may follow “]”, as in “%1”.")
                           .arg(formatHostPort(shown(inner), 80)));
    }
    return finish(inner, rest.mid(1), requirePort);
}

// Two or more colons and no brackets: an IPv6 address alone, or a mistyped "[address]:port".
HostPortParse parseBareIPv6(QStringView text, bool requirePort)
{
    if (!requirePort && isIPv6(text))
        return {HostPort{text.toString(), 0, false}, {}};
    const qsizetype lastColon = text.lastIndexOf(QLatin1Char(':'));
    const QStringView head = text.left(lastColon);
    const QStringView tail = text.mid(lastColon + 1);
    if (isIPv6(head) && isAllDigits(tail))
        return failure(QCoreApplication::translate("core", "An IPv6 address followed by a port must be in "
                                                           "brackets: write “[%1]:%2”.")
                           .arg(shown(head), shown(tail)));
    if (isIPv6(text))
        return missingPort(text);
    return failure(ipv6Error(text));
}

} // namespace

PortParse parsePort(QStringView text, bool allowZero)
{
    return parsePortDigits(text.trimmed(), allowZero);
}

HostPortParse parseHostPort(QStringView text, bool requirePort)
{
    const QStringView trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return failure(QCoreApplication::translate("core", "Host is empty."));
    if (trimmed.startsWith(QLatin1Char('[')))
        return parseBracketed(trimmed, requirePort);
    const qsizetype colon = trimmed.indexOf(QLatin1Char(':'));
    if (colon < 0)
        return finish(trimmed, std::nullopt, requirePort);
    if (trimmed.indexOf(QLatin1Char(':'), colon + 1) >= 0)
        return parseBareIPv6(trimmed, requirePort);
    return finish(trimmed.left(colon), trimmed.mid(colon + 1), requirePort);
}

QString validateHostName(QStringView host)
{
    return hostError(host.trimmed());
}

HostKind classifyHost(QStringView host)
{
    const QStringView trimmed = host.trimmed();
    if (isNumeric(AF_INET, trimmed))
        return HostKind::IPv4;
    if (isIPv6(trimmed))
        return HostKind::IPv6;
    return HostKind::Name;
}

QString formatHostPort(const QString &host, quint16 port)
{
    if (host.contains(QLatin1Char(':')))
        return QLatin1Char('[') + host + QStringLiteral("]:") + QString::number(port);
    return host + QLatin1Char(':') + QString::number(port);
}

} // namespace core
