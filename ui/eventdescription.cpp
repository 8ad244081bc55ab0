#include "ui/eventdescription.h"

#include <QCoreApplication>
#include <QLocale>
#include <QStringList>

namespace ui {

namespace {

using Kind = core::SessionEvent::Kind;
using Severity = EventDescription::Severity;

QString tr(const char *text, const char *disambiguation = nullptr, int n = -1)
{
    return QCoreApplication::translate("ui::EventDescription", text, disambiguation, n);
}

QString connectionTag(core::ConnectionId id)
{
    return QStringLiteral("#%1").arg(id);
}

QString addressList(const QList<core::SocketAddress> &addresses)
{
    QStringList hosts;
    hosts.reserve(addresses.size());
    for (const core::SocketAddress &address : addresses)
        hosts << address.host();
    return hosts.join(QStringLiteral(", "));
}

EventDescription describeClosed(const core::SessionEvent &event)
{
    const QString id = connectionTag(event.connection);
    switch (event.reason) {
    case core::CloseReason::Graceful: return {Severity::Info, tr("Closed %1").arg(id)};
    case core::CloseReason::PeerFinished: return {Severity::Info, tr("Closed %1 (the peer finished first)").arg(id)};
    case core::CloseReason::Aborted: return {Severity::Info, tr("Closed %1 (aborted: RST sent)").arg(id)};
    case core::CloseReason::Reset: return {Severity::Warning, tr("Closed %1 (reset by peer)").arg(id)};
    case core::CloseReason::Error: return {Severity::Warning, tr("Closed %1 after an error").arg(id)};
    case core::CloseReason::Cancelled: return {Severity::Info, tr("Closed %1 (connect cancelled)").arg(id)};
    case core::CloseReason::Stopped: return {Severity::Info, tr("Closed %1 (server stopped)").arg(id)};
    }
    return {Severity::Info, tr("Closed %1").arg(id)};
}

EventDescription describeError(const core::SessionEvent &event)
{
    QString text = event.error.message.isEmpty() ? tr("Unknown error.") : event.error.message;
    if (event.connection != 0 && event.error.kind != core::SocketError::Kind::Input)
        text = tr("%1: %2").arg(connectionTag(event.connection), text);
    // flag: the connector moves on to the resolver's next address, so this failure is not the last word.
    if (event.flag)
        return {Severity::Warning, tr("%1 Trying the next address…").arg(text)};
    return {Severity::Error, text};
}

EventDescription describeRejected(const core::SessionEvent &event)
{
    const Severity severity = event.error.isError() ? Severity::Error : Severity::Warning;
    if (!event.detail.isEmpty())
        return {severity, event.detail};
    if (event.peer.isValid())
        return {severity, tr("Rejected a connection from %1").arg(event.peer.toString())};
    return {severity, tr("Rejected a connection")};
}

EventDescription describeBackPressure(const core::SessionEvent &event)
{
    const QString size = describeByteCount(event.count);
    if (event.flag)
        return {Severity::Warning, tr("Send queue above %1 — the peer reads slowly").arg(size)};
    return {Severity::Info, tr("Send queue back down to %1").arg(size)};
}

EventDescription describeResolved(const core::SessionEvent &event)
{
    const QString addresses = addressList(event.addresses);
    if (event.detail.isEmpty())
        return {Severity::Info, tr("Resolved to %1").arg(addresses)};
    return {Severity::Info, tr("Resolved “%1” to %2").arg(event.detail, addresses)};
}

} // namespace

EventDescription describeEvent(const core::SessionEvent &event)
{
    const QString id = connectionTag(event.connection);
    switch (event.kind) {
    case Kind::Resolving: return {Severity::Info, tr("Resolving “%1”…").arg(event.detail)};
    case Kind::Resolved: return describeResolved(event);
    case Kind::Connecting: return {Severity::Info, tr("Connecting to %1…").arg(event.peer.toString())};
    case Kind::Connected:
        return {Severity::Success,
                tr("Connected to %1 from %2").arg(event.peer.toString(), event.local.toString())};
    case Kind::Listening: return {Severity::Success, tr("Listening on %1").arg(event.local.toString())};
    case Kind::Bound: return {Severity::Success, tr("Bound to %1").arg(event.local.toString())};
    case Kind::Accepted:
        return {Severity::Success, tr("Accepted %1 from %2").arg(id, event.peer.toString())};
    case Kind::Rejected: return describeRejected(event);
    case Kind::Received:
    case Kind::Written: return {Severity::Info, QString()};
    case Kind::PeerClosed: return {Severity::Info, tr("Closed by peer (FIN) — %1").arg(id)};
    case Kind::Reset: return {Severity::Warning, tr("Connection %1 reset by peer").arg(id)};
    case Kind::Closed: return describeClosed(event);
    case Kind::BackPressure: return describeBackPressure(event);
    case Kind::Error: return describeError(event);
    case Kind::Stopped: return {Severity::Info, tr("Stopped listening")};
    }
    return {Severity::Info, QString()};
}

QString describeByteCount(qint64 bytes)
{
    static constexpr const char *kUnits[] = {QT_TRANSLATE_NOOP("ui::EventDescription", "KiB"),
                                             QT_TRANSLATE_NOOP("ui::EventDescription", "MiB"),
                                             QT_TRANSLATE_NOOP("ui::EventDescription", "GiB"),
                                             QT_TRANSLATE_NOOP("ui::EventDescription", "TiB")};
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

} // namespace ui
