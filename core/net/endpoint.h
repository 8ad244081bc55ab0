// Endpoint: where a socket lives, as one value — its family (IPv4, IPv6, Unix), its socket type (stream,
// seqpacket, datagram) and its address (with port and IPv6 scope id, or a Unix path / abstract @name).
// parseEndpoint() turns what the user typed into one, or into the one sentence that says what is wrong:
// the only place that reads a listen or bind address, so the window and every session word errors alike.
// Pure data and a pure function (it reads the kernel's interface table for a named IPv6 scope, nothing
// else): any thread may use them.
#pragma once

#include "core/net/socketaddress.h"

#include <QMetaType>
#include <QString>
#include <QStringView>

#include <optional>

namespace core {

struct Endpoint
{
    SocketType type = SocketType::Stream;
    SocketAddress address;

    // The address says the family, so the two can never disagree.
    Family family() const { return address.family(); }
    bool isValid() const { return address.isValid(); }
    QString toString() const { return address.toString(); }

    friend bool operator==(const Endpoint &a, const Endpoint &b)
    {
        return a.type == b.type && a.address == b.address;
    }
};

// What the address is for; it picks the advice in the error sentence ("listen on …" / "bind to …").
enum class EndpointPurpose : quint8 { Listen, Bind };

struct EndpointParse
{
    std::optional<Endpoint> value;
    QString error; // empty on success
};

// text (trimmed): "127.0.0.1", "0.0.0.0", "::1", "[::1]", "::", "fe80::1%lo", "fe80::1%2" (IP, with port),
// "/run/x.sock" (a Unix path, port ignored) or "@name" (a Unix abstract name, port ignored). A port out of
// range is the port field's business: the port comes in already checked.
EndpointParse parseEndpoint(QStringView text, quint16 port, SocketType type, EndpointPurpose purpose);

// Whether text (trimmed) names a Unix socket: a path starting with '/' or an abstract name starting with '@'.
bool isUnixAddressText(QStringView text);
// A Unix socket path or @name, with the sentence for a name too long for sun_path, empty or holding a NUL.
EndpointParse parseUnixEndpoint(QStringView text, SocketType type);

} // namespace core

Q_DECLARE_METATYPE(core::Endpoint)
