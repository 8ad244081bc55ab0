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

void DelimiterFramer::reportOversize(FramerOutput &out)
{
    out.errors.push_back(
        {m_window.offset(), QCoreApplication::translate("core", "No delimiter (%1) within %L2 byte(s) of offset %L3: the "
                                                       "message was skipped up to the next delimiter.", nullptr,
                                               pluralCount(m_max))
                       .arg(toHex(m_delimiter))
                       .arg(m_max)
                       .arg(m_window.offset())});
}

void DelimiterFramer::feed(QByteArrayView bytes, FramerOutput &out)
{
    m_window.append(bytes);
    const qsizetype d = m_delimiter.size();
    for (;;) {
        const qsizetype found = m_window.indexOf(m_delimiter, m_searchFrom);
        if (found < 0) {
            // The last d-1 bytes may be the start of a delimiter; everything before them is body.
            const qsizetype certainBody = std::max<qsizetype>(m_window.size() - (d - 1), 0);
            if (!m_skipping && certainBody > m_max) {
                reportOversize(out);
                m_skipping = true;
            }
            if (m_skipping)
                m_window.drop(certainBody); // nothing of an oversize frame is kept
            m_searchFrom = std::max<qsizetype>(m_window.size() - (d - 1), 0);
            m_window.compact();
            return;
        }
        if (m_skipping) {
            m_skipping = false; // the oversize frame ends here
        } else if (found > m_max) {
            reportOversize(out);
        } else {
            Frame frame;
            frame.offset = m_window.offset();
            frame.bytes = m_window.peek(found + d);
            frame.trailerSize = d;
            out.frames.push_back(std::move(frame));
        }
        m_window.drop(found + d);
        m_searchFrom = 0;
    }
}

void DelimiterFramer::finish(FramerOutput &out)
{
    if (!m_window.isEmpty() && !m_skipping) {
        Frame frame;
        frame.offset = m_window.offset();
        frame.bytes = m_window.peek(m_window.size());
        frame.complete = false;
        out.frames.push_back(std::move(frame));
    }
    m_window.reset();
    m_searchFrom = 0;
    m_skipping = false;
}

} // namespace core
