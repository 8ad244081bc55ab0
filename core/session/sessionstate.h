// SessionState: the one state every session kind reports (TCP client, TCP server, UDP, and the kinds to
// come), so a tab, the status line or a future CLI reads any session the same way. A value: any thread.
//
// Idle: no socket. Resolving / Connecting: a client on its way. Listening: a server accepting. Bound: a
// datagram socket open. Connected: a stream open to its peer. Closing: on the way back to Idle.
#pragma once

#include <QMetaType>
#include <QObject>

namespace core {

// A namespace of its own for the meta-object, so other parts of core can have one too.
namespace sessionstate {
Q_NAMESPACE

enum class SessionState : quint8 { Idle, Resolving, Connecting, Listening, Bound, Connected, Closing };
Q_ENUM_NS(SessionState)

} // namespace sessionstate

using sessionstate::SessionState;

} // namespace core
