// Free wrappers over the BSD socket calls core/ uses. Each returns 0 / a count / a descriptor on success
// and -errno on failure, so callers switch on the error without touching the global errno. EINTR is
// retried here; EAGAIN is returned as -EAGAIN for the caller to treat as "not now".
// Called on I/O threads only (they may block for no time: every socket here is non-blocking).
#pragma once

#include "core/socketaddress.h"
#include "core/uniquefd.h"

#include <QByteArray>

#include <sys/types.h>

namespace core::sockets {

enum class Type { Stream, Datagram, SeqPacket };

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
ssize_t send(int fd, const char *data, size_t size); // MSG_NOSIGNAL: a vanished peer is -EPIPE, not SIGPIPE
// recvmsg into buffer; *truncated is set when the datagram was larger than the buffer.
ssize_t receiveFrom(int fd, char *buffer, size_t size, SocketAddress *from, bool *truncated);
ssize_t sendTo(int fd, const char *data, size_t size, const SocketAddress &to);

int shutdownWrite(int fd);
int setReuseAddress(int fd, bool on);
int setNoDelay(int fd, bool on);     // TCP_NODELAY
int setLingerZero(int fd);           // close() then sends RST instead of FIN
int setSendBufferSize(int fd, int bytes);
int setReceiveBufferSize(int fd, int bytes);
int pendingError(int fd);            // SO_ERROR: how a non-blocking connect ended (0 = connected)
SocketAddress localAddress(int fd);
SocketAddress peerAddress(int fd);

} // namespace core::sockets
