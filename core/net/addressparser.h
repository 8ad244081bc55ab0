// Address parsing: turns what the user typed into a host and a port, or into one sentence saying what is
// wrong with it. The UI calls these as the user types; core calls them again before it connects or binds.
// Pure functions (no sockets, no name or interface look-ups): any thread may call them.
//
// Rules, in one place so the UI and core agree:
// - Surrounding whitespace of the whole field is ignored; whitespace inside is an error.
// - A port is decimal digits only ("08" is 8); "+80", "-1", "0x50" and "8 0" are errors.
// - An IPv6 address followed by a port must be in brackets ("[::1]:80"). Without brackets a text with
//   several colons is read as an address alone, never as address:port.
// - A dotted all-digit text ("1.2.3.4.5", "010.0.0.1") or an all-digit text ("12345") is a failed IPv4
//   address, never a host name: resolvers would read some of them as numbers.
// - An IPv6 scope ("%eth0", "%2") is checked for shape only; whether the interface exists is known only
//   when core builds the socket address.
#pragma once

#include <QString>
#include <QStringView>

#include <optional>

namespace core {

struct PortParse
{
    std::optional<quint16> port;
    QString error; // empty on success
};

// `text` is trimmed. With allowZero false, "0" (the "any free port" of a bind) is refused.
PortParse parsePort(QStringView text, bool allowZero = true);

struct HostPort
{
    QString host; // without brackets: "::1", "fe80::1%lo", "1.2.3.4", "example.com"
    quint16 port = 0;
    bool hasPort = false;
};

struct HostPortParse
{
    std::optional<HostPort> value;
    QString error; // empty on success
};

// "host:port", "1.2.3.4:80", "[::1]:80", "[fe80::1%lo]:8080", "localhost:0"; with requirePort false
// also "example.com", "1.2.3.4", "::1" and "[::1]" (hasPort false). The host is checked with
// validateHostName.
HostPortParse parseHostPort(QStringView text, bool requirePort = true);

// Empty when `host` (trimmed) is usable as a host: a numeric IPv4 address, a numeric IPv6 address with an
// optional scope, or a DNS name (letters, digits, '-', '_' and '.', labels of 1 to 63 characters not
// starting or ending with '-', at most 253 characters, one trailing dot allowed). Otherwise a sentence.
QString validateHostName(QStringView host);

enum class HostKind : quint8 { IPv4, IPv6, Name };

// IPv4 / IPv6 only for a valid numeric address (IPv6 with a well-formed scope); everything else is Name,
// which validateHostName may still reject.
HostKind classifyHost(QStringView host);

// The form parseHostPort reads back: "1.2.3.4:80", "[::1]:80", "example.com:80". A host with a colon is
// bracketed.
QString formatHostPort(const QString &host, quint16 port);

} // namespace core
