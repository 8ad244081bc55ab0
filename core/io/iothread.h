// IoThread: a worker thread running one EventLoop. Sessions are handed an IoThread and do all their socket
// work on its loop; one IoThread serves any number of sessions and connections.
// Construct and destroy on the owner (UI) thread. It must outlive every session that uses it: its
// destructor stops the loop (running the teardown work already handed over) and joins the thread.
#pragma once

#include "core/io/eventloop.h"

#include <memory>
#include <thread>

namespace core {

class IoThread
{
public:
    IoThread();
    ~IoThread();
    IoThread(const IoThread &) = delete;
    IoThread &operator=(const IoThread &) = delete;

    EventLoop *loop() const { return m_loop.get(); }
    // Shared so that work finishing elsewhere (a name lookup) can still post to the loop safely.
    std::shared_ptr<EventLoop> sharedLoop() const { return m_loop; }

private:
    std::shared_ptr<EventLoop> m_loop;
    std::thread m_thread;
};

} // namespace core
