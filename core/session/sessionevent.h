// SessionEvent: one thing that happened on a session (a connect, bytes, a close, an error), as a value
// handed from an I/O thread to the session's owner thread. ConnectionId names a connection across
// threads; 0 means "the session itself" (listening socket, UDP socket).
#pragma once

#include "core/net/connectionid.h"
#include "core/net/peercredentials.h"
#include "core/net/socketaddress.h"
#include "core/net/socketerror.h"
#include "core/net/socketoptions.h"

#include <QByteArray>
#include <QList>
#include <QMetaType>

#include <optional>

namespace core {

// Why a connection ended, carried by a Closed event.
enum class CloseReason : quint8 {
    Graceful,     // we ended it (disconnect, or our half-close met the peer's FIN), both FINs exchanged
    PeerFinished, // the peer's FIN ended it: our side closed in answer (close-on-FIN), unasked
    Aborted,   // we sent RST (abort)
    Reset,     // the peer reset the connection
    Error,     // a socket error ended it (see the Error event before it)
    Cancelled, // a connect attempt was cancelled
    Stopped,   // the server stopped and closed its clients
};

// The reason's name for the core trace (sockscope.core), not for users: their sentences are in codec/.
constexpr const char *closeReasonName(CloseReason reason)
{
    switch (reason) {
    case CloseReason::Graceful: return "graceful";
    case CloseReason::PeerFinished: return "peer finished";
    case CloseReason::Aborted: return "aborted";
    case CloseReason::Reset: return "reset by peer";
    case CloseReason::Error: return "error";
    case CloseReason::Cancelled: return "cancelled";
    case CloseReason::Stopped: return "server stopped";
    }
    return "?";
}

struct SessionEvent
{
    enum class Kind : quint8 {
        Resolving,    // detail = host
        Resolved,     // addresses = every address found, detail = the host asked for
        Connecting,   // peer = the address being tried
        Connected,    // local, peer, options = the socket options in effect (read back)
        Listening,    // local = the real bound address (port 0 resolved), options (accepted clients copy them)
        Bound,        // UDP: local, options
        Accepted,     // connection, local, peer
        Rejected,     // peer, detail = why (max clients, out of descriptors)
        Received,     // connection, peer, data (coalesced stream bytes, or one datagram), count = reads merged
        Written,      // connection, count = bytes the kernel took since the last Written, messages = sends
                      // whose last byte went with them
        PeerClosed,   // connection: the peer sent FIN; every earlier byte was delivered before this.
                      // closesToo: our side closes too (a Closed follows); false = half-closed, replies go out
        Reset,        // connection: the peer reset the connection
        Closed,       // connection is gone; reason says why
        BackPressure, // connection, queueHigh = output buffer above (true) / back below (false) high-water
        Error,        // error, connection (0 = session level); moreToTry = another address will be tried
        Stopped,      // listening or bound socket closed
        AutoReplied,  // a rule answered: connection (UDP: the socket), peer = who was answered, detail = the
                      // rule's name, count = reply bytes, messages = the rule's delay in ms
    };

    Kind kind = Kind::Error;
    ConnectionId connection = 0;
    qint64 timeUs = 0; // microseconds since the Unix epoch, taken on the I/O thread
    SocketAddress local;
    SocketAddress peer;
    QByteArray data;
    qint64 count = 0;
    qint64 messages = 0;
    // One field per meaning, each read by one kind only.
    bool closesToo = false; // PeerClosed
    bool queueHigh = false; // BackPressure
    bool moreToTry = false; // Error
    CloseReason reason = CloseReason::Graceful;
    std::optional<PeerCredentials> credentials; // Accepted, Connected: a Unix peer's pid, uid, gid
    SocketError error;
    QList<SocketAddress> addresses;
    QString detail;
    SocketOptionSet options; // Connected, Listening, Bound: what getsockopt read back; empty on other events
};

} // namespace core

Q_DECLARE_METATYPE(core::SessionEvent)
