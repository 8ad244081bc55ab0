// DelimiterFramer: a message ends with the delimiter (LF, CRLF, NUL or any byte sequence); a delimiter split
// across two reads still ends one message. A message whose body (the bytes before its delimiter) is longer
// than maxFrameBytes is skipped through its delimiter with one error at its offset, and framing goes on
// after it; it holds at most maxFrameBytes plus the delimiter meanwhile. Pure; one owner at a time.
#pragma once

#include "core/codec/framer.h"

namespace core {

class DelimiterFramer : public Framer
{
public:
    DelimiterFramer(QByteArray delimiter, qint64 maxFrameBytes);

    void feed(QByteArrayView bytes, FramerOutput &out) override;
    void finish(FramerOutput &out) override;
    qsizetype pendingBytes() const override { return m_pending.size() - m_begin; }

private:
    void consume(qsizetype count);
    void compact();
    void reportOversize(FramerOutput &out);

    QByteArray m_delimiter;
    qint64 m_max;
    QByteArray m_pending;       // the current frame starts at m_begin (between feeds: at 0)
    qsizetype m_begin = 0;
    qint64 m_offset = 0;        // stream offset of the byte at m_begin
    qsizetype m_searchFrom = 0; // no delimiter starts before this in m_pending
    bool m_skipping = false; // inside an oversize frame: drop bytes through its delimiter
};

} // namespace core
