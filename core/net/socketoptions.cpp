#include "core/net/socketoptions.h"

#include <QCoreApplication>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <array>
#include <cerrno>

namespace core {

namespace {

using Type = sockets::Type;
using Kind = OptionValueKind;

constexpr quint8 typeBit(Type type) { return quint8(1u << unsigned(type)); }
constexpr quint8 kStream = typeBit(Type::Stream);
constexpr quint8 kDatagram = typeBit(Type::Datagram);
constexpr quint8 kSeqPacket = typeBit(Type::SeqPacket);
constexpr quint8 kAnyType = kStream | kDatagram | kSeqPacket;

constexpr NativeOptionName kNone{};
constexpr NativeOptionName socketLevel(int name) { return {SOL_SOCKET, name}; }
constexpr NativeOptionName tcpLevel(int name) { return {IPPROTO_TCP, name}; }
constexpr NativeOptionName ipLevel(int name) { return {IPPROTO_IP, name}; }
constexpr NativeOptionName ipv6Level(int name) { return {IPPROTO_IPV6, name}; }

// clang-format off
constexpr std::array kTable{
    SocketOptionEntry{SocketOption::IPv6Only, Kind::Flag, kNone, ipv6Level(IPV6_V6ONLY), kNone,
                      kStream | kDatagram, true, "ipv6_v6only", QT_TRANSLATE_NOOP("core", "IPV6_V6ONLY (IPv6 only, no IPv4-mapped peers)")},
    SocketOptionEntry{SocketOption::ReuseAddress, Kind::Flag, socketLevel(SO_REUSEADDR), socketLevel(SO_REUSEADDR), kNone,
                      kStream | kDatagram, false, "so_reuseaddr", QT_TRANSLATE_NOOP("core", "SO_REUSEADDR (reuse address)")},
    SocketOptionEntry{SocketOption::ReusePort, Kind::Flag, socketLevel(SO_REUSEPORT), socketLevel(SO_REUSEPORT), kNone,
                      kStream | kDatagram, false, "so_reuseport", QT_TRANSLATE_NOOP("core", "SO_REUSEPORT (share the port)")},
    SocketOptionEntry{SocketOption::NoDelay, Kind::Flag, tcpLevel(TCP_NODELAY), tcpLevel(TCP_NODELAY), kNone,
                      kStream, false, "tcp_nodelay", QT_TRANSLATE_NOOP("core", "TCP_NODELAY (send at once, no Nagle)")},
    SocketOptionEntry{SocketOption::KeepAlive, Kind::Flag, socketLevel(SO_KEEPALIVE), socketLevel(SO_KEEPALIVE), kNone,
                      kStream, false, "so_keepalive", QT_TRANSLATE_NOOP("core", "SO_KEEPALIVE (keep-alive probes)")},
    SocketOptionEntry{SocketOption::KeepAliveIdle, Kind::Seconds, tcpLevel(TCP_KEEPIDLE), tcpLevel(TCP_KEEPIDLE), kNone,
                      kStream, false, "tcp_keepidle", QT_TRANSLATE_NOOP("core", "TCP_KEEPIDLE (idle time before the first probe)")},
    SocketOptionEntry{SocketOption::KeepAliveInterval, Kind::Seconds, tcpLevel(TCP_KEEPINTVL), tcpLevel(TCP_KEEPINTVL), kNone,
                      kStream, false, "tcp_keepintvl", QT_TRANSLATE_NOOP("core", "TCP_KEEPINTVL (time between probes)")},
    SocketOptionEntry{SocketOption::KeepAliveCount, Kind::Integer, tcpLevel(TCP_KEEPCNT), tcpLevel(TCP_KEEPCNT), kNone,
                      kStream, false, "tcp_keepcnt", QT_TRANSLATE_NOOP("core", "TCP_KEEPCNT (unanswered probes before giving up)")},
    SocketOptionEntry{SocketOption::ReceiveBuffer, Kind::Bytes, socketLevel(SO_RCVBUF), socketLevel(SO_RCVBUF), socketLevel(SO_RCVBUF),
                      kAnyType, false, "so_rcvbuf", QT_TRANSLATE_NOOP("core", "SO_RCVBUF (receive buffer)")},
    SocketOptionEntry{SocketOption::SendBuffer, Kind::Bytes, socketLevel(SO_SNDBUF), socketLevel(SO_SNDBUF), socketLevel(SO_SNDBUF),
                      kAnyType, false, "so_sndbuf", QT_TRANSLATE_NOOP("core", "SO_SNDBUF (send buffer)")},
    SocketOptionEntry{SocketOption::Linger, Kind::LingerSeconds, socketLevel(SO_LINGER), socketLevel(SO_LINGER), kNone,
                      kStream, false, "so_linger", QT_TRANSLATE_NOOP("core", "SO_LINGER (wait on close; 0 resets)")},
    SocketOptionEntry{SocketOption::Ttl, Kind::Integer, ipLevel(IP_TTL), kNone, kNone,
                      kStream | kDatagram, false, "ip_ttl", QT_TRANSLATE_NOOP("core", "IP_TTL (time to live)")},
    SocketOptionEntry{SocketOption::UnicastHops, Kind::Integer, kNone, ipv6Level(IPV6_UNICAST_HOPS), kNone,
                      kStream | kDatagram, false, "ipv6_unicast_hops", QT_TRANSLATE_NOOP("core", "IPV6_UNICAST_HOPS (hop limit)")},
    SocketOptionEntry{SocketOption::Broadcast, Kind::Flag, socketLevel(SO_BROADCAST), kNone, kNone,
                      kDatagram, false, "so_broadcast", QT_TRANSLATE_NOOP("core", "SO_BROADCAST (send to broadcast addresses)")},
    SocketOptionEntry{SocketOption::MulticastTtl, Kind::Integer, ipLevel(IP_MULTICAST_TTL), ipv6Level(IPV6_MULTICAST_HOPS), kNone,
                      kDatagram, false, "multicast_ttl", QT_TRANSLATE_NOOP("core", "Multicast TTL / hop limit")},
    SocketOptionEntry{SocketOption::MulticastLoop, Kind::Flag, ipLevel(IP_MULTICAST_LOOP), ipv6Level(IPV6_MULTICAST_LOOP), kNone,
                      kDatagram, false, "multicast_loop", QT_TRANSLATE_NOOP("core", "Multicast loop (receive our own)")},
};
// clang-format on

constexpr bool tableInEnumOrder()
{
    for (std::size_t i = 0; i < kTable.size(); ++i) {
        if (std::size_t(kTable[i].option) != i)
            return false;
    }
    return true;
}
static_assert(tableInEnumOrder(), "kTable must list every SocketOption once, in enum order");

QString tr(const char *text)
{
    return QCoreApplication::translate("core", text);
}

QString typeName(Type type)
{
    switch (type) {
    case Type::Stream: return tr("stream");
    case Type::Datagram: return tr("datagram");
    case Type::SeqPacket: return tr("seqpacket");
    }
    return {};
}

SocketError notApplicableError(SocketOption option, Family family, Type type)
{
    return SocketError::input(tr("%1 does not apply to %2 %3 sockets.")
                                  .arg(displayName(option), familyName(family), typeName(type)));
}

enum class OptionAccess : quint8 { Set, Read };

SocketError optionError(int error, SocketOption option, OptionAccess access)
{
    const QString sentence = access == OptionAccess::Read ? tr("Could not read %1: %2.") : tr("Could not set %1: %2.");
    return {SocketError::Kind::Os, error, sentence.arg(displayName(option), errnoText(error))};
}

// The kernel's own family / type of a socket, so setOption and getOption need only the descriptor.
bool describeSocket(int fd, Family *family, Type *type, int *error)
{
    int domain = 0;
    int socketType = 0;
    socklen_t length = sizeof(int);
    if (::getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &domain, &length) < 0
        || ::getsockopt(fd, SOL_SOCKET, SO_TYPE, &socketType, &length) < 0) {
        *error = errno;
        return false;
    }
    *family = domain == AF_INET ? Family::IPv4 : domain == AF_INET6 ? Family::IPv6
            : domain == AF_UNIX ? Family::Unix : Family::Unspecified;
    *type = socketType == SOCK_DGRAM ? Type::Datagram : socketType == SOCK_SEQPACKET ? Type::SeqPacket
                                                                                      : Type::Stream;
    return true;
}

// 0 or errno. EINTR cannot happen for setsockopt / getsockopt on these options, but retry like socketops.
int setNative(int fd, NativeOptionName where, OptionValueKind kind, int value)
{
    int result = 0;
    do {
        if (kind == Kind::LingerSeconds) {
            const linger lingerValue{value == kLingerOff ? 0 : 1, value == kLingerOff ? 0 : value};
            result = ::setsockopt(fd, where.level, where.name, &lingerValue, sizeof(lingerValue));
        } else {
            result = ::setsockopt(fd, where.level, where.name, &value, sizeof(value));
        }
    } while (result < 0 && errno == EINTR);
    return result < 0 ? errno : 0;
}

int getNative(int fd, NativeOptionName where, OptionValueKind kind, int *value)
{
    if (kind == Kind::LingerSeconds) {
        linger lingerValue{};
        socklen_t length = sizeof(lingerValue);
        if (::getsockopt(fd, where.level, where.name, &lingerValue, &length) < 0)
            return errno;
        *value = lingerValue.l_onoff ? lingerValue.l_linger : kLingerOff;
        return 0;
    }
    int raw = 0;
    socklen_t length = sizeof(raw);
    if (::getsockopt(fd, where.level, where.name, &raw, &length) < 0)
        return errno;
    // A flag reads back as any non-zero value (SO_KEEPALIVE gives 1, some give the bit mask): normalise.
    *value = kind == Kind::Flag ? (raw != 0 ? 1 : 0) : raw;
    return 0;
}

} // namespace

std::span<const SocketOptionEntry> socketOptionTable()
{
    return kTable;
}

const SocketOptionEntry &optionEntry(SocketOption option)
{
    return kTable[std::size_t(option)];
}

std::optional<SocketOption> optionFromSettingsKey(QStringView key)
{
    for (const SocketOptionEntry &entry : kTable) {
        if (key == QLatin1StringView(entry.settingsKey))
            return entry.option;
    }
    return std::nullopt;
}

QString displayName(SocketOption option)
{
    return tr(optionEntry(option).displayName);
}

NativeOptionName nativeOptionName(SocketOption option, Family family, Type type)
{
    const SocketOptionEntry &entry = optionEntry(option);
    if ((entry.types & typeBit(type)) == 0)
        return {};
    switch (family) {
    case Family::IPv4: return entry.inet;
    case Family::IPv6: return entry.inet6;
    case Family::Unix: return entry.local;
    case Family::Unspecified: break;
    }
    return {};
}

std::optional<int> SocketOptionSet::value(SocketOption option) const
{
    const auto found = m_values.find(option);
    if (found == m_values.end())
        return std::nullopt;
    return found->second;
}

SocketOptionSet SocketOptionSet::mergedWith(const SocketOptionSet &other) const
{
    SocketOptionSet merged = *this;
    for (const auto &[option, optionValue] : other)
        merged.set(option, optionValue);
    return merged;
}

SocketError setOption(int fd, SocketOption option, int value)
{
    Family family = Family::Unspecified;
    Type type = Type::Stream;
    int error = 0;
    if (!describeSocket(fd, &family, &type, &error))
        return optionError(error, option, OptionAccess::Set);
    return setOption(fd, family, type, option, value);
}

SocketError setOption(int fd, Family family, Type type, SocketOption option, int value)
{
    const NativeOptionName where = nativeOptionName(option, family, type);
    if (!where.applies())
        return notApplicableError(option, family, type);
    if (const int failed = setNative(fd, where, optionEntry(option).kind, value))
        return optionError(failed, option, OptionAccess::Set);
    return {};
}

std::optional<int> getOption(int fd, SocketOption option, SocketError *error)
{
    Family family = Family::Unspecified;
    Type type = Type::Stream;
    int failed = 0;
    SocketError problem;
    int value = 0;
    if (!describeSocket(fd, &family, &type, &failed)) {
        problem = optionError(failed, option, OptionAccess::Read);
    } else if (const NativeOptionName where = nativeOptionName(option, family, type); !where.applies()) {
        problem = notApplicableError(option, family, type);
    } else if ((failed = getNative(fd, where, optionEntry(option).kind, &value)) != 0) {
        problem = optionError(failed, option, OptionAccess::Read);
    }
    if (error)
        *error = problem;
    if (problem.isError())
        return std::nullopt;
    return value;
}

AppliedOptions applyOptions(int fd, Family family, Type type, const SocketOptionSet &options)
{
    SocketOptionSet wanted = options;
    if (family == Family::IPv6 && !wanted.contains(SocketOption::IPv6Only))
        wanted.set(SocketOption::IPv6Only, 0);
    AppliedOptions applied;
    for (const auto &[option, value] : wanted) {
        const NativeOptionName where = nativeOptionName(option, family, type);
        if (!where.applies())
            continue;
        const SocketOptionEntry &entry = optionEntry(option);
        int error = setNative(fd, where, entry.kind, value);
        const bool setFailed = error != 0;
        int readBack = 0;
        if (!setFailed)
            error = getNative(fd, where, entry.kind, &readBack);
        if (error != 0) {
            SocketError failure = optionError(error, option, setFailed ? OptionAccess::Set : OptionAccess::Read);
            if (entry.required && !applied.fatal.isError())
                applied.fatal = std::move(failure);
            else
                applied.errors.append(std::move(failure));
            continue;
        }
        applied.effective.set(option, readBack);
    }
    return applied;
}

void setOptionsQuietly(int fd, Family family, Type type, const SocketOptionSet &options)
{
    for (const auto &[option, value] : options) {
        const NativeOptionName where = nativeOptionName(option, family, type);
        if (where.applies())
            setNative(fd, where, optionEntry(option).kind, value);
    }
}

} // namespace core
