// How a connection and its bytes are named across threads: a ConnectionId (a process-wide number; 0 means
// "the session itself": a listening or a UDP socket), the direction bytes went, and the µs clock every
// event and captured chunk is stamped with. Any thread.
#pragma once

#include <QtGlobal>

namespace core {

using ConnectionId = quint64;

enum class Direction : quint8 { Received, Sent };

// Microseconds since the Unix epoch.
qint64 nowMicroseconds();

// A fresh id, unique in this process.
ConnectionId nextConnectionId();

} // namespace core
