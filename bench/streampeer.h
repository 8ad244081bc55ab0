// The plain-socket side of the TCP benchmarks: the byte pattern every stream carries and is checked
// against, and blocking loopback sockets for the peers. Header-only; benchmark code only.
#pragma once

#include <QtGlobal>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace bench {

inline constexpr qint64 kPiece = 64 * 1024; // one send() of the session, one write of a peer
inline constexpr qint64 kPatternPeriod = 251; // prime: chunk boundaries never line up with it

// Byte i of every stream is i % kPatternPeriod; any phase of it starts at reference() + phase.
inline const char *reference()
{
    static const std::vector<char> bytes = [] {
        std::vector<char> filled(size_t(kPiece + kPatternPeriod));
        for (size_t i = 0; i < filled.size(); ++i)
            filled[i] = char(i % size_t(kPatternPeriod));
        return filled;
    }();
    return bytes.data();
}

inline const char *patternAt(quint64 offset)
{
    return reference() + offset % quint64(kPatternPeriod);
}

// Checks one stream against the pattern as it arrives.
struct PatternCheck
{
    quint64 offset = 0;
    bool ok = true;

    void feed(const char *data, qint64 size)
    {
        while (size > 0) {
            const qint64 piece = std::min(size, kPiece);
            ok = ok && std::memcmp(data, patternAt(offset), size_t(piece)) == 0;
            data += piece;
            size -= piece;
            offset += quint64(piece);
        }
    }
};

inline sockaddr_in loopback(quint16 port)
{
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return address;
}

// A blocking listening socket on 127.0.0.1 with a free port.
inline int listenLoopback(quint16 *port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address = loopback(0);
    socklen_t length = sizeof(address);
    if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr *>(&address), length) != 0 || ::listen(fd, 16) != 0
        || ::getsockname(fd, reinterpret_cast<sockaddr *>(&address), &length) != 0) {
        std::perror("bench: cannot listen on 127.0.0.1");
        std::exit(2);
    }
    *port = ntohs(address.sin_port);
    return fd;
}

// Accepts one connection, with blocking I/O that gives up after 10 s so a stalled session cannot hang us.
inline int acceptPeer(int listener)
{
    pollfd entry{listener, POLLIN, 0};
    if (::poll(&entry, 1, 10000) != 1)
        return -1;
    const int fd = ::accept4(listener, nullptr, nullptr, SOCK_CLOEXEC);
    const timeval limit{10, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &limit, sizeof(limit));
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof(limit));
    return fd;
}

} // namespace bench
