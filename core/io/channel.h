// Channel: ties one file descriptor to the events it wants (read / write) and the callbacks that handle
// them, for one EventLoop. It does not own the descriptor. Loop thread only.
// When the loop cannot watch the descriptor (epoll_ctl fails: out of memory or watches, or a descriptor
// epoll does not take) the channel is taken out of epoll and its failure callback gets the errno, from
// the loop, after the enable/disable call that failed has returned: the owner reports it and closes.
#pragma once

#include <cstdint>
#include <functional>

namespace core {

class EventLoop;

class Channel
{
public:
    using Callback = std::function<void()>;

    Channel(EventLoop *loop, int fd);
    ~Channel();
    Channel(const Channel &) = delete;
    Channel &operator=(const Channel &) = delete;

    int fd() const { return m_fd; }
    std::uint32_t interest() const { return m_interest; }
    bool isReading() const;
    bool isWriting() const;

    void setReadCallback(Callback callback) { m_onRead = std::move(callback); }
    void setWriteCallback(Callback callback) { m_onWrite = std::move(callback); }
    void setFailureCallback(std::function<void(int error)> callback) { m_onFailure = std::move(callback); }

    void enableReading();
    void disableReading();
    void enableWriting();
    void disableWriting();
    // Stops every event and takes the descriptor out of the poller; call before closing the fd.
    void detach();

    // Called by the loop with the events epoll reported, and with an epoll_ctl failure.
    void handleEvents(std::uint32_t events);
    void reportFailure(int error);

    // Poller bookkeeping: whether the fd is registered with epoll.
    bool isRegistered() const { return m_registered; }
    void setRegistered(bool registered) { m_registered = registered; }

private:
    void update();

    EventLoop *m_loop;
    int m_fd;
    std::uint32_t m_interest = 0;
    bool m_registered = false;
    Callback m_onRead;
    Callback m_onWrite;
    std::function<void(int error)> m_onFailure;
};

} // namespace core
