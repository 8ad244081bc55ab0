// HttpFramer: HTTP/1.1 messages on a stream (RFC 9112 framing): a header block ended by an empty line, then
// a body by Content-Length, by chunked transfer coding (up to the last chunk and its trailers), or — a
// response with neither — to the close. Requests without either have no body; so have 1xx, 204 and 304
// responses. A frame is the whole message as on the wire; its headerSize is the header block.
// Recovery, each reported at its offset: a header block over kMaxHeaderBlock (64 KiB, as web servers
// allow) is skipped up to its empty line; a Content-Length over the maximum (or not a number) skips that
// message's body; a chunked or to-the-close body over the maximum, or a chunk size that is not hex, cuts
// the message there (an incomplete frame) and drops the rest of the stream until it ends, since nothing
// after it can be trusted to line up. Memory stays within maxFrameBytes (the body) plus a header block.
// Pure; one owner at a time.
#pragma once

#include "core/codec/framer.h"
#include "core/codec/streamwindow.h"

namespace core {

class HttpFramer : public Framer
{
public:
    static constexpr qsizetype kMaxHeaderBlock = 64 * 1024;

    explicit HttpFramer(qint64 maxFrameBytes);

    void feed(QByteArrayView bytes, FramerOutput &out) override;
    void finish(FramerOutput &out) override;
    qsizetype pendingBytes() const override { return m_window.size(); }

private:
    enum class State : quint8 { Headers, SkipHeaders, ContentLength, SkipBody, Chunked, ToClose, DropToEnd };

    bool step(FramerOutput &out); // one move of the state machine; false: needs more bytes
    bool readHeaders(FramerOutput &out);
    bool skipHeaders();
    void reportHeaderOverflow(FramerOutput &out);
    void startBody(const QByteArray &block, FramerOutput &out);
    bool readChunks(FramerOutput &out);
    void emitFrame(qsizetype size, bool complete, FramerOutput &out);
    void error(qint64 offset, const QString &message, FramerOutput &out);
    void drop(qsizetype count); // from the window's front, keeping m_searchFrom where it pointed
    qsizetype available() const { return m_window.size(); }

    qint64 m_max;
    StreamWindow m_window;      // from the start of the current message
    State m_state = State::Headers;
    qsizetype m_searchFrom = 0; // Headers / SkipHeaders: no end of headers starts before this (in the window)
    qsizetype m_headerSize = 0; // the current message's header block, terminator included
    qint64 m_bodySize = 0;      // ContentLength: its body
    quint64 m_skip = 0;         // SkipBody: bytes still to drop
    qsizetype m_cursor = 0;     // Chunked: where the next size line (or trailer line) starts in the window
    bool m_inTrailers = false;  // Chunked: after the last chunk
};

} // namespace core
