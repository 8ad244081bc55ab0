#include "core/codec/autoreplyresponder.h"

#include "core/codec/outgoingframing.h"
#include "core/session/streamconnection.h"

namespace core {

AutoReplyResponder::AutoReplyResponder(const FramingSpec &framing, const std::vector<ReplyRule> &rules,
                                       FiredHandler fired)
    : m_framing(framing)
    , m_framer(makeFramer(framing))
    , m_fired(std::move(fired))
{
    for (const ReplyRule &rule : rules) {
        if (!rule.enabled)
            continue;
        ReplyMatcherParse compiled = compileMatcher(rule.match, rule.pattern);
        if (!compiled.matcher)
            continue;
        const FramedPayload reply = frameForSending(framing, rule.reply);
        m_rules.push_back({std::move(*compiled.matcher), rule.name, reply.error.isEmpty() ? reply.bytes : rule.reply});
    }
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
        for (const Compiled &rule : m_rules) {
            if (!rule.matcher.matches(message))
                continue;
            connection.send(rule.reply);
            if (m_fired)
                m_fired(connection.id(), rule.name);
            break;
        }
    }
    m_out.frames.clear();
    m_out.errors.clear();
}

StreamConsumerFactory autoReplyFactory(const FramingSpec &framing, std::vector<ReplyRule> rules,
                                       AutoReplyResponder::FiredHandler fired)
{
    return [framing, rules = std::move(rules), fired = std::move(fired)](ConnectionId) {
        return std::make_shared<AutoReplyResponder>(framing, rules, fired);
    };
}

} // namespace core
