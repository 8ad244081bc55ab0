// StreamConsumer: code that takes a connection's received bytes on the loop thread, as they arrive — an
// echo, an auto-reply, a relay, a load generator — without a trip through the owner (UI) thread. The
// bytes still reach the capture and the session's sink as always; the consumer sees them after that, so
// what it sends back is captured after what it answers.
// Loop thread only. One consumer per connection, made by the session's StreamConsumerFactory.
#pragma once

#include "core/net/connectionid.h"

#include <QByteArray>

#include <functional>
#include <memory>

namespace core {

class StreamConnection;

class StreamConsumer
{
public:
    virtual ~StreamConsumer() = default;
    // `connection` may be sent to (or closed) from here. With message boundaries (seqpacket) `bytes` is
    // one whole message; on a byte stream it is whatever one read returned.
    virtual void received(StreamConnection &connection, const QByteArray &bytes) = 0;
    // The connection is gone; nothing more comes. Default: nothing to do.
    virtual void closed(ConnectionId) {}
};

// Called on the loop thread for each new connection; may return nullptr (no consumer for this one).
using StreamConsumerFactory = std::function<std::shared_ptr<StreamConsumer>(ConnectionId connection)>;

} // namespace core
