// TrafficCounters: exact byte and message counts for a connection or a whole session. Plain value.
// Bytes in = bytes delivered by recv; bytes out = bytes the kernel accepted. Messages are reads / sends on a
// stream and datagrams on UDP.
#pragma once

#include <QtGlobal>

namespace core {

struct TrafficCounters
{
    quint64 bytesIn = 0;
    quint64 bytesOut = 0;
    quint64 messagesIn = 0;
    quint64 messagesOut = 0;

    friend bool operator==(const TrafficCounters &, const TrafficCounters &) = default;
};

} // namespace core
