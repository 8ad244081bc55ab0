#include "core/net/connectionid.h"

#include <atomic>
#include <chrono>

namespace core {

qint64 nowMicroseconds()
{
    using namespace std::chrono;
    return duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
}

ConnectionId nextConnectionId()
{
    static std::atomic<ConnectionId> next{1};
    return next.fetch_add(1, std::memory_order_relaxed);
}

} // namespace core
