// Socket options as data: one table maps each option Sockscope supports to its level and name (per
// family where they differ), its value kind, the families and socket types it applies to, a stable
// settings key and a name for people. Setting and reading back go through the same entry, so what a
// session reports is what the kernel holds, not what was asked for.
// The table and SocketOptionSet are pure (any thread); setOption, getOption and applyOptions make
// socket calls and run on I/O threads only.
#pragma once

#include "core/net/socketerror.h"
#include "core/net/socketops.h"

#include <QList>
#include <QString>

#include <initializer_list>
#include <map>
#include <optional>
#include <span>

namespace core {

// The order here is the order applyOptions sets them in (IPV6_V6ONLY and SO_REUSE* before anything that
// could fail late; all of them before bind or connect).
enum class SocketOption : quint8 {
    IPv6Only,          // IPV6_V6ONLY
    ReuseAddress,      // SO_REUSEADDR
    ReusePort,         // SO_REUSEPORT
    NoDelay,           // TCP_NODELAY
    KeepAlive,         // SO_KEEPALIVE
    KeepAliveIdle,     // TCP_KEEPIDLE, seconds
    KeepAliveInterval, // TCP_KEEPINTVL, seconds
    KeepAliveCount,    // TCP_KEEPCNT
    ReceiveBuffer,     // SO_RCVBUF, bytes
    SendBuffer,        // SO_SNDBUF, bytes
    Linger,            // SO_LINGER: seconds, or kLingerOff
    Ttl,               // IP_TTL (IPv4)
    UnicastHops,       // IPV6_UNICAST_HOPS (IPv6)
    Broadcast,         // SO_BROADCAST (IPv4 datagrams)
    MulticastTtl,      // IP_MULTICAST_TTL / IPV6_MULTICAST_HOPS
    MulticastLoop,     // IP_MULTICAST_LOOP / IPV6_MULTICAST_LOOP
};

enum class OptionValueKind : quint8 { Flag, Integer, Seconds, Bytes, LingerSeconds };

// SO_LINGER's value when lingering is off (close() returns at once and the kernel sends what is queued).
// 0 is not off: it makes close() send RST.
inline constexpr int kLingerOff = -1;

// Where an option lives for one family; level -1: it does not apply to that family.
struct NativeOptionName
{
    int level = -1;
    int name = 0;
    constexpr bool applies() const { return level >= 0; }
};

struct SocketOptionEntry
{
    SocketOption option;
    OptionValueKind kind;
    NativeOptionName inet;   // IPv4
    NativeOptionName inet6;  // IPv6
    NativeOptionName local;  // Unix
    quint8 types;            // bit (1 << sockets::Type) for each socket type it applies to
    bool required;           // failing to set it makes the socket unusable for the session
    const char *settingsKey; // stable: saved settings and the command line use it
    const char *displayName; // untranslated; displayName() translates it
};

// Every supported option, in SocketOption order.
std::span<const SocketOptionEntry> socketOptionTable();
const SocketOptionEntry &optionEntry(SocketOption option);
std::optional<SocketOption> optionFromSettingsKey(QStringView key);
QString displayName(SocketOption option); // "TCP_NODELAY (send at once)", translated
// Where the option lives on a socket of this family and type; !applies() when it does not apply.
NativeOptionName nativeOptionName(SocketOption option, Family family, sockets::Type type);

// Options and their values, in SocketOption order. Flags are 0 / 1; see OptionValueKind for the rest.
class SocketOptionSet
{
public:
    using Values = std::map<SocketOption, int>;

    SocketOptionSet() = default;
    SocketOptionSet(std::initializer_list<Values::value_type> values) : m_values(values) {}
    // One option: what defaults are made of (GCC 12 warns, wrongly, about a defaulted member built from an
    // initializer list).
    SocketOptionSet(SocketOption option, int value) { m_values.emplace(option, value); }

    void set(SocketOption option, int value) { m_values[option] = value; }
    void remove(SocketOption option) { m_values.erase(option); }
    bool contains(SocketOption option) const { return m_values.count(option) != 0; }
    std::optional<int> value(SocketOption option) const;
    bool isEmpty() const { return m_values.empty(); }
    int size() const { return int(m_values.size()); }
    Values::const_iterator begin() const { return m_values.begin(); }
    Values::const_iterator end() const { return m_values.end(); }
    // This set with every entry of `other` added or replaced.
    SocketOptionSet mergedWith(const SocketOptionSet &other) const;

    friend bool operator==(const SocketOptionSet &, const SocketOptionSet &) = default;

private:
    Values m_values;
};

// What applyOptions did: the values read back, and a sentence for each option that failed.
struct AppliedOptions
{
    SocketOptionSet effective;       // getsockopt after setting, for every option that applies
    QList<SocketError> errors;       // options not set or not read, in table order; the socket works
    SocketError fatal;               // a required option failed: close the socket and report this
    bool usable() const { return !fatal.isError(); }
};

// Set / read one option on a socket, through its table entry (the socket's family and type come from
// SO_DOMAIN / SO_TYPE). An option that does not apply to the socket is refused with an Input error.
SocketError setOption(int fd, SocketOption option, int value);
// The same for a socket whose family and type the caller knows (no SO_DOMAIN / SO_TYPE look-up).
SocketError setOption(int fd, Family family, sockets::Type type, SocketOption option, int value);
// The value the kernel holds. SO_RCVBUF / SO_SNDBUF read back twice what was set on Linux: the kernel
// doubles the request to leave room for its own bookkeeping, and getsockopt reports the doubled size —
// reported as is, since that is the buffer the socket really has.
std::optional<int> getOption(int fd, SocketOption option, SocketError *error = nullptr);

// Sets every option of `options` that applies to (family, type) — plus IPV6_V6ONLY on every IPv6 socket,
// 0 (dual-stack, Linux's default) unless the set says otherwise, so it is never left to the system — and
// reads each back. Options that do not apply to this family or type are skipped silently: one set serves
// every socket a session may create. Call before bind / connect.
AppliedOptions applyOptions(int fd, Family family, sockets::Type type, const SocketOptionSet &options);
// The same without reading back, for sockets that copy a socket already read (an accepted client).
void setOptionsQuietly(int fd, Family family, sockets::Type type, const SocketOptionSet &options);

} // namespace core
