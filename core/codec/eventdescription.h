// describeEvent: the connection log's sentence for one session event ("Accepted #7 from 127.0.0.1:40312")
// and how it should look (info, success, warning, error). Each thing that happened is said once, with who
// did it ("You closed #7", "#7 closed by the peer (FIN)"): events that another event's sentence already
// covers get an empty text — a PeerClosed whose Closed follows, a Reset (its Closed says it), a Closed after
// an Error, a Stopped that ends nothing that started — and so do Received and Written (the traffic list
// shows them); the log skips empty lines. Pure: any thread.
#pragma once

#include "core/codec/messageindex.h"
#include "core/session/sessionevent.h"

#include <QString>

namespace core {

struct EventDescription
{
    enum class Severity : quint8 { Info, Success, Warning, Error };

    Severity severity = Severity::Info;
    QString text;
};

// What describeEvent needs to know besides the event itself.
struct EventContext
{
    enum class Started : quint8 { Nothing, Listening, Bound };

    // Whether connection numbers mean something to the reader: a server's clients are "#7"; a client's
    // or a UDP socket's one connection is just "the connection".
    bool namesConnections = true;
    // What the session's socket last started, and where: says what a Stopped event ended.
    Started started = Started::Nothing;
    SocketAddress startedAt;
};

EventDescription describeEvent(const SessionEvent &event, const EventContext &context = {});

// The log's sentence for a framing error: whose bytes (which peer, which way) and what the framer said and
// did, with its stream offset ("Framing of what 127.0.0.1:40312 (#7) sent: No delimiter…").
EventDescription describeFramingError(const MessageFramingError &error, const EventContext &context = {});

// "512 B", "4.0 KiB", "4.0 MiB": one decimal from KiB up, powers of 1024.
QString describeByteCount(qint64 bytes);

} // namespace core
