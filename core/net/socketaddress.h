// SocketAddress: a value type for one socket endpoint (IPv4, IPv6 with scope id, or a Unix path /
// abstract name), convertible to and from the kernel's sockaddr. Pure data: any thread may use it.
#pragma once

#include <QMetaType>
#include <QString>

#include <sys/socket.h>

#include <optional>

namespace core {

enum class Family : quint8 { Unspecified, IPv4, IPv6, Unix };
// Whether a socket is a byte stream, a stream of whole messages (seqpacket) or single datagrams.
enum class SocketType : quint8 { Stream, Datagram, SeqPacket };

// Whether what one receive returns is a message of its own (seqpacket, datagram) or just the bytes that
// happened to be there (a byte stream, where two sends may arrive as one read and one as two).
enum class MessageBoundaries : quint8 { None, Kept };

constexpr MessageBoundaries boundariesOf(SocketType type)
{
    return type == SocketType::Stream ? MessageBoundaries::None : MessageBoundaries::Kept;
}

QString familyName(Family family);

class SocketAddress
{
public:
    SocketAddress() = default;

    static SocketAddress fromSockaddr(const sockaddr *address, socklen_t length);
    // A numeric IPv4 or IPv6 host ("127.0.0.1", "::1", "fe80::1%lo"); nullopt when it is not one.
    static std::optional<SocketAddress> fromNumericHost(const QString &host, quint16 port);
    // A Unix socket path, or an abstract name when it starts with '@'; nullopt when empty or too long.
    static std::optional<SocketAddress> fromUnixPath(const QString &path);
    // A Unix address with no path or name ("(unnamed)": a peer that never bound). Binding to it makes the
    // kernel pick an abstract name (Linux autobind).
    static SocketAddress unnamedUnix();
    // In bytes: of a path (the kernel needs room for its NUL), or of an abstract name after the '@'.
    static qsizetype maxUnixPathLength();

    bool isValid() const { return m_length > 0; }
    Family family() const;
    bool isIp() const { return family() == Family::IPv4 || family() == Family::IPv6; }
    quint16 port() const;
    void setPort(quint16 port);
    QString host() const;     // "127.0.0.1", "::1", "fe80::1%lo", "/run/x.sock", "@name"
    QString toString() const; // "127.0.0.1:80", "[::1]:80", "/run/x.sock", "@name"
    bool isAnyAddress() const;
    bool isUnnamed() const; // a Unix socket with no path or name (a client that never bound)
    // An IPv4-mapped IPv6 address (::ffff:127.0.0.1, what a dual-stack socket sees of an IPv4 peer) as the
    // plain IPv4 address it is, port kept; any other address unchanged.
    SocketAddress withoutV4Mapping() const;
    bool isLoopback() const;

    const sockaddr *data() const { return reinterpret_cast<const sockaddr *>(&m_storage); }
    socklen_t length() const { return m_length; }
    int nativeFamily() const { return m_storage.ss_family; }

    friend bool operator==(const SocketAddress &a, const SocketAddress &b);

private:
    sockaddr_storage m_storage{};
    socklen_t m_length = 0;
};

} // namespace core

Q_DECLARE_METATYPE(core::SocketAddress)
