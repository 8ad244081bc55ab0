// Connector: a non-blocking TCP connect that tries each address in order, each with its own timeout, and
// reports every attempt: which address it tries, why one failed, and the connected socket at the end with
// the socket options it holds (set from the table before each connect, read back; see socketoptions.h).
// Loop thread only. Owned by a shared_ptr (callbacks may outlive a call into it); cancel() stops it quietly.
#pragma once

#include "core/io/channel.h"
#include "core/io/eventloop.h"
#include "core/net/socketaddress.h"
#include "core/net/socketerror.h"
#include "core/net/socketoptions.h"
#include "core/io/uniquefd.h"

#include <QList>

#include <chrono>
#include <functional>
#include <memory>

namespace core {

class Connector : public std::enable_shared_from_this<Connector>
{
public:
    struct Handlers
    {
        std::function<void(const SocketAddress &target)> attempting;
        std::function<void(const SocketError &error, bool moreToTry)> failed;
        // effective: the options read back from the socket after setting them, before connect()
        std::function<void(UniqueFd fd, const SocketAddress &local, const SocketAddress &peer,
                           const SocketOptionSet &effective)> connected;
        // optional: an option could not be set; the attempt goes on unless the option is required
        std::function<void(const SocketError &error)> optionFailed;
    };

    // type: Stream, or SeqPacket (Unix targets).
    Connector(EventLoop *loop, QList<SocketAddress> targets, std::chrono::milliseconds timeout,
              SocketOptionSet options, Handlers handlers, SocketType type = SocketType::Stream);
    ~Connector();

    void start();
    void cancel();

private:
    void tryNext();
    void onWritable();
    void onTimeout();
    void fail(const SocketError &error);
    void dropAttempt();
    bool configure(const SocketAddress &target);

    EventLoop *m_loop;
    QList<SocketAddress> m_targets;
    std::chrono::milliseconds m_timeout;
    SocketType m_type;
    SocketOptionSet m_options;
    SocketOptionSet m_effective; // the current attempt's, read back before connect()
    Handlers m_handlers;
    qsizetype m_next = 0;
    UniqueFd m_fd;
    std::unique_ptr<Channel> m_channel;
    EventLoop::TimerId m_timer = 0;
    bool m_done = false;
};

} // namespace core
