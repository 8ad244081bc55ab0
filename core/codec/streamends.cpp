#include "core/codec/streamends.h"

namespace core {

void StreamEnds::tell(ConnectionId connection, std::optional<Direction> direction, quint64 afterSeq)
{
    m_pending.push_back({connection, direction, afterSeq});
}

void StreamEnds::applyReached(quint64 nextSeq, MessageIndex *index, MessageBatch &out)
{
    while (!m_pending.empty() && m_pending.front().afterSeq <= nextSeq) {
        const End end = m_pending.front();
        m_pending.pop_front();
        if (index && end.direction)
            index->endStream(end.connection, *end.direction, out);
        else if (index)
            index->endConnection(end.connection, out);
        m_applied.push_back(end);
        if (m_applied.size() > kMaxRemembered)
            m_applied.pop_front();
    }
}

void StreamEnds::replayAt(quint64 afterSeq)
{
    // Those still pending were told before now, so afterSeq is no earlier than theirs: the queue stays in
    // the order of its seqs.
    for (End end : m_applied) {
        end.afterSeq = afterSeq;
        m_pending.push_back(end);
    }
    m_applied.clear();
}

void StreamEnds::clear()
{
    m_pending.clear();
    m_applied.clear();
}

} // namespace core
