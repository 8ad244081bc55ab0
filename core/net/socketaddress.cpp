#include "core/net/socketaddress.h"

#include <arpa/inet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sys/un.h>

#include <cstring>

namespace core {

QString familyName(Family family)
{
    switch (family) {
    case Family::IPv4: return QStringLiteral("IPv4");
    case Family::IPv6: return QStringLiteral("IPv6");
    case Family::Unix: return QStringLiteral("Unix");
    case Family::Unspecified: break;
    }
    return QStringLiteral("unspecified");
}

SocketAddress SocketAddress::fromSockaddr(const sockaddr *address, socklen_t length)
{
    SocketAddress result;
    if (address && length > 0 && length <= sizeof(result.m_storage)) {
        std::memcpy(&result.m_storage, address, length);
        result.m_length = length;
    }
    return result;
}

std::optional<SocketAddress> SocketAddress::fromNumericHost(const QString &host, quint16 port)
{
    SocketAddress result;
    const QByteArray text = host.toLatin1();
    if (host.isEmpty() || text.size() != host.size())
        return std::nullopt;

    auto *v4 = reinterpret_cast<sockaddr_in *>(&result.m_storage);
    if (inet_pton(AF_INET, text.constData(), &v4->sin_addr) == 1) {
        v4->sin_family = AF_INET;
        v4->sin_port = htons(port);
        result.m_length = sizeof(sockaddr_in);
        return result;
    }

    QByteArray addressPart = text;
    QByteArray scope;
    if (const qsizetype percent = text.indexOf('%'); percent >= 0) {
        addressPart = text.left(percent);
        scope = text.mid(percent + 1);
        if (scope.isEmpty())
            return std::nullopt;
    }
    auto *v6 = reinterpret_cast<sockaddr_in6 *>(&result.m_storage);
    if (inet_pton(AF_INET6, addressPart.constData(), &v6->sin6_addr) != 1)
        return std::nullopt;
    v6->sin6_family = AF_INET6;
    v6->sin6_port = htons(port);
    if (!scope.isEmpty()) {
        bool numeric = false;
        const uint index = scope.toUInt(&numeric);
        v6->sin6_scope_id = numeric ? index : if_nametoindex(scope.constData());
        if (v6->sin6_scope_id == 0)
            return std::nullopt;
    }
    result.m_length = sizeof(sockaddr_in6);
    return result;
}

SocketAddress SocketAddress::unnamedUnix()
{
    SocketAddress result;
    result.m_storage.ss_family = AF_UNIX;
    result.m_length = socklen_t(sizeof(sa_family_t));
    return result;
}

qsizetype SocketAddress::maxUnixPathLength()
{
    return qsizetype(sizeof(sockaddr_un::sun_path)) - 1;
}

std::optional<SocketAddress> SocketAddress::fromUnixPath(const QString &path)
{
    const QByteArray bytes = path.toUtf8();
    const bool abstract = bytes.startsWith('@');
    // An abstract name has no NUL at its end, so it may fill sun_path after the leading NUL ('@' here).
    if (bytes.size() <= (abstract ? 1 : 0) || bytes.size() > maxUnixPathLength() + (abstract ? 1 : 0))
        return std::nullopt;
    SocketAddress result;
    auto *un = reinterpret_cast<sockaddr_un *>(&result.m_storage);
    un->sun_family = AF_UNIX;
    std::memcpy(un->sun_path, bytes.constData(), size_t(bytes.size()));
    if (abstract)
        un->sun_path[0] = '\0'; // the kernel's abstract namespace: no trailing NUL, length is exact
    result.m_length = socklen_t(offsetof(sockaddr_un, sun_path) + size_t(bytes.size()) + (abstract ? 0 : 1));
    return result;
}

Family SocketAddress::family() const
{
    if (m_length == 0)
        return Family::Unspecified;
    switch (m_storage.ss_family) {
    case AF_INET: return Family::IPv4;
    case AF_INET6: return Family::IPv6;
    case AF_UNIX: return Family::Unix;
    default: return Family::Unspecified;
    }
}

quint16 SocketAddress::port() const
{
    switch (family()) {
    case Family::IPv4: return ntohs(reinterpret_cast<const sockaddr_in *>(&m_storage)->sin_port);
    case Family::IPv6: return ntohs(reinterpret_cast<const sockaddr_in6 *>(&m_storage)->sin6_port);
    default: return 0;
    }
}

void SocketAddress::setPort(quint16 port)
{
    if (family() == Family::IPv4)
        reinterpret_cast<sockaddr_in *>(&m_storage)->sin_port = htons(port);
    else if (family() == Family::IPv6)
        reinterpret_cast<sockaddr_in6 *>(&m_storage)->sin6_port = htons(port);
}

QString SocketAddress::host() const
{
    char text[INET6_ADDRSTRLEN + IF_NAMESIZE + 2] = {};
    switch (family()) {
    case Family::IPv4:
        inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in *>(&m_storage)->sin_addr, text, sizeof(text));
        return QString::fromLatin1(text);
    case Family::IPv6: {
        const auto *v6 = reinterpret_cast<const sockaddr_in6 *>(&m_storage);
        inet_ntop(AF_INET6, &v6->sin6_addr, text, sizeof(text));
        QString result = QString::fromLatin1(text);
        if (v6->sin6_scope_id != 0) {
            char name[IF_NAMESIZE] = {};
            result += QLatin1Char('%') + (if_indextoname(v6->sin6_scope_id, name)
                                              ? QString::fromLatin1(name)
                                              : QString::number(v6->sin6_scope_id));
        }
        return result;
    }
    case Family::Unix: {
        const auto *un = reinterpret_cast<const sockaddr_un *>(&m_storage);
        const size_t offset = offsetof(sockaddr_un, sun_path);
        if (m_length <= offset)
            return QStringLiteral("(unnamed)");
        size_t len = m_length - offset;
        if (un->sun_path[0] == '\0')
            return QLatin1Char('@') + QString::fromUtf8(un->sun_path + 1, qsizetype(len - 1));
        return QString::fromUtf8(un->sun_path, qsizetype(strnlen(un->sun_path, len)));
    }
    case Family::Unspecified: break;
    }
    return {};
}

QString SocketAddress::toString() const
{
    switch (family()) {
    case Family::IPv4: return host() + QLatin1Char(':') + QString::number(port());
    case Family::IPv6: return QLatin1Char('[') + host() + QStringLiteral("]:") + QString::number(port());
    case Family::Unix: return host();
    case Family::Unspecified: break;
    }
    return QStringLiteral("(none)");
}

bool SocketAddress::isUnnamed() const
{
    return family() == Family::Unix && m_length <= socklen_t(offsetof(sockaddr_un, sun_path));
}

bool SocketAddress::isAnyAddress() const
{
    if (family() == Family::IPv4)
        return reinterpret_cast<const sockaddr_in *>(&m_storage)->sin_addr.s_addr == htonl(INADDR_ANY);
    if (family() == Family::IPv6)
        return IN6_IS_ADDR_UNSPECIFIED(&reinterpret_cast<const sockaddr_in6 *>(&m_storage)->sin6_addr);
    return false;
}

SocketAddress SocketAddress::withoutV4Mapping() const
{
    if (family() != Family::IPv6)
        return *this;
    const auto *v6 = reinterpret_cast<const sockaddr_in6 *>(&m_storage);
    if (!IN6_IS_ADDR_V4MAPPED(&v6->sin6_addr))
        return *this;
    sockaddr_in v4{};
    v4.sin_family = AF_INET;
    v4.sin_port = v6->sin6_port;
    std::memcpy(&v4.sin_addr, &v6->sin6_addr.s6_addr[12], sizeof(v4.sin_addr));
    return fromSockaddr(reinterpret_cast<const sockaddr *>(&v4), sizeof(v4));
}

bool SocketAddress::isLoopback() const
{
    if (family() == Family::IPv4)
        return (ntohl(reinterpret_cast<const sockaddr_in *>(&m_storage)->sin_addr.s_addr) >> 24) == 127;
    if (family() == Family::IPv6)
        return IN6_IS_ADDR_LOOPBACK(&reinterpret_cast<const sockaddr_in6 *>(&m_storage)->sin6_addr);
    return false;
}

bool operator==(const SocketAddress &a, const SocketAddress &b)
{
    return a.m_length == b.m_length && std::memcmp(&a.m_storage, &b.m_storage, a.m_length) == 0;
}

} // namespace core
