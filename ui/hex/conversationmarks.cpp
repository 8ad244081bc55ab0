#include "ui/hex/conversationmarks.h"

#include <algorithm>

namespace ui {

ConversationMarks::ConversationMarks(SegmentedByteSource *source)
    : m_source(source)
{
}

ConversationMarks::~ConversationMarks() = default;

void ConversationMarks::setFraming(const core::FramingSpec &spec)
{
    m_spec = spec;
}

void ConversationMarks::restart(quint64 caughtUpSeq)
{
    m_index = isFraming() ? std::make_unique<core::MessageIndex>(m_spec) : nullptr;
    m_keys.clear();
    m_batch = {};
    m_starts.clear();
    m_ranges.clear();
    m_framedThisTick = 0;
    m_nextSeq = 0;
    m_ends.replayAt(caughtUpSeq);
}

void ConversationMarks::tellEnd(core::ConnectionId connection, std::optional<core::Direction> direction,
                                quint64 afterSeq)
{
    m_ends.tell(connection, direction, afterSeq);
}

void ConversationMarks::add(const core::CapturedChunk &chunk, bool shown)
{
    if (shown && !chunk.bytes.isEmpty()) // the source stores no empty segment
        m_keys.push_back({chunk.seq, chunk.connection, chunk.direction});
    m_nextSeq = chunk.seq + 1;
    if (m_index && shown) {
        m_index->add(chunk, m_batch);
        m_framedThisTick += chunk.bytes.size();
    }
    m_ends.applyReached(m_nextSeq, m_index.get(), m_batch);
}

void ConversationMarks::finishTick(quint64 nextSeq)
{
    m_nextSeq = std::max(m_nextSeq, nextSeq);
    if (m_ends.hasPending())
        m_ends.applyReached(m_nextSeq, m_index.get(), m_batch);
    for (const core::CapturedMessage &message : m_batch.messages)
        mark(message);
    m_batch = {};
    m_framedThisTick = 0;
    if (m_starts.empty() && m_ranges.empty())
        return;
    m_source->addMarks(std::move(m_ranges), std::move(m_starts));
    m_starts.clear();
    m_ranges.clear();
}

void ConversationMarks::passOver(quint64 nextSeq)
{
    core::MessageBatch none;
    m_ends.applyReached(nextSeq, nullptr, none);
}

qsizetype ConversationMarks::segmentOf(quint64 seq) const
{
    const auto found = std::lower_bound(m_keys.begin(), m_keys.end(), seq,
                                        [](const SegmentKey &key, quint64 value) { return key.seq < value; });
    return found != m_keys.end() && found->seq == seq ? qsizetype(found - m_keys.begin()) : -1;
}

void ConversationMarks::mark(const core::CapturedMessage &message)
{
    const qsizetype first = segmentOf(message.firstSeq);
    if (first < 0)
        return; // framed from chunks the source no longer holds
    m_starts.push_back(m_source->segmentStart(first) + message.startInChunk);
    markForward(first, message.startInChunk, message.headerSize, ByteSource::Part::Header);
    const qint64 trailer = message.trailerSize + message.strippedSize;
    if (trailer > 0) {
        const qsizetype last = segmentOf(message.lastSeq);
        if (last >= 0)
            markBackward(last, message.endInChunk, trailer, ByteSource::Part::Trailer);
    }
}

// Marks `count` bytes from byte `within` of `segment` on, over the segments of the same stream (other
// streams' segments in between are passed over).
void ConversationMarks::markForward(qsizetype segment, qint64 within, qint64 count, ByteSource::Part part)
{
    const SegmentKey stream = m_keys[std::size_t(segment)];
    for (int walked = 0; count > 0 && segment < qsizetype(m_keys.size()) && walked < kMaxSegmentsWalked;
         ++segment, ++walked) {
        const SegmentKey &key = m_keys[std::size_t(segment)];
        if (key.connection != stream.connection || key.direction != stream.direction)
            continue;
        const qint64 take = std::min(count, m_source->segmentSize(segment) - within);
        const qint64 from = m_source->segmentStart(segment) + within;
        m_ranges.push_back({from, from + take, part});
        count -= take;
        within = 0;
    }
}

// Marks the `count` bytes before byte `end` of `segment`, back over the segments of the same stream.
void ConversationMarks::markBackward(qsizetype segment, qint64 end, qint64 count, ByteSource::Part part)
{
    const SegmentKey stream = m_keys[std::size_t(segment)];
    bool inFirst = true;
    for (int walked = 0; count > 0 && segment >= 0 && walked < kMaxSegmentsWalked; --segment, ++walked) {
        const SegmentKey &key = m_keys[std::size_t(segment)];
        if (key.connection != stream.connection || key.direction != stream.direction)
            continue;
        const qint64 until = inFirst ? end : m_source->segmentSize(segment);
        inFirst = false;
        const qint64 take = std::min(count, until);
        const qint64 to = m_source->segmentStart(segment) + until;
        m_ranges.push_back({to - take, to, part});
        count -= take;
    }
}

} // namespace ui
