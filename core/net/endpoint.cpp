#include "core/net/endpoint.h"

#include <QCoreApplication>

namespace core {

namespace {

EndpointParse refused(QString problem)
{
    return {std::nullopt, std::move(problem)};
}

QString notNumericProblem(const QString &text, EndpointPurpose purpose)
{
    if (purpose == EndpointPurpose::Listen)
        return QCoreApplication::translate("core", "“%1” is not a numeric IPv4 or IPv6 address: listen on "
                                                   "127.0.0.1, ::1, 0.0.0.0 (all IPv4) or :: (all).").arg(text);
    return QCoreApplication::translate("core", "“%1” is not a numeric IPv4 or IPv6 address: bind to 127.0.0.1, "
                                               "::1, 0.0.0.0 (all IPv4) or :: (all).").arg(text);
}

EndpointParse unixEndpoint(const QString &text, SocketType type)
{
    const bool abstract = text.startsWith(QLatin1Char('@'));
    const qsizetype bytes = text.toUtf8().size() - (abstract ? 1 : 0);
    if (abstract && bytes == 0)
        return refused(QCoreApplication::translate("core", "The abstract socket name is empty: type a name after "
                                                           "the @."));
    if (text.contains(QChar(0)))
        return refused(QCoreApplication::translate("core", "A Unix socket path cannot contain a NUL character."));
    if (bytes > SocketAddress::maxUnixPathLength()) {
        const QString what = abstract ? QCoreApplication::translate("core", "abstract socket name")
                                      : QCoreApplication::translate("core", "Unix socket path");
        return refused(QCoreApplication::translate("core", "The %1 is %2 bytes long; the limit is %3 bytes: pick a "
                                                           "shorter one.")
                           .arg(what)
                           .arg(bytes)
                           .arg(SocketAddress::maxUnixPathLength()));
    }
    const auto address = SocketAddress::fromUnixPath(text);
    if (!address)
        return refused(QCoreApplication::translate("core", "“%1” is not a usable Unix socket path.").arg(text));
    return {Endpoint{type, *address}, {}};
}

EndpointParse ipEndpoint(const QString &text, quint16 port, SocketType type, EndpointPurpose purpose)
{
    QString host = text;
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    if (const auto address = SocketAddress::fromNumericHost(host, port))
        return {Endpoint{type, *address}, {}};
    // A well-formed IPv6 address whose scope is empty or names no interface: say that, not "not numeric".
    const qsizetype percent = host.indexOf(QLatin1Char('%'));
    const auto bare = percent > 0 ? SocketAddress::fromNumericHost(host.left(percent), port) : std::nullopt;
    if (bare && bare->family() == Family::IPv6) {
        const QString scope = host.mid(percent + 1);
        if (scope.isEmpty())
            return refused(QCoreApplication::translate("core", "“%1”: the scope after the % is empty — name an "
                                                               "interface from “ip link” (e.g. %lo) or give its "
                                                               "number.").arg(text));
        return refused(QCoreApplication::translate("core", "“%1”: there is no network interface “%2” for the "
                                                           "scope — use a name from “ip link” (e.g. %lo) or its "
                                                           "number.")
                           .arg(text, scope));
    }
    return refused(notNumericProblem(text, purpose));
}

} // namespace

EndpointParse parseEndpoint(QStringView text, quint16 port, SocketType type, EndpointPurpose purpose)
{
    const QString trimmed = text.trimmed().toString();
    if (trimmed.isEmpty())
        return refused(QCoreApplication::translate("core", "Address is empty: pick 127.0.0.1 (this machine only) "
                                                           "or 0.0.0.0 (all interfaces)."));
    if (isUnixAddressText(trimmed))
        return unixEndpoint(trimmed, type);
    return ipEndpoint(trimmed, port, type, purpose);
}

bool isUnixAddressText(QStringView text)
{
    const QStringView trimmed = text.trimmed();
    return trimmed.startsWith(QLatin1Char('/')) || trimmed.startsWith(QLatin1Char('@'));
}

EndpointParse parseUnixEndpoint(QStringView text, SocketType type)
{
    return unixEndpoint(text.trimmed().toString(), type);
}

} // namespace core
