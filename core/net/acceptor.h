// Acceptor: a listening socket on an I/O loop that accepts every pending connection when readable and hands
// each new descriptor over. Out of descriptors (EMFILE) it frees a spare descriptor, accepts and closes the
// newcomer so the kernel's queue drains instead of waking the loop forever, and reports it.
// Loop thread only (debug builds check).
#pragma once

#include "core/io/channel.h"
#include "core/net/socketaddress.h"
#include "core/net/socketerror.h"
#include "core/io/uniquefd.h"

#include <cstdint>
#include <functional>

namespace core {

class EventLoop;

class Acceptor
{
public:
    struct Handlers
    {
        std::function<void(UniqueFd fd, const SocketAddress &peer)> accepted;
        std::function<void(const SocketError &error)> failed; // the newcomer was dropped, or accept failed
        // The loop cannot watch the listening socket (epoll_ctl failed): nothing will be accepted any
        // more. Called from the loop, outside the acceptor's own calls; the owner may destroy it later.
        std::function<void(const SocketError &error)> broken;
    };

    Acceptor(EventLoop *loop, UniqueFd listening, SocketAddress local, Handlers handlers);
    ~Acceptor();

    const SocketAddress &localAddress() const { return m_local; }
    void start();

private:
    void handleRead();
    bool handleFailure(int error);

    EventLoop *m_loop;
    UniqueFd m_fd;
    Channel m_channel;
    SocketAddress m_local;
    Handlers m_handlers;
    UniqueFd m_spare;
    std::uint64_t m_pauseTimer = 0;
    bool m_reportedWaiting = false; // this shortage was reported: newcomers wait in the backlog
};

} // namespace core
