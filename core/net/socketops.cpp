#include "core/net/socketops.h"

#include <linux/errqueue.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstring>

namespace core::sockets {

namespace {

// Runs a syscall, retrying on EINTR, and maps failure to -errno.
template<typename Call>
auto retry(Call call) -> decltype(call())
{
    for (;;) {
        const auto result = call();
        if (result >= 0)
            return result;
        if (errno != EINTR)
            return -errno;
    }
}

} // namespace

int nativeFamily(Family family)
{
    switch (family) {
    case Family::IPv4: return AF_INET;
    case Family::IPv6: return AF_INET6;
    case Family::Unix: return AF_UNIX;
    case Family::Unspecified: break;
    }
    return AF_UNSPEC;
}

int nativeType(Type type)
{
    switch (type) {
    case Type::Stream: return SOCK_STREAM;
    case Type::Datagram: return SOCK_DGRAM;
    case Type::SeqPacket: return SOCK_SEQPACKET;
    }
    return SOCK_STREAM;
}

UniqueFd create(Family family, Type type, int *error)
{
    const int fd = ::socket(nativeFamily(family), nativeType(type) | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0 && error)
        *error = errno;
    return UniqueFd(fd);
}

int bind(int fd, const SocketAddress &address)
{
    return retry([&] { return ::bind(fd, address.data(), address.length()); });
}

int listen(int fd, int backlog)
{
    return retry([&] { return ::listen(fd, backlog); });
}

int connect(int fd, const SocketAddress &address)
{
    // A connect interrupted by a signal goes on in the background: EINTR means "in progress" here.
    const int result = ::connect(fd, address.data(), address.length());
    if (result == 0)
        return 0;
    return errno == EINTR ? -EINPROGRESS : -errno;
}

int accept(int fd, SocketAddress *peer)
{
    sockaddr_storage storage{};
    socklen_t length = sizeof(storage);
    const int result = retry([&] {
        return ::accept4(fd, reinterpret_cast<sockaddr *>(&storage), &length, SOCK_NONBLOCK | SOCK_CLOEXEC);
    });
    if (result >= 0 && peer)
        *peer = SocketAddress::fromSockaddr(reinterpret_cast<sockaddr *>(&storage), length);
    return result;
}

ssize_t receive(int fd, char *buffer, size_t size)
{
    return retry([&] { return ::recv(fd, buffer, size, 0); });
}

ssize_t pendingMessageSize(int fd)
{
    char none = 0;
    return retry([&] { return ::recv(fd, &none, 0, MSG_PEEK | MSG_TRUNC); });
}

ssize_t send(int fd, const char *data, size_t size)
{
    return retry([&] { return ::send(fd, data, size, MSG_NOSIGNAL); });
}

ssize_t receiveFrom(int fd, char *buffer, size_t size, SocketAddress *from, bool *truncated)
{
    sockaddr_storage storage{};
    iovec vector{buffer, size};
    msghdr message{};
    message.msg_name = &storage;
    message.msg_namelen = sizeof(storage);
    message.msg_iov = &vector;
    message.msg_iovlen = 1;
    const ssize_t result = retry([&] { return ::recvmsg(fd, &message, 0); });
    if (result >= 0) {
        if (from)
            *from = SocketAddress::fromSockaddr(reinterpret_cast<sockaddr *>(&storage), message.msg_namelen);
        if (truncated)
            *truncated = (message.msg_flags & MSG_TRUNC) != 0;
    }
    return result;
}

ssize_t sendTo(int fd, const char *data, size_t size, const SocketAddress &to)
{
    return retry([&] { return ::sendto(fd, data, size, MSG_NOSIGNAL, to.data(), to.length()); });
}

int shutdownWrite(int fd)
{
    return retry([&] { return ::shutdown(fd, SHUT_WR); });
}

namespace {
int setIntOption(int fd, int level, int name, int value)
{
    return retry([&] { return ::setsockopt(fd, level, name, &value, sizeof(value)); });
}
} // namespace

int pendingError(int fd)
{
    int value = 0;
    socklen_t length = sizeof(value);
    if (::getsockopt(fd, SOL_SOCKET, SO_ERROR, &value, &length) < 0)
        return errno;
    return value;
}

SocketAddress localAddress(int fd)
{
    sockaddr_storage storage{};
    socklen_t length = sizeof(storage);
    if (::getsockname(fd, reinterpret_cast<sockaddr *>(&storage), &length) < 0)
        return {};
    return SocketAddress::fromSockaddr(reinterpret_cast<sockaddr *>(&storage), length);
}

SocketAddress peerAddress(int fd)
{
    sockaddr_storage storage{};
    socklen_t length = sizeof(storage);
    if (::getpeername(fd, reinterpret_cast<sockaddr *>(&storage), &length) < 0)
        return {};
    return SocketAddress::fromSockaddr(reinterpret_cast<sockaddr *>(&storage), length);
}

int enableErrorQueue(int fd, Family family)
{
    if (family != Family::IPv6)
        return setIntOption(fd, IPPROTO_IP, IP_RECVERR, 1);
    // A dual-stack socket reaches IPv4 peers through mapped addresses; their ICMP errors follow the IPv4
    // option, which an IPv6-only socket may not take: only the IPv6 option's result counts.
    setIntOption(fd, IPPROTO_IP, IP_RECVERR, 1);
    return setIntOption(fd, IPPROTO_IPV6, IPV6_RECVERR, 1);
}

namespace {
QueuedError::Origin originOf(quint8 origin)
{
    switch (origin) {
    case SO_EE_ORIGIN_LOCAL: return QueuedError::Origin::Local;
    case SO_EE_ORIGIN_ICMP: return QueuedError::Origin::Icmp;
    case SO_EE_ORIGIN_ICMP6: return QueuedError::Origin::Icmp6;
    default: return QueuedError::Origin::Other;
    }
}
} // namespace

int takeQueuedError(int fd, QueuedError *entry)
{
    sockaddr_storage target{};
    char payload[1]; // the start of the datagram that came back: not needed, MSG_TRUNC is fine
    iovec vector{payload, sizeof(payload)};
    union {
        cmsghdr align;
        char bytes[CMSG_SPACE(sizeof(sock_extended_err) + sizeof(sockaddr_in6)) * 2];
    } control{};
    msghdr message{};
    message.msg_name = &target;
    message.msg_namelen = sizeof(target);
    message.msg_iov = &vector;
    message.msg_iovlen = 1;
    message.msg_control = control.bytes;
    message.msg_controllen = sizeof(control.bytes);
    const ssize_t result = retry([&] { return ::recvmsg(fd, &message, MSG_ERRQUEUE); });
    if (result < 0)
        return int(result);
    *entry = {};
    entry->target = SocketAddress::fromSockaddr(reinterpret_cast<sockaddr *>(&target), message.msg_namelen);
    for (cmsghdr *header = CMSG_FIRSTHDR(&message); header; header = CMSG_NXTHDR(&message, header)) {
        const bool ipv4 = header->cmsg_level == IPPROTO_IP && header->cmsg_type == IP_RECVERR;
        const bool ipv6 = header->cmsg_level == IPPROTO_IPV6 && header->cmsg_type == IPV6_RECVERR;
        if (!ipv4 && !ipv6)
            continue;
        sock_extended_err extended{};
        std::memcpy(&extended, CMSG_DATA(header), sizeof(extended));
        entry->origin = originOf(extended.ee_origin);
        entry->error = int(extended.ee_errno);
        entry->icmpType = extended.ee_type;
        entry->icmpCode = extended.ee_code;
        entry->info = extended.ee_info;
        break;
    }
    return 0;
}

} // namespace core::sockets
