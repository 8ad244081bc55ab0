#include "core/codec/messageindex.h"

#include <algorithm>

namespace core {

// One direction of one connection: its framer, and where each chunk that may still hold pending bytes
// starts in the stream, so a message can name the chunk of its first byte.
struct MessageIndex::Stream
{
    struct ChunkStart
    {
        qint64 offset = 0;
        quint64 seq = 0;
        qint64 timeUs = 0;
    };

    std::unique_ptr<Framer> framer;
    std::deque<ChunkStart> starts;
    qint64 fed = 0;
    ConnectionId connection = 0;
    Direction direction = Direction::Received;
    SocketAddress local;
    SocketAddress peer;

    // The last chunk starting at or before `offset` (the first one kept when none does).
    ChunkStart startAt(qint64 offset) const
    {
        auto after = std::upper_bound(starts.begin(), starts.end(), offset,
                                      [](qint64 value, const ChunkStart &start) { return value < start.offset; });
        if (after == starts.begin())
            return starts.empty() ? ChunkStart{} : starts.front();
        return *std::prev(after);
    }

    // Chunks wholly before the framer's pending bytes can no longer start a message.
    void forgetConsumed()
    {
        const qint64 keepFrom = fed - qint64(framer->pendingBytes());
        while (starts.size() > 1 && starts[1].offset <= keepFrom)
            starts.pop_front();
    }
};

MessageIndex::MessageIndex(FramingSpec spec)
    : m_spec(std::move(spec))
{
}

MessageIndex::~MessageIndex() = default;

void MessageIndex::add(const CapturedChunk &chunk, MessageBatch &out)
{
    auto &slot = m_streams[{chunk.connection, chunk.direction}];
    if (!slot) {
        slot = std::make_unique<Stream>();
        slot->framer = makeFramer(m_spec);
        slot->connection = chunk.connection;
        slot->direction = chunk.direction;
    }
    Stream &stream = *slot;
    stream.local = chunk.local;
    stream.peer = chunk.peer;
    if (chunk.bytes.isEmpty())
        return; // an empty read frames nothing (a stream's empty read is its end, told by endConnection)
    stream.starts.push_back({stream.fed, chunk.seq, chunk.timeUs});
    stream.fed += chunk.bytes.size();
    FramerOutput output;
    stream.framer->feed(chunk.bytes, output);
    emitOutput(stream, output, &chunk, out);
    stream.forgetConsumed();
}

void MessageIndex::endConnection(ConnectionId connection, MessageBatch &out)
{
    endStream(connection, Direction::Received, out);
    endStream(connection, Direction::Sent, out);
}

void MessageIndex::endStream(ConnectionId connection, Direction direction, MessageBatch &out)
{
    auto found = m_streams.find({connection, direction});
    if (found == m_streams.end())
        return;
    Stream &stream = *found->second;
    FramerOutput output;
    stream.framer->finish(output);
    emitOutput(stream, output, nullptr, out);
    m_streams.erase(found);
}

void MessageIndex::clear()
{
    m_streams.clear();
}

qint64 MessageIndex::pendingBytes() const
{
    qint64 total = 0;
    for (const auto &[key, stream] : m_streams)
        total += stream->framer->pendingBytes();
    return total;
}

void MessageIndex::emitOutput(Stream &stream, FramerOutput &output, const CapturedChunk *chunk,
                              MessageBatch &out) const
{
    // A stream's end has no chunk of its own: its messages and errors belong to the last chunk it had.
    const Stream::ChunkStart last = stream.starts.empty() ? Stream::ChunkStart{} : stream.starts.back();
    const quint64 seq = chunk ? chunk->seq : last.seq;
    const qint64 timeUs = chunk ? chunk->timeUs : last.timeUs;
    for (FramingError &error : output.errors) {
        MessageFramingError reported;
        reported.seq = seq;
        reported.timeUs = timeUs;
        reported.direction = stream.direction;
        reported.connection = stream.connection;
        reported.peer = stream.peer;
        reported.error = std::move(error);
        out.errors.push_back(std::move(reported));
    }
    for (Frame &frame : output.frames) {
        CapturedMessage message;
        // The frame's bytes are its wire bytes, [offset, wireEnd) of the stream: name the chunks of its ends.
        const qint64 wireEnd = frame.offset + frame.bytes.size();
        const Stream::ChunkStart firstChunk = stream.startAt(frame.offset);
        const Stream::ChunkStart lastChunk = frame.bytes.isEmpty() ? firstChunk : stream.startAt(wireEnd - 1);
        message.firstSeq = firstChunk.seq;
        message.lastSeq = lastChunk.seq;
        message.startInChunk = qsizetype(frame.offset - firstChunk.offset);
        message.endInChunk = qsizetype(wireEnd - lastChunk.offset);
        message.timeUs = timeUs;
        message.direction = stream.direction;
        message.connection = stream.connection;
        message.local = stream.local;
        message.peer = stream.peer;
        message.offset = frame.offset;
        message.headerSize = frame.headerSize;
        message.trailerSize = frame.trailerSize;
        message.complete = frame.complete;
        message.bytes = std::move(frame.bytes);
        if (m_spec.kind == FramingKind::Delimiter && !m_spec.keepDelimiter && message.trailerSize > 0) {
            message.bytes.chop(message.trailerSize);
            message.strippedSize = message.trailerSize;
            message.trailerSize = 0;
        }
        const bool showsWhole = m_spec.kind == FramingKind::None || m_spec.kind == FramingKind::Http;
        message.payloadStart = showsWhole ? 0 : std::min(message.headerSize, message.bytes.size());
        out.messages.push_back(std::move(message));
    }
}

} // namespace core
