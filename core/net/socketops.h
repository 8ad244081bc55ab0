// Free wrappers over the BSD socket calls core/ uses (socket options go through socketoptions.h). Each returns 0 / a count / a descriptor on success
// and -errno on failure, so callers switch on the error without touching the global errno. EINTR is
// retried here; EAGAIN is returned as -EAGAIN for the caller to treat as "not now".
// Called on I/O threads only (they may block for no time: every socket here is non-blocking).
#pragma once

#include "core/net/socketaddress.h"
#include "core/io/uniquefd.h"

#include <QByteArray>

#include <sys/types.h>

namespace core::sockets {

using Type = SocketType; // core::SocketType, which an Endpoint carries

int nativeFamily(Family family);
int nativeType(Type type);

// A new non-blocking, close-on-exec socket; on failure the UniqueFd is invalid and *error holds errno.
UniqueFd create(Family family, Type type, int *error);

int bind(int fd, const SocketAddress &address);
int listen(int fd, int backlog);
int connect(int fd, const SocketAddress &address); // -EINPROGRESS is the normal start of a connect
// accept4 with SOCK_NONBLOCK | SOCK_CLOEXEC; *peer receives the client's address.
int accept(int fd, SocketAddress *peer);

ssize_t receive(int fd, char *buffer, size_t size);
// The size of the next message of a message socket (seqpacket, datagram) without taking it: recv with
// MSG_PEEK | MSG_TRUNC; 0 for an empty message or the end, -EAGAIN when none is waiting.
ssize_t pendingMessageSize(int fd);
ssize_t send(int fd, const char *data, size_t size); // MSG_NOSIGNAL: a vanished peer is -EPIPE, not SIGPIPE
// recvmsg into buffer; *truncated is set when the datagram was larger than the buffer.
ssize_t receiveFrom(int fd, char *buffer, size_t size, SocketAddress *from, bool *truncated);
ssize_t sendTo(int fd, const char *data, size_t size, const SocketAddress &to);

int shutdownWrite(int fd);
int pendingError(int fd);            // SO_ERROR: how a non-blocking connect ended (0 = connected)
SocketAddress localAddress(int fd);
SocketAddress peerAddress(int fd);

// One entry of a datagram socket's error queue: an ICMP error that came back about a datagram we sent, or
// a local error the send call itself already returned.
struct QueuedError
{
    enum class Origin : quint8 { Local, Icmp, Icmp6, Other };
    Origin origin = Origin::Other;
    int error = 0;        // the errno the kernel mapped it to (ECONNREFUSED: ICMP port unreachable)
    quint8 icmpType = 0;
    quint8 icmpCode = 0;
    quint32 info = 0;     // e.g. the path MTU of a "packet too big"
    SocketAddress target; // where the datagram that came back was going
};

// Queues ICMP errors about this datagram socket's sends for takeQueuedError() instead of dropping them
// (IP_RECVERR; an IPv6 socket gets IPV6_RECVERR as well, and IP_RECVERR for IPv4-mapped peers).
int enableErrorQueue(int fd, Family family);
// recvmsg(MSG_ERRQUEUE): 0 with *entry filled, -EAGAIN when the queue is empty, or -errno.
int takeQueuedError(int fd, QueuedError *entry);

} // namespace core::sockets
