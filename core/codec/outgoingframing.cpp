#include "core/codec/outgoingframing.h"

#include "core/i18n/translations.h"

#include <QCoreApplication>

namespace core {

namespace {

FramedPayload refused(const QString &error)
{
    return {{}, error};
}

FramedPayload withLengthHeader(const FramingSpec &spec, const QByteArray &payload)
{
    const int width = spec.lengthWidth == 1 || spec.lengthWidth == 4 || spec.lengthWidth == 8 ? spec.lengthWidth : 2;
    if (spec.preambleBytes > 0)
        return refused(QCoreApplication::translate("core", "This framing has a %1-byte preamble before the length, "
                                                           "which only you know: type it at the start of the "
                                                           "message and turn the length header off.")
                           .arg(spec.preambleBytes));
    const quint64 length = quint64(payload.size()) + (spec.lengthCountsHeader ? quint64(width) : 0);
    const quint64 limit = width == 8 ? ~quint64(0) : (quint64(1) << (8 * width)) - 1;
    if (length > limit)
        return refused(QCoreApplication::translate("core", "The message is %L1 byte(s): a %2-byte length header "
                                                           "holds at most %L3.", nullptr, pluralCount(payload.size()))
                           .arg(payload.size())
                           .arg(width)
                           .arg(limit));
    QByteArray header(width, '\0');
    for (int i = 0; i < width; ++i) {
        const int at = spec.byteOrder == ByteOrder::BigEndian ? width - 1 - i : i;
        header[at] = char((length >> (8 * i)) & 0xff);
    }
    return {header + payload, {}};
}

} // namespace

FramedPayload frameForSending(const FramingSpec &spec, const QByteArray &payload)
{
    switch (spec.kind) {
    case FramingKind::None:
    case FramingKind::Http:
        return {payload, {}};
    case FramingKind::Delimiter:
        return {payload + spec.effectiveDelimiter(), {}};
    case FramingKind::LengthPrefix:
        return withLengthHeader(spec, payload);
    case FramingKind::FixedLength:
        if (payload.size() != spec.effectiveFixedLength())
            return refused(QCoreApplication::translate("core", "The message is %L1 byte(s); this framing sends "
                                                               "messages of exactly %L2.", nullptr,
                                                       pluralCount(payload.size()))
                               .arg(payload.size())
                               .arg(spec.effectiveFixedLength()));
        return {payload, {}};
    }
    return {payload, {}};
}

} // namespace core
