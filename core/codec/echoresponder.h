// EchoResponder: a StreamConsumer that sends each message straight back to the connection it came from,
// on the loop thread — each read as it came without a framer, or each whole frame with one (a line, a
// length-prefixed message), so a device that sends "PING\n" in three reads gets "PING\n" back once.
// Framing errors and an unfinished frame are not echoed. echoFactory() makes one per connection.
// Loop thread only (it runs where its connection runs).
#pragma once

#include "core/codec/framer.h"
#include "core/session/streamconsumer.h"

#include <memory>

namespace core {

class EchoResponder : public StreamConsumer
{
public:
    explicit EchoResponder(const FramingSpec &framing);

    void received(StreamConnection &connection, const QByteArray &bytes) override;

private:
    std::unique_ptr<Framer> m_framer;
    FramerOutput m_out;
};

StreamConsumerFactory echoFactory(const FramingSpec &framing = {});

} // namespace core
