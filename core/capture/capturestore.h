// CaptureStore: every chunk of one session's traffic, kept in arrival order under a memory budget so a
// long or flooded session cannot eat the machine. Over budget, the oldest chunks go first; what was dropped
// is counted, and the traffic totals stay exact whatever was dropped.
//
// Threads: any thread may call any member. The session's I/O worker appends; the UI thread reads. One mutex
// guards everything and is held only to move or copy chunks. There are no signals: a reader polls with
// chunksSince(lastSeq + 1, n), which also caps how much work one poll can hand to the UI.
//
// Budget: each chunk costs its payload size plus kChunkOverhead (the chunk's own footprint), so a flood of
// empty datagrams is bounded as well as a flood of bytes. The newest chunk is always kept, even when it
// alone costs more than the budget: the user sees the latest traffic, and the kept chunks always form one
// run of sequence numbers [firstSeq, endSeq). So keptCost <= budget holds whenever keptChunks > 1.
#pragma once

#include "core/net/connectionid.h"
#include "core/net/socketaddress.h"

#include <QByteArray>

#include <deque>
#include <mutex>
#include <optional>
#include <vector>

namespace core {

struct CapturedChunk
{
    quint64 seq = 0;  // assigned by the store: 1, 2, 3... never reused, not even after clear()
    qint64 timeUs = 0; // microseconds since the Unix epoch, set by the caller
    Direction direction = Direction::Received;
    ConnectionId connection = 0;
    SocketAddress local;
    SocketAddress peer;
    QByteArray bytes;
};

struct CaptureStats
{
    // What is held now, and what the budget pushed out (payload bytes, not overhead).
    quint64 keptChunks = 0;
    quint64 keptBytes = 0;
    quint64 droppedChunks = 0;
    quint64 droppedBytes = 0;
    // Everything ever appended; never reduced by drops or by clear().
    quint64 bytesIn = 0;
    quint64 bytesOut = 0;
    quint64 chunksIn = 0;
    quint64 chunksOut = 0;
    qint64 budgetBytes = 0;
};

class CaptureStore
{
public:
    static constexpr qint64 kDefaultBudget = 64 * 1024 * 1024;
    static constexpr qint64 kChunkOverhead = qint64(sizeof(CapturedChunk));

    // What one chunk of `payloadBytes` counts against the budget.
    static constexpr qint64 costOf(qint64 payloadBytes) { return payloadBytes + kChunkOverhead; }

    explicit CaptureStore(qint64 budgetBytes = kDefaultBudget); // a negative budget counts as 0

    CaptureStore(const CaptureStore &) = delete;
    CaptureStore &operator=(const CaptureStore &) = delete;

    // Stores `chunk` (its seq is overwritten), drops the oldest while over budget; returns the new seq.
    quint64 append(CapturedChunk chunk);
    // Shrinking drops the oldest chunks at once; growing brings nothing back.
    void setBudget(qint64 bytes);
    // Forgets the kept chunks and zeroes the kept and dropped counters: a clear is the user's choice, not a
    // loss to report. Traffic totals and sequence numbering carry on, so a polling reader is not confused.
    void clear();

    CaptureStats stats() const;
    quint64 firstSeq() const; // first kept seq; equals endSeq() when nothing is kept
    quint64 endSeq() const;   // one past the last kept seq: the seq the next append will get

    // Copies of up to maxChunks kept chunks with seq >= fromSeq, in order. A fromSeq already dropped starts
    // at firstSeq(). The payloads are implicitly shared, so a copy is cheap.
    std::vector<CapturedChunk> chunksSince(quint64 fromSeq, std::size_t maxChunks) const;
    std::optional<CapturedChunk> chunk(quint64 seq) const;

private:
    quint64 firstSeqLocked() const;
    // Drops the oldest chunks while over budget; hands back their payloads so the caller frees them after
    // unlocking.
    std::vector<QByteArray> dropOverBudgetLocked();

    mutable std::mutex m_mutex;
    std::deque<CapturedChunk> m_chunks;
    quint64 m_nextSeq = 1;
    qint64 m_keptCost = 0;
    CaptureStats m_stats;
};

} // namespace core
