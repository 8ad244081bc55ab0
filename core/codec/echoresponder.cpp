#include "core/codec/echoresponder.h"

#include "core/session/streamconnection.h"

namespace core {

EchoResponder::EchoResponder(const FramingSpec &framing) : m_framer(makeFramer(framing)) {}

void EchoResponder::received(StreamConnection &connection, const QByteArray &bytes)
{
    m_framer->feed(bytes, m_out);
    for (const Frame &frame : m_out.frames) {
        if (frame.complete) // a frame cut short (an HTTP body over the maximum) is not a message to answer
            connection.send(frame.bytes);
    }
    m_out.frames.clear();
    m_out.errors.clear();
}

StreamConsumerFactory echoFactory(const FramingSpec &framing)
{
    return [framing](ConnectionId) { return std::make_shared<EchoResponder>(framing); };
}

} // namespace core
