#include "core/io/iothread.h"

#include <pthread.h>

#include <future>

namespace core {

IoThread::IoThread()
    : m_loop(std::make_shared<EventLoop>())
{
    m_thread = std::thread([loop = m_loop] {
        ::pthread_setname_np(::pthread_self(), "sockscope-io");
        loop->run();
    });
    // Wait until the loop knows its thread, so isInLoopThread() is right from the first call.
    std::promise<void> started;
    auto ready = started.get_future();
    m_loop->queueInLoop([&started] { started.set_value(); });
    ready.wait();
}

IoThread::~IoThread()
{
    m_loop->quit();
    if (m_thread.joinable())
        m_thread.join();
}

} // namespace core
