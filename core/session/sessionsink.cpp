#include "core/session/sessionsink.h"

namespace core {

void SessionSink::traffic(Direction direction, ConnectionId connection, const SocketAddress &local,
                          const SocketAddress &peer, const QByteArray &bytes, MessageBoundaries boundaries) const
{
    const qint64 time = nowMicroseconds();
    CapturedChunk chunk;
    chunk.timeUs = time;
    chunk.direction = direction;
    chunk.connection = connection;
    chunk.local = local;
    chunk.peer = peer;
    chunk.bytes = bytes;
    capture->append(std::move(chunk));
    if (direction != Direction::Received)
        return;
    SessionEvent event = make(SessionEvent::Kind::Received, connection);
    event.timeUs = time;
    event.local = local;
    event.peer = peer;
    event.data = bytes;
    event.count = 1;
    post(std::move(event), boundaries == MessageBoundaries::None ? EventQueue::Merge::WithPrevious
                                                                 : EventQueue::Merge::Never);
}

} // namespace core
