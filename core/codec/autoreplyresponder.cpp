#include "core/codec/autoreplyresponder.h"

#include "core/codec/outgoingframing.h"
#include "core/io/eventloop.h"
#include "core/session/streamconnection.h"
#include "core/session/udpengine.h"

#include <chrono>

namespace core {

namespace {

SessionEvent firing(const CompiledRules::Rule &rule, const SocketAddress &peer)
{
    SessionEvent event;
    event.kind = SessionEvent::Kind::AutoReplied;
    event.peer = peer;
    event.detail = rule.name;
    event.count = rule.reply.size();
    event.messages = rule.delayMs;
    return event;
}

} // namespace

AutoReplyResponder::AutoReplyResponder(const FramingSpec &framing, const std::vector<ReplyRule> &rules,
                                       Unmatched unmatched)
    : m_framing(framing)
    , m_framer(makeFramer(framing))
    , m_rules(rules,
              [&framing](const QByteArray &reply) {
                  // A reply the framing cannot carry (the wrong fixed length) goes as it is.
                  FramedPayload framed = frameForSending(framing, reply);
                  return framed.error.isEmpty() ? framed.bytes : reply;
              })
    , m_unmatched(unmatched)
{
}

void AutoReplyResponder::received(StreamConnection &connection, const QByteArray &bytes)
{
    m_framer->feed(bytes, m_out);
    for (const Frame &frame : m_out.frames) {
        if (!frame.complete)
            continue; // cut short: not a message anyone meant
        // An HTTP message is matched whole (its request line is what a rule looks for); other frames by what
        // they carry, without their header or delimiter.
        const QByteArray message = m_framing.kind == FramingKind::Http ? frame.bytes : frame.body();
        const CompiledRules::Rule *rule = m_rules.firstMatch(message);
        if (!rule) {
            if (m_unmatched == Unmatched::Echo)
                connection.send(frame.bytes);
            continue;
        }
        if (rule->delayMs == 0) {
            connection.send(rule->reply);
            connection.report(firing(*rule, connection.peer()));
            continue;
        }
        // Later, if the connection is still there then; a connection that went meanwhile is not answered.
        connection.loop()->runAfter(std::chrono::milliseconds(rule->delayMs),
                                    [weak = connection.weak_from_this(), event = firing(*rule, connection.peer()),
                                     reply = rule->reply] {
                                        const std::shared_ptr<StreamConnection> alive = weak.lock();
                                        if (!alive || !alive->canSend())
                                            return;
                                        alive->send(reply);
                                        alive->report(event);
                                    });
    }
    m_out.frames.clear();
    m_out.errors.clear();
}

StreamConsumerFactory autoReplyFactory(const FramingSpec &framing, std::vector<ReplyRule> rules, Unmatched unmatched)
{
    return [framing, rules = std::move(rules), unmatched](ConnectionId) {
        return std::make_shared<AutoReplyResponder>(framing, rules, unmatched);
    };
}

DatagramAutoReplyResponder::DatagramAutoReplyResponder(const std::vector<ReplyRule> &rules, Unmatched unmatched)
    : m_rules(rules, [](const QByteArray &reply) { return reply; }) // a datagram is its own frame
    , m_unmatched(unmatched)
{
}

void DatagramAutoReplyResponder::received(UdpEngine &socket, const SocketAddress &from, const QByteArray &datagram)
{
    const CompiledRules::Rule *rule = m_rules.firstMatch(datagram);
    if (!rule) {
        if (m_unmatched == Unmatched::Echo)
            socket.sendTo(from, datagram, {});
        return;
    }
    if (rule->delayMs == 0) {
        socket.sendTo(from, rule->reply, {});
        socket.report(firing(*rule, from));
        return;
    }
    socket.loop()->runAfter(std::chrono::milliseconds(rule->delayMs),
                            [weak = socket.weak_from_this(), from, event = firing(*rule, from), reply = rule->reply] {
                                const std::shared_ptr<UdpEngine> alive = weak.lock();
                                if (!alive || !alive->isOpen()) // unbound meanwhile: not answered
                                    return;
                                alive->sendTo(from, reply, {});
                                alive->report(event);
                            });
}

} // namespace core
