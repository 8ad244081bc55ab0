// DelimiterFramer: a message ends with the delimiter (LF, CRLF, NUL or any byte sequence); a delimiter split
// across two reads still ends one message. A message whose body (the bytes before its delimiter) is longer
// than maxFrameBytes is skipped through its delimiter with one error at its offset, and framing goes on
// after it; it holds at most maxFrameBytes plus the delimiter meanwhile. Pure; one owner at a time.
#pragma once

#include "core/codec/framer.h"
#include "core/codec/streamwindow.h"

namespace core {

class DelimiterFramer : public Framer
{
public:
    DelimiterFramer(QByteArray delimiter, qint64 maxFrameBytes);

    void feed(QByteArrayView bytes, FramerOutput &out) override;
    void finish(FramerOutput &out) override;
    qsizetype pendingBytes() const override { return m_window.size(); }

private:
    void reportOversize(FramerOutput &out);

    QByteArray m_delimiter;
    qint64 m_max;
    StreamWindow m_window;      // from the start of the current frame
    qsizetype m_searchFrom = 0; // no delimiter starts before this in the window
    bool m_skipping = false; // inside an oversize frame: drop bytes through its delimiter
};

} // namespace core
