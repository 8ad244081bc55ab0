#include "core/io/channel.h"

#include "core/io/eventloop.h"

#include <sys/epoll.h>

namespace core {

namespace {
constexpr std::uint32_t kReadEvents = EPOLLIN | EPOLLPRI | EPOLLRDHUP;
constexpr std::uint32_t kWriteEvents = EPOLLOUT;
} // namespace

Channel::Channel(EventLoop *loop, int fd) : m_loop(loop), m_fd(fd) {}

Channel::~Channel()
{
    m_loop->forgetChannel(this);
}

bool Channel::isReading() const { return (m_interest & EPOLLIN) != 0; }
bool Channel::isWriting() const { return (m_interest & EPOLLOUT) != 0; }

void Channel::enableReading() { m_interest |= kReadEvents; update(); }
void Channel::disableReading() { m_interest &= ~kReadEvents; update(); }
void Channel::enableWriting() { m_interest |= kWriteEvents; update(); }
void Channel::disableWriting() { m_interest &= ~kWriteEvents; update(); }

void Channel::detach()
{
    m_interest = 0;
    m_loop->forgetChannel(this);
}

void Channel::update()
{
    m_loop->updateChannel(this);
}

void Channel::reportFailure(int error)
{
    m_interest = 0;
    if (m_onFailure)
        m_onFailure(error);
}

void Channel::handleEvents(std::uint32_t events)
{
    // Errors and hang-ups are reported to whichever side is listening: the read path learns of them from
    // recv() (0 or an errno), a connect in progress from SO_ERROR in its write callback.
    constexpr std::uint32_t kTrouble = EPOLLERR | EPOLLHUP;
    if ((events & (kReadEvents | kTrouble)) && isReading() && m_onRead)
        m_onRead();
    // The read callback may have closed the connection: look at the interest again.
    if ((events & (kWriteEvents | kTrouble)) && isWriting() && m_onWrite)
        m_onWrite();
}

} // namespace core
