// Framer: the pure object between a stream and its reader (as muduo's LengthHeaderCodec): fed the bytes of
// one connection in whatever pieces they arrived, it returns the whole messages (frames) in them, and the
// framing errors with their stream offset. No sockets, no event loop, no threads: a framer fed one byte at
// a time yields exactly what it yields from one big read. Its memory is bounded by the spec's
// maxFrameBytes, whatever it is fed. makeFramer() builds the one a FramingSpec asks for.
// One framer per connection; not thread-safe (one owner at a time).
#pragma once

#include "core/codec/framingspec.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <memory>
#include <vector>

namespace core {

struct Frame
{
    qint64 offset = 0;      // where the frame starts in the connection's stream (0 = its first byte)
    QByteArray bytes;       // the frame as it was on the wire: header, body, delimiter
    qsizetype headerSize = 0;  // leading bytes that are framing (preamble, length header, HTTP headers)
    qsizetype trailerSize = 0; // trailing bytes that are framing (the delimiter)
    bool complete = true;   // false: cut short (the stream ended inside it, or over maxFrameBytes)

    QByteArray body() const { return bytes.mid(headerSize, bytes.size() - headerSize - trailerSize); }
    friend bool operator==(const Frame &, const Frame &) = default;
};

struct FramingError
{
    qint64 offset = 0; // where in the stream the trouble starts
    QString message;   // what happened and what the framer did about it
    friend bool operator==(const FramingError &, const FramingError &) = default;
};

struct FramerOutput
{
    std::vector<Frame> frames;
    std::vector<FramingError> errors;
};

class Framer
{
public:
    virtual ~Framer() = default;

    // Appends the next bytes of the stream; complete frames and errors go to `out`, in stream order.
    virtual void feed(QByteArrayView bytes, FramerOutput &out) = 0;
    // The stream ended (FIN, close): what is pending becomes a frame (an HTTP body read to the close) or
    // an incomplete one. The framer is then ready for a new stream at offset 0.
    virtual void finish(FramerOutput &out) = 0;
    // Bytes held back waiting for the rest of a frame (never more than maxFrameBytes plus a header).
    virtual qsizetype pendingBytes() const = 0;
};

// The framer for `spec`; FramingKind::None makes one that returns every piece it is fed as a frame.
std::unique_ptr<Framer> makeFramer(const FramingSpec &spec);

} // namespace core
