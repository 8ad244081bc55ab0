// MessageIndex: the captured traffic of a session as the messages its protocol meant. Fed the capture's
// chunks in seq order, it runs one Framer per stream — each connection's received bytes and its sent bytes
// apart, so a server frames every client on its own — and hands back each message when its last byte
// arrives, with the chunks it spans, the time of its last byte and where its framing header and trailer
// are, plus every framing error with its stream offset. Re-framing is a new index fed the same chunks:
// nothing is lost, because the capture keeps the bytes and the index only reads them.
//
// Offsets count from the first byte of the stream the index was fed: when the capture's budget had already
// dropped a stream's start, that is the first byte still kept (a framer then resynchronises as it does after
// any bad frame). Memory: the framers hold at most maxFrameBytes (plus a header) per open stream; a stream is
// let go when its connection ends (endConnection) or when the index is cleared.
// Pure: no sockets, no event loop, no threads; one owner at a time.
#pragma once

#include "core/capture/capturestore.h"
#include "core/codec/framer.h"
#include "core/codec/framingspec.h"

#include <QByteArray>
#include <QString>

#include <deque>
#include <map>
#include <memory>
#include <vector>

namespace core {

struct CapturedMessage
{
    quint64 firstSeq = 0; // the capture chunk holding the message's first byte
    quint64 lastSeq = 0;  // ... and its last byte on the wire
    qint64 timeUs = 0;    // when the last byte was captured
    Direction direction = Direction::Received;
    ConnectionId connection = 0;
    SocketAddress local;
    SocketAddress peer;
    qint64 offset = 0;          // where the message starts in its stream
    qsizetype startInChunk = 0; // where its first byte is in chunk firstSeq
    qsizetype endInChunk = 0;   // one past its last byte on the wire (a stripped delimiter too) in chunk lastSeq
    qsizetype strippedSize = 0; // a delimiter the spec strips: on the wire after `bytes`, not in them
    QByteArray bytes;           // the message as on the wire, less a delimiter the spec strips
    qsizetype headerSize = 0;   // leading framing bytes (preamble and length header; HTTP: the header block)
    qsizetype trailerSize = 0;  // trailing framing bytes (a kept delimiter)
    qsizetype payloadStart = 0; // what a list shows: the body, or the whole message for HTTP and none
    bool complete = true;       // false: cut short (over the maximum, or the stream ended inside it)

    QByteArray payload() const { return bytes.mid(payloadStart); }
};

struct MessageFramingError
{
    quint64 seq = 0; // the chunk whose bytes showed the trouble
    qint64 timeUs = 0;
    Direction direction = Direction::Received;
    ConnectionId connection = 0;
    SocketAddress peer;
    FramingError error;
};

struct MessageBatch
{
    std::vector<CapturedMessage> messages;
    std::vector<MessageFramingError> errors;
};

class MessageIndex
{
public:
    explicit MessageIndex(FramingSpec spec = {});
    MessageIndex(const MessageIndex &) = delete;
    MessageIndex &operator=(const MessageIndex &) = delete;
    ~MessageIndex();

    const FramingSpec &spec() const { return m_spec; }

    // The next chunk of the capture (seqs rising); what it completes goes to `out`.
    void add(const CapturedChunk &chunk, MessageBatch &out);
    // The connection ended: what its framers hold becomes a message (an HTTP body read to the close) or an
    // incomplete one, and both its streams are let go.
    void endConnection(ConnectionId connection, MessageBatch &out);
    // One direction ended (the peer's FIN ends what it sends): the same for that stream alone.
    void endStream(ConnectionId connection, Direction direction, MessageBatch &out);
    // Forgets every stream (the capture was cleared).
    void clear();

    std::size_t openStreams() const { return m_streams.size(); }
    qint64 pendingBytes() const; // held by every framer, waiting for the rest of a message

private:
    struct Stream;
    using Key = std::pair<ConnectionId, Direction>;

    void emitOutput(Stream &stream, FramerOutput &output, const CapturedChunk *chunk, MessageBatch &out) const;

    FramingSpec m_spec;
    std::map<Key, std::unique_ptr<Stream>> m_streams;
};

} // namespace core
