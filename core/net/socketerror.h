// SocketError: what went wrong, as a code for programs and a sentence for people.
// The builders turn an errno from a given operation into a sentence that says what happened and what
// to try ("Connection refused by 127.0.0.1:9 — is anything listening?"). Pure: any thread.
#pragma once

#include "core/net/socketaddress.h"
#include "core/net/unixsocketfile.h"

#include <QMetaType>
#include <QString>

namespace core {

struct SocketError
{
    enum class Kind : quint8 {
        None,
        Os,        // code is an errno
        Resolver,  // code is a getaddrinfo EAI_* value
        Timeout,   // connect did not finish in time
        Input,     // the caller's input was rejected (bad address, bad state); code is 0
        StaleUnixSocket, // bind met a Unix socket file nobody listens on (code EADDRINUSE): safe to remove
    };

    Kind kind = Kind::None;
    int code = 0;
    QString message;

    bool isError() const { return kind != Kind::None; }
    static SocketError input(const QString &message) { return {Kind::Input, 0, message}; }
};

// The C library's own short text for an errno ("Connection refused").
QString errnoText(int error);

SocketError connectError(int error, const SocketAddress &target);
SocketError connectTimeoutError(const SocketAddress &target, int timeoutMs);
SocketError resolveError(int eaiCode, int savedErrno, const QString &host);
SocketError bindError(int error, const SocketAddress &address);
// A Unix path a server cannot bind because something is there: a live server, a file that is not a socket,
// or (Kind::StaleUnixSocket) a socket file left by a server that is gone.
SocketError unixPathInUseError(UnixPathState state, const SocketAddress &address);
SocketError listenError(int error, const SocketAddress &address);
SocketError sendError(int error, const SocketAddress &peer, qsizetype size);
SocketError receiveError(int error, const SocketAddress &peer);
SocketError socketCreateError(int error, Family family);
SocketError acceptError(int error, const SocketAddress &listenAddress);
// Out of descriptors with no spare to refuse newcomers with: they wait in the kernel's queue.
SocketError acceptWaitingError(int error, const SocketAddress &listenAddress);
// The event loop could not watch a socket (epoll_ctl failed); `what` names it ("the connection to …").
SocketError watchError(int error, const QString &what);

// An ICMP error about datagrams sent to `target` (port or host unreachable...), as the kernel's error
// queue reports it: `error` is the errno the kernel mapped the ICMP message to, `count` how many datagrams
// came back with it since the last report (more than one adds " (×count)").
SocketError datagramUndeliveredError(int error, const SocketAddress &target, qint64 count);
// ICMP errors about `count` more datagrams, to targets beyond the ones reported one by one.
SocketError datagramsUndeliveredElsewhereError(qint64 count);
// setsockopt(IP_RECVERR / IPV6_RECVERR) failed: the socket works, but ICMP errors will not be shown.
SocketError errorQueueUnavailableError(int error, Family family);
// A UDP socket of `local`'s family (bound, or about to bind implicitly) cannot send to `target`.
SocketError datagramFamilyError(const SocketAddress &local, const SocketAddress &target, bool implicitBind);

} // namespace core

Q_DECLARE_METATYPE(core::SocketError)
