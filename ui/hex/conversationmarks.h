// ConversationMarks: frames the bytes of a hex panel's conversation as the traffic list frames them, so the
// whole-conversation view shows where each message starts (a bar before its first byte) and tints its
// framing header and trailer (a length header amber, a delimiter grey, stripped or kept). It runs its own
// core::MessageIndex over exactly the chunks the conversation shows, records which segment of the
// SegmentedByteSource holds which chunk, and turns each message's chunk positions (MessageIndex names the
// chunks of its first and last wire byte and where in them) into marks on the source: no coupling to the
// list's rows, and a rebuilt conversation simply frames again. Bounded: kMaxFramedBytesPerTick bytes or
// kMaxMessagesPerTick messages per tick (the panel stops appending there: tickIsFull()), kMaxSegmentsWalked segments walked per header or trailer, and the source
// keeps the last SegmentedByteSource::kMaxMarkedMessages messages' marks. UI thread only.
#pragma once

#include "core/codec/messageindex.h"
#include "core/codec/streamends.h"
#include "ui/hex/bytesource.h"

#include <memory>
#include <optional>
#include <vector>

namespace ui {

class ConversationMarks
{
public:
    static constexpr qint64 kMaxFramedBytesPerTick = 8 * 1024 * 1024;
    static constexpr std::size_t kMaxMessagesPerTick = 10'000;
    static constexpr int kMaxSegmentsWalked = 64;

    explicit ConversationMarks(SegmentedByteSource *source);
    ~ConversationMarks();

    // Kind None marks nothing. The caller builds the conversation again afterwards (restart first).
    void setFraming(const core::FramingSpec &spec);
    bool isFraming() const { return m_spec.kind != core::FramingKind::None; }
    // The source was cleared to be built again from the capture's start; the ends already applied are due
    // again once the chunks up to `caughtUpSeq` (the capture's end now) are in.
    void restart(quint64 caughtUpSeq);
    // The capture was cleared: no end is due any more (the caller restarts too).
    void forgetEnds() { m_ends.clear(); }
    // A connection (or one direction of it) ended when the capture's next seq was `afterSeq`.
    void tellEnd(core::ConnectionId connection, std::optional<core::Direction> direction, quint64 afterSeq);

    // The next chunk of the capture, in seq order: `shown` when the conversation appended it to the source
    // (the connection filter passes it). Framed bytes count towards framedThisTick().
    void add(const core::CapturedChunk &chunk, bool shown);
    // Applies the ends reached (the conversation's next seq is `nextSeq`), puts the marks of the messages the
    // tick completed on the source and starts a new tick. Call it every tick, chunks or not.
    void finishTick(quint64 nextSeq);
    qint64 framedThisTick() const { return m_framedThisTick; }
    // The tick has framed its kMaxFramedBytesPerTick bytes or kMaxMessagesPerTick messages: stop adding.
    bool tickIsFull() const
    {
        return m_framedThisTick >= kMaxFramedBytesPerTick || m_batch.messages.size() >= kMaxMessagesPerTick;
    }
    // The conversation is not being built (the panel shows a selected row): the ends reached by `nextSeq`
    // are only remembered, to be replayed when it is, so none pile up.
    void passOver(quint64 nextSeq);

private:
    struct SegmentKey
    {
        quint64 seq = 0;
        core::ConnectionId connection = 0;
        core::Direction direction = core::Direction::Received;
    };
    // The segment holding chunk `seq`, or -1.
    qsizetype segmentOf(quint64 seq) const;
    void mark(const core::CapturedMessage &message);
    void markForward(qsizetype segment, qint64 within, qint64 count, ByteSource::Part part);
    void markBackward(qsizetype segment, qint64 end, qint64 count, ByteSource::Part part);

    SegmentedByteSource *m_source;
    core::FramingSpec m_spec;
    std::unique_ptr<core::MessageIndex> m_index;
    core::StreamEnds m_ends;
    std::vector<SegmentKey> m_keys; // one per segment of the source, in order
    core::MessageBatch m_batch;     // what this tick completed
    quint64 m_nextSeq = 0;
    qint64 m_framedThisTick = 0;
    std::vector<qint64> m_starts; // this tick's marks, handed to the source by finishTick()
    std::vector<SegmentedByteSource::PartRange> m_ranges;
};

} // namespace ui
