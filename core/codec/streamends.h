// StreamEnds: the ends of streams (a connection's close, a peer's FIN) told to a reader of the capture that
// may be behind the capture, as a TrafficModel or a HexPanel catching up tick by tick is. An end applies to
// the reader's MessageIndex once the reader has framed every chunk captured before the end was told (so the
// framer flushes after the stream's last bytes, not before them), and the ends applied are remembered, the
// last kMaxRemembered of them, to apply again when the reader frames the capture anew.
// Pure: no sockets, no event loop, no threads; one owner at a time.
#pragma once

#include "core/codec/messageindex.h"

#include <deque>
#include <optional>

namespace core {

class StreamEnds
{
public:
    static constexpr std::size_t kMaxRemembered = 1024;

    // A connection ended (no direction), or one direction of it; `afterSeq` is the capture's end at that
    // moment (the seq its next chunk would get).
    void tell(ConnectionId connection, std::optional<Direction> direction, quint64 afterSeq);
    // Applies to `index`, in the order told, every end the reader has reached: its next seq is `nextSeq`.
    // A reader that frames nothing now passes nullptr: the ends are remembered all the same (for when it
    // frames again), so nothing piles up.
    void applyReached(quint64 nextSeq, MessageIndex *index, MessageBatch &out);
    // The reader starts framing again: the ends applied so far are due again once it reaches `afterSeq`.
    void replayAt(quint64 afterSeq);
    // The capture was cleared: nothing is due and nothing is remembered.
    void clear();
    bool hasPending() const { return !m_pending.empty(); }

private:
    struct End
    {
        ConnectionId connection = 0;
        std::optional<Direction> direction;
        quint64 afterSeq = 0;
    };
    std::deque<End> m_pending; // told, not yet reached
    std::deque<End> m_applied; // reached and applied, the last kMaxRemembered
};

} // namespace core
