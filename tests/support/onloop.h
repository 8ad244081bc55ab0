// Runs a piece of test code on an IoThread's loop thread and waits for it: how a test drives loop-only
// objects (channels, connections) directly. Header-only; test code only.
#pragma once

#include "core/io/iothread.h"

#include <future>

namespace testsupport {

template<typename Work>
void onLoop(core::IoThread &io, Work work)
{
    std::promise<void> done;
    io.loop()->queueInLoop([&] {
        work();
        done.set_value();
    });
    done.get_future().get();
}

} // namespace testsupport
