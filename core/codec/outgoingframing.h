// frameForSending: the send side of a FramingSpec — what the composer sends when the tab frames its stream:
// the payload with the delimiter after it, or a length header (of the chosen width and order, counting the
// header or not) before it; a fixed-length framing sends only payloads of exactly that length. None and
// HTTP send the payload as it is (an HTTP message carries its own framing). Pure: any thread.
#pragma once

#include "core/codec/framingspec.h"

#include <QByteArray>
#include <QString>

namespace core {

struct FramedPayload
{
    QByteArray bytes;
    QString error; // empty on success; then bytes are what goes on the wire
};

FramedPayload frameForSending(const FramingSpec &spec, const QByteArray &payload);

} // namespace core
