#include "core/codec/eventdescription.h"

#include "core/i18n/translations.h"

#include <QCoreApplication>
#include <QLocale>
#include <QStringList>

namespace core {

namespace {

using Kind = SessionEvent::Kind;
using Severity = EventDescription::Severity;

QString tr(const char *text, const char *disambiguation = nullptr, int n = -1)
{
    return QCoreApplication::translate("core::EventDescription", text, disambiguation, n);
}

QString connectionTag(core::ConnectionId id)
{
    return QStringLiteral("#%1").arg(id);
}

QString addressList(const QList<SocketAddress> &addresses)
{
    QStringList hosts;
    hosts.reserve(addresses.size());
    for (const SocketAddress &address : addresses)
        hosts << address.host();
    return hosts.join(QStringLiteral(", "));
}

// Sentences about one connection come in two forms: naming it ("You closed #7") for a server's clients, and
// without a number ("You closed the connection") where there is only one.
struct Phrase
{
    const char *named;   // %1 = "#7"
    const char *unnamed; // no argument
};

QString say(const Phrase &phrase, const SessionEvent &event, const EventContext &context)
{
    return context.namesConnections ? tr(phrase.named).arg(connectionTag(event.connection)) : tr(phrase.unnamed);
}

EventDescription describeClosed(const SessionEvent &event, const EventContext &context)
{
    switch (event.reason) {
    case core::CloseReason::Graceful:
        return {Severity::Info, say({QT_TRANSLATE_NOOP("core::EventDescription", "You closed %1"),
                                     QT_TRANSLATE_NOOP("core::EventDescription", "You closed the connection")},
                                    event, context)};
    case core::CloseReason::PeerFinished:
        return {Severity::Info, say({QT_TRANSLATE_NOOP("core::EventDescription", "%1 closed by the peer (FIN)"),
                                     QT_TRANSLATE_NOOP("core::EventDescription", "Closed by the peer (FIN)")},
                                    event, context)};
    case core::CloseReason::Aborted:
        return {Severity::Info, say({QT_TRANSLATE_NOOP("core::EventDescription", "You aborted %1 (RST sent)"),
                                     QT_TRANSLATE_NOOP("core::EventDescription", "You aborted the connection (RST sent)")},
                                    event, context)};
    case core::CloseReason::Reset:
        return {Severity::Warning, say({QT_TRANSLATE_NOOP("core::EventDescription", "%1 reset by the peer"),
                                        QT_TRANSLATE_NOOP("core::EventDescription", "Connection reset by the peer")},
                                       event, context)};
    case core::CloseReason::Error: return {Severity::Info, QString()}; // the Error line before it said why
    case core::CloseReason::Cancelled:
        return {Severity::Info, say({QT_TRANSLATE_NOOP("core::EventDescription", "You cancelled %1"),
                                     QT_TRANSLATE_NOOP("core::EventDescription", "You cancelled the connection attempt")},
                                    event, context)};
    case core::CloseReason::Stopped:
        return {Severity::Info, say({QT_TRANSLATE_NOOP("core::EventDescription", "%1 closed: server stopped"),
                                     QT_TRANSLATE_NOOP("core::EventDescription", "Closed: server stopped")},
                                    event, context)};
    }
    return {Severity::Info, QString()};
}

EventDescription describePeerClosed(const SessionEvent &event, const EventContext &context)
{
    if (event.closesToo)
        return {Severity::Info, QString()}; // our side closes too: the Closed line says it once
    return {Severity::Info,
            say({QT_TRANSLATE_NOOP("core::EventDescription", "%1 finished sending (FIN); it stays open for replies"),
                 QT_TRANSLATE_NOOP("core::EventDescription",
                                   "The peer finished sending (FIN); the connection stays open for replies")},
                event, context)};
}

EventDescription describeStopped(const EventContext &context)
{
    switch (context.started) {
    case EventContext::Started::Listening:
        return {Severity::Info, tr("Stopped listening on %1").arg(context.startedAt.toString())};
    case EventContext::Started::Bound:
        return {Severity::Info, tr("Unbound from %1").arg(context.startedAt.toString())};
    case EventContext::Started::Nothing: break; // a failed listen or bind: its error line said it
    }
    return {Severity::Info, QString()};
}

EventDescription describeError(const SessionEvent &event, const EventContext &context)
{
    QString text = event.error.message.isEmpty() ? tr("Unknown error.") : event.error.message;
    if (context.namesConnections && event.connection != 0 && event.error.kind != core::SocketError::Kind::Input)
        text = tr("%1: %2").arg(connectionTag(event.connection), text);
    // The connector moves on to the resolver's next address, so this failure is not the last word.
    if (event.moreToTry)
        return {Severity::Warning, tr("%1 Trying the next address…").arg(text)};
    return {Severity::Error, text};
}

EventDescription describeRejected(const SessionEvent &event)
{
    const Severity severity = event.error.isError() ? Severity::Error : Severity::Warning;
    if (!event.detail.isEmpty())
        return {severity, event.detail};
    if (event.peer.isValid())
        return {severity, tr("Rejected a connection from %1").arg(event.peer.toString())};
    return {severity, tr("Rejected a connection")};
}

EventDescription describeBackPressure(const SessionEvent &event, const EventContext &context)
{
    const QString size = describeByteCount(event.count);
    if (context.namesConnections) {
        const QString id = connectionTag(event.connection);
        if (event.queueHigh)
            return {Severity::Warning, tr("Send queue to %1 above %2 — the peer reads slowly").arg(id, size)};
        return {Severity::Info, tr("Send queue to %1 back down to %2").arg(id, size)};
    }
    if (event.queueHigh)
        return {Severity::Warning, tr("Send queue above %1 — the peer reads slowly").arg(size)};
    return {Severity::Info, tr("Send queue back down to %1").arg(size)};
}

EventDescription describeResolved(const SessionEvent &event)
{
    const QString addresses = addressList(event.addresses);
    if (event.detail.isEmpty())
        return {Severity::Info, tr("Resolved to %1").arg(addresses)};
    return {Severity::Info, tr("Resolved “%1” to %2").arg(event.detail, addresses)};
}

EventDescription describeAutoReplied(const SessionEvent &event, const EventContext &context)
{
    // "Rule “ping” answered #3 (127.0.0.1:40312) with 6 bytes after 500 ms"
    const QString who = context.namesConnections && event.connection != 0
                            ? tr("%1 (%2)", "a connection and its peer").arg(connectionTag(event.connection),
                                                                           event.peer.toString())
                            : event.peer.toString();
    const QString bytes = QCoreApplication::translate("core", "%Ln byte(s)", nullptr, pluralCount(event.count));
    const QString text = event.messages > 0
                             ? tr("Rule “%1” answered %2 with %3 after %L4 ms").arg(event.detail, who, bytes).arg(event.messages)
                             : tr("Rule “%1” answered %2 with %3").arg(event.detail, who, bytes);
    return {Severity::Success, text};
}

} // namespace

EventDescription describeEvent(const SessionEvent &event, const EventContext &context)
{
    const QString id = connectionTag(event.connection);
    switch (event.kind) {
    case Kind::Resolving: return {Severity::Info, tr("Resolving “%1”…").arg(event.detail)};
    case Kind::Resolved: return describeResolved(event);
    case Kind::Connecting: return {Severity::Info, tr("Connecting to %1…").arg(event.peer.toString())};
    case Kind::Connected:
        if (event.credentials)
            return {Severity::Success, tr("Connected to %1 from %2 (%3)")
                                           .arg(event.peer.toString(), event.local.toString(),
                                                event.credentials->toString())};
        return {Severity::Success,
                tr("Connected to %1 from %2").arg(event.peer.toString(), event.local.toString())};
    case Kind::Listening: return {Severity::Success, tr("Listening on %1").arg(event.local.toString())};
    case Kind::Bound: return {Severity::Success, tr("Bound to %1").arg(event.local.toString())};
    case Kind::Accepted:
        if (event.credentials)
            return {Severity::Success, tr("Accepted %1 from %2 (%3)")
                                           .arg(id, event.peer.toString(), event.credentials->toString())};
        return {Severity::Success, tr("Accepted %1 from %2").arg(id, event.peer.toString())};
    case Kind::Rejected: return describeRejected(event);
    case Kind::Received:
    case Kind::Written: return {Severity::Info, QString()};
    case Kind::PeerClosed: return describePeerClosed(event, context);
    case Kind::Reset: return {Severity::Warning, QString()}; // its Closed (reason Reset) follows and says it
    case Kind::Closed: return describeClosed(event, context);
    case Kind::BackPressure: return describeBackPressure(event, context);
    case Kind::Error: return describeError(event, context);
    case Kind::Stopped: return describeStopped(context);
    case Kind::AutoReplied: return describeAutoReplied(event, context);
    }
    return {Severity::Info, QString()};
}

EventDescription describeFramingError(const MessageFramingError &error, const EventContext &context)
{
    QString who = error.peer.toString();
    if (context.namesConnections && error.connection != 0)
        who = tr("%1 (%2)", "a peer and its connection number").arg(who, connectionTag(error.connection));
    const QString text = error.direction == Direction::Received
                             ? tr("Framing of what %1 sent: %2").arg(who, error.error.message)
                             : tr("Framing of what you sent to %1: %2").arg(who, error.error.message);
    return {Severity::Warning, text};
}

QString describeByteCount(qint64 bytes)
{
    static constexpr const char *kUnits[] = {QT_TRANSLATE_NOOP("core::EventDescription", "KiB"),
                                             QT_TRANSLATE_NOOP("core::EventDescription", "MiB"),
                                             QT_TRANSLATE_NOOP("core::EventDescription", "GiB"),
                                             QT_TRANSLATE_NOOP("core::EventDescription", "TiB")};
    if (bytes < 1024)
        return tr("%1 B").arg(bytes);
    double value = double(bytes) / 1024.0;
    std::size_t unit = 0;
    while (value >= 1024.0 && unit + 1 < std::size(kUnits)) {
        value /= 1024.0;
        ++unit;
    }
    // Truncate to one decimal, so a queue just over 4 MiB never reads as "4.1 MiB" before it is.
    const double shown = double(qint64(value * 10.0)) / 10.0;
    return tr("%1 %2").arg(QLocale().toString(shown, 'f', 1), tr(kUnits[unit]));
}

} // namespace core
