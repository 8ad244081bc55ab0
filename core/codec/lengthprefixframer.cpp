#include "core/codec/lengthprefixframer.h"

#include "core/i18n/translations.h"

#include <QCoreApplication>

#include <algorithm>

namespace core {

namespace {
int validWidth(int width)
{
    return width == 1 || width == 2 || width == 4 || width == 8 ? width : 2;
}
} // namespace

LengthPrefixFramer::LengthPrefixFramer(const FramingSpec &spec)
    : m_width(validWidth(spec.lengthWidth))
    , m_preamble(std::max(spec.preambleBytes, 0))
    , m_order(spec.byteOrder)
    , m_countsHeader(spec.lengthCountsHeader)
    , m_max(std::max<qint64>(spec.maxFrameBytes, 0))
{
}

quint64 LengthPrefixFramer::readLength() const
{
    quint64 length = 0;
    for (int i = 0; i < m_width; ++i) {
        const int at = m_order == ByteOrder::BigEndian ? i : m_width - 1 - i;
        const auto byte = quint64(quint8(m_window.at(m_preamble + at)));
        length = (length << 8) | byte;
    }
    return length;
}

void LengthPrefixFramer::feed(QByteArrayView bytes, FramerOutput &out)
{
    if (m_skip > 0) { // the rest of an oversize frame: dropped without being held
        const auto dropped = qsizetype(std::min<quint64>(m_skip, quint64(bytes.size())));
        bytes = bytes.sliced(dropped);
        m_skip -= quint64(dropped);
        m_window.skipUnheld(dropped);
    }
    m_window.append(bytes);
    takeFrames(headerSize(), out);
    m_window.compact();
}

void LengthPrefixFramer::takeFrames(qsizetype header, FramerOutput &out)
{
    while (m_window.size() >= header) {
        const quint64 length = readLength();
        if (m_countsHeader && length < quint64(header)) {
            out.errors.push_back({m_window.offset(), QCoreApplication::translate(
                "core", "Length %L1 at offset %L2 is smaller than its own header (%L3 byte(s)): the header was "
                        "dropped and framing goes on after it.", nullptr, pluralCount(header))
                                               .arg(length).arg(m_window.offset()).arg(header)});
            m_window.drop(header);
            continue;
        }
        const quint64 body = m_countsHeader ? length - quint64(header) : length;
        if (body > quint64(m_max)) {
            out.errors.push_back({m_window.offset(), QCoreApplication::translate(
                "core", "Length %L1 at offset %L2 is over the maximum of %L3 byte(s): that frame was skipped.",
                nullptr, pluralCount(m_max)).arg(length).arg(m_window.offset()).arg(m_max)});
            // Drop the header and as much of the body as is here; the rest is dropped as it comes.
            // Saturated: a 64-bit length near 2^64 must not wrap around to a short frame.
            const quint64 frame = body > ~quint64(0) - quint64(header) ? ~quint64(0) : quint64(header) + body;
            const auto here = qsizetype(std::min<quint64>(frame, quint64(m_window.size())));
            m_window.drop(here);
            m_skip = frame - quint64(here);
            if (m_skip > 0)
                return;
            continue;
        }
        const qsizetype total = header + qsizetype(body);
        if (m_window.size() < total)
            return;
        Frame frame;
        frame.offset = m_window.offset();
        frame.bytes = m_window.peek(total);
        frame.headerSize = header;
        out.frames.push_back(std::move(frame));
        m_window.drop(total);
    }
}

void LengthPrefixFramer::finish(FramerOutput &out)
{
    if (!m_window.isEmpty()) {
        Frame frame;
        frame.offset = m_window.offset();
        frame.bytes = m_window.peek(m_window.size());
        frame.headerSize = std::min(headerSize(), m_window.size());
        frame.complete = false;
        out.frames.push_back(std::move(frame));
    }
    m_window.reset();
    m_skip = 0;
}

} // namespace core
