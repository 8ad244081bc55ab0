// AutoReplyResponder: a StreamConsumer that answers on the loop thread — each received message (a frame of
// the tab's framing without its header or delimiter, a whole HTTP message, or each read without framing)
// is checked against the rules in order; the first enabled rule that matches sends its reply, framed for
// sending the same way (a line gets its delimiter), at once or after the rule's delay, and reports it to
// the session's owner as an AutoReplied event (the log says which rule answered whom). A message no rule
// matches is echoed back whole, or ignored, as the tab says. Rules that do not compile are left out (the
// window refuses them before they get here). autoReplyFactory() makes one per connection.
// DatagramAutoReplyResponder does the same for each datagram of a UDP socket, answering its sender.
// Loop thread only.
#pragma once

#include "core/codec/framer.h"
#include "core/codec/framingspec.h"
#include "core/codec/replyrule.h"
#include "core/session/datagramconsumer.h"
#include "core/session/streamconsumer.h"

#include <memory>
#include <vector>

namespace core {

class AutoReplyResponder : public StreamConsumer
{
public:
    AutoReplyResponder(const FramingSpec &framing, const std::vector<ReplyRule> &rules, Unmatched unmatched);

    void received(StreamConnection &connection, const QByteArray &bytes) override;

private:
    FramingSpec m_framing;
    std::unique_ptr<Framer> m_framer;
    CompiledRules m_rules;
    Unmatched m_unmatched;
    FramerOutput m_out;
};

StreamConsumerFactory autoReplyFactory(const FramingSpec &framing, std::vector<ReplyRule> rules,
                                       Unmatched unmatched = Unmatched::Ignore);

class DatagramAutoReplyResponder : public DatagramConsumer
{
public:
    DatagramAutoReplyResponder(const std::vector<ReplyRule> &rules, Unmatched unmatched);

    void received(UdpEngine &socket, const SocketAddress &from, const QByteArray &datagram) override;

private:
    CompiledRules m_rules;
    Unmatched m_unmatched;
};

} // namespace core
