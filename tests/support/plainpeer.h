// Plain TCP sockets for tests, on 127.0.0.1 only: a peer that can shut down its write half (Qt's sockets
// cannot half-close), never reads unless asked, and a plain listener. Header-only; test code only.
#pragma once

#include <QByteArray>
#include <QString>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

namespace testsupport {

// A TCP socket connecting to 127.0.0.1:port; -1 on failure. extraFlags: SOCK_NONBLOCK for a connect that
// does not wait (no Qt object per client: thousands stay cheap); receiveBuffer > 0 sets SO_RCVBUF first.
inline int connectToLoopback(quint16 port, int extraFlags = 0, int receiveBuffer = 0)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | extraFlags, 0);
    if (fd < 0)
        return -1;
    if (receiveBuffer > 0)
        ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &receiveBuffer, sizeof(receiveBuffer));
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<const sockaddr *>(&address), sizeof(address)) != 0 && errno != EINPROGRESS) {
        ::close(fd);
        return -1;
    }
    return fd;
}

// A plain TCP socket on the test's side that never blocks: it can shut down its write half, and it reads
// only when polled, so it doubles as a peer that does not read.
class PlainPeer
{
public:
    PlainPeer() = default;
    PlainPeer(const PlainPeer &) = delete;
    PlainPeer &operator=(const PlainPeer &) = delete;
    ~PlainPeer()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }

    // receiveBuffer > 0 sets SO_RCVBUF first (a small one makes a non-reading peer fill up sooner).
    bool connectTo(quint16 port, int receiveBuffer = 0)
    {
        m_fd = connectToLoopback(port, 0, receiveBuffer);
        return m_fd >= 0;
    }
    // Takes an already connected descriptor (accepted by the test).
    void adopt(int fd) { m_fd = fd; }
    int fd() const { return m_fd; }
    // Where this peer's socket is bound ("127.0.0.1:40312"), as a session sees it.
    QString localAddress() const
    {
        sockaddr_in address{};
        socklen_t length = sizeof(address);
        if (::getsockname(m_fd, reinterpret_cast<sockaddr *>(&address), &length) != 0)
            return {};
        char host[INET_ADDRSTRLEN] = {};
        ::inet_ntop(AF_INET, &address.sin_addr, host, sizeof(host));
        return QStringLiteral("%1:%2").arg(QString::fromLatin1(host)).arg(ntohs(address.sin_port));
    }

    bool sendAll(const QByteArray &bytes) const
    {
        return ::send(m_fd, bytes.constData(), size_t(bytes.size()), MSG_NOSIGNAL) == bytes.size();
    }
    bool finishSending() const { return ::shutdown(m_fd, SHUT_WR) == 0; }
    // Reads what is there without waiting; sets `ended` when the other side's FIN arrived.
    void poll()
    {
        char buffer[65536];
        for (;;) {
            const ssize_t got = ::recv(m_fd, buffer, sizeof(buffer), MSG_DONTWAIT);
            if (got > 0) {
                received.append(buffer, got);
                continue;
            }
            if (got == 0)
                ended = true;
            else if (errno != EAGAIN && errno != EWOULDBLOCK)
                failed = true;
            return;
        }
    }

    QByteArray received;
    bool ended = false;
    bool failed = false;

private:
    int m_fd = -1;
};

// A listening plain socket on 127.0.0.1, for the client session to connect to.
struct PlainListener
{
    int fd = -1;
    quint16 port = 0;

    bool listen()
    {
        fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (fd < 0 || ::bind(fd, reinterpret_cast<const sockaddr *>(&address), sizeof(address)) != 0
            || ::listen(fd, 4) != 0)
            return false;
        socklen_t length = sizeof(address);
        ::getsockname(fd, reinterpret_cast<sockaddr *>(&address), &length);
        port = ntohs(address.sin_port);
        return true;
    }
    int acceptOne() const { return ::accept4(fd, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC); }
    ~PlainListener()
    {
        if (fd >= 0)
            ::close(fd);
    }
};

} // namespace testsupport
