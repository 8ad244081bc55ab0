// SessionSink: where the loop-side objects of one session report — its event queue (to the owner thread)
// and its capture store — plus the helpers that fill in an event's common fields. Copied freely; the
// pointers are shared with the session facade. Loop thread only.
#pragma once

#include "core/capture/capturestore.h"
#include "core/session/eventqueue.h"
#include "core/session/sessionevent.h"

#include <memory>

namespace core {

struct SessionSink
{
    // Above this many undelivered received bytes, readers pause until the owner catches up.
    static constexpr qint64 kDeliveryHighWater = 8 * 1024 * 1024;

    std::shared_ptr<EventQueue> events;
    std::shared_ptr<CaptureStore> capture;

    static SessionEvent make(SessionEvent::Kind kind, ConnectionId connection)
    {
        SessionEvent event;
        event.kind = kind;
        event.connection = connection;
        event.timeUs = nowMicroseconds();
        return event;
    }

    void post(SessionEvent event, EventQueue::Merge merge = EventQueue::Merge::Never) const
    {
        events->push(std::move(event), merge);
    }

    void postError(ConnectionId connection, SocketError error, bool moreToTry = false) const
    {
        SessionEvent event = make(SessionEvent::Kind::Error, connection);
        event.error = std::move(error);
        event.moreToTry = moreToTry;
        post(std::move(event));
    }

    // Records bytes in the capture and, for received bytes, hands them to the owner. Without message
    // boundaries (a byte stream) received bytes merge with the connection's previous undelivered ones;
    // with them (seqpacket, datagram) every receive stays an event of its own, so messages never merge.
    void traffic(Direction direction, ConnectionId connection, const SocketAddress &local,
                 const SocketAddress &peer, const QByteArray &bytes, MessageBoundaries boundaries) const;

    bool ownerLagging() const { return events->pendingBytes() > kDeliveryHighWater; }
};

} // namespace core
