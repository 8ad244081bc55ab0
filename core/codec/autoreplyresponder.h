// AutoReplyResponder: a StreamConsumer that answers on the loop thread — each received message (a frame of
// the tab's framing without its header or delimiter, a whole HTTP message, or each read without framing)
// is checked against the rules in order; the first enabled
// rule that matches sends its reply, framed for sending the same way (a line gets its delimiter), and is
// reported through `fired` (the log says which rule answered whom). Rules that do not compile are left out
// (the window refuses them before they get here). autoReplyFactory() makes one per connection.
// Loop thread only; `fired` is called there too.
#pragma once

#include "core/codec/framer.h"
#include "core/codec/replyrule.h"
#include "core/session/streamconsumer.h"

#include <functional>
#include <memory>
#include <vector>

namespace core {

class AutoReplyResponder : public StreamConsumer
{
public:
    using FiredHandler = std::function<void(ConnectionId connection, const QString &ruleName)>;

    AutoReplyResponder(const FramingSpec &framing, const std::vector<ReplyRule> &rules, FiredHandler fired);

    void received(StreamConnection &connection, const QByteArray &bytes) override;

private:
    struct Compiled
    {
        ReplyMatcher matcher;
        QString name;
        QByteArray reply; // already framed for sending
    };

    FramingSpec m_framing;
    std::unique_ptr<Framer> m_framer;
    std::vector<Compiled> m_rules;
    FiredHandler m_fired;
    FramerOutput m_out;
};

StreamConsumerFactory autoReplyFactory(const FramingSpec &framing, std::vector<ReplyRule> rules,
                                       AutoReplyResponder::FiredHandler fired = {});

} // namespace core
