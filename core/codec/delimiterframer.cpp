#include "core/codec/delimiterframer.h"

#include "core/codec/payloadformat.h"
#include "core/i18n/translations.h"

#include <QCoreApplication>
#include <QLocale>

#include <algorithm>

namespace core {

DelimiterFramer::DelimiterFramer(QByteArray delimiter, qint64 maxFrameBytes)
    : m_delimiter(delimiter.isEmpty() ? QByteArrayLiteral("\n") : std::move(delimiter))
    , m_max(std::max<qint64>(maxFrameBytes, 0))
{
}

// Frames are taken by moving m_begin; the bytes before it go once per feed, not once per frame.
void DelimiterFramer::consume(qsizetype count)
{
    m_begin += count;
    m_offset += count;
    m_searchFrom = m_begin;
}

void DelimiterFramer::compact()
{
    m_pending.remove(0, m_begin);
    m_searchFrom -= m_begin;
    m_begin = 0;
}

void DelimiterFramer::reportOversize(FramerOutput &out)
{
    out.errors.push_back(
        {m_offset, QCoreApplication::translate("core", "No delimiter (%1) within %L2 byte(s) of offset %L3: the "
                                                       "message was skipped up to the next delimiter.", nullptr,
                                               pluralCount(m_max))
                       .arg(toHex(m_delimiter))
                       .arg(m_max)
                       .arg(m_offset)});
}

void DelimiterFramer::feed(QByteArrayView bytes, FramerOutput &out)
{
    m_pending.append(bytes);
    const qsizetype d = m_delimiter.size();
    for (;;) {
        const qsizetype found = m_pending.indexOf(m_delimiter, m_searchFrom);
        if (found < 0) {
            // The last d-1 bytes may be the start of a delimiter; everything before them is body.
            const qsizetype certainBody = std::max<qsizetype>(m_pending.size() - m_begin - (d - 1), 0);
            if (!m_skipping && certainBody > m_max) {
                reportOversize(out);
                m_skipping = true;
            }
            if (m_skipping)
                consume(certainBody); // nothing of an oversize frame is kept
            m_searchFrom = std::max<qsizetype>(m_pending.size() - (d - 1), m_begin);
            compact();
            return;
        }
        const qsizetype body = found - m_begin;
        if (m_skipping) {
            m_skipping = false; // the oversize frame ends here
        } else if (body > m_max) {
            reportOversize(out);
        } else {
            Frame frame;
            frame.offset = m_offset;
            frame.bytes = m_pending.sliced(m_begin, body + d);
            frame.trailerSize = d;
            out.frames.push_back(std::move(frame));
        }
        consume(body + d);
    }
}

void DelimiterFramer::finish(FramerOutput &out)
{
    if (!m_pending.isEmpty() && !m_skipping) {
        Frame frame;
        frame.offset = m_offset;
        frame.bytes = m_pending;
        frame.complete = false;
        out.frames.push_back(std::move(frame));
    }
    m_pending.clear();
    m_offset = 0;
    m_searchFrom = 0;
    m_skipping = false;
}

} // namespace core
