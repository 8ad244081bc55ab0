#include "core/capture/capturestore.h"

#include <algorithm>
#include <iterator>

namespace core {

CaptureStore::CaptureStore(qint64 budgetBytes)
{
    m_stats.budgetBytes = std::max<qint64>(budgetBytes, 0);
}

quint64 CaptureStore::append(CapturedChunk chunk)
{
    const qint64 size = chunk.bytes.size();
    const bool received = chunk.direction == Direction::Received;
    std::vector<QByteArray> dropped; // declared before the lock: freed after it is released
    const std::lock_guard lock(m_mutex);
    const quint64 seq = m_nextSeq++;
    chunk.seq = seq;
    (received ? m_stats.bytesIn : m_stats.bytesOut) += quint64(size);
    ++(received ? m_stats.chunksIn : m_stats.chunksOut);
    ++m_stats.keptChunks;
    m_stats.keptBytes += quint64(size);
    m_keptCost += costOf(size);
    m_chunks.push_back(std::move(chunk));
    dropped = dropOverBudgetLocked();
    return seq;
}

void CaptureStore::setBudget(qint64 bytes)
{
    std::vector<QByteArray> dropped;
    const std::lock_guard lock(m_mutex);
    m_stats.budgetBytes = std::max<qint64>(bytes, 0);
    dropped = dropOverBudgetLocked();
}

void CaptureStore::clear()
{
    std::deque<CapturedChunk> forgotten; // freed after the lock is released: it may hold the whole budget
    const std::lock_guard lock(m_mutex);
    forgotten.swap(m_chunks);
    m_keptCost = 0;
    m_stats.keptChunks = 0;
    m_stats.keptBytes = 0;
    m_stats.droppedChunks = 0;
    m_stats.droppedBytes = 0;
}

CaptureStats CaptureStore::stats() const
{
    const std::lock_guard lock(m_mutex);
    return m_stats;
}

quint64 CaptureStore::firstSeq() const
{
    const std::lock_guard lock(m_mutex);
    return firstSeqLocked();
}

quint64 CaptureStore::endSeq() const
{
    const std::lock_guard lock(m_mutex);
    return m_nextSeq;
}

std::vector<CapturedChunk> CaptureStore::chunksSince(quint64 fromSeq, std::size_t maxChunks) const
{
    std::vector<CapturedChunk> result;
    const std::lock_guard lock(m_mutex);
    const quint64 first = firstSeqLocked();
    const quint64 start = std::max(fromSeq, first);
    if (start >= m_nextSeq || maxChunks == 0)
        return result;
    // The kept chunks are one unbroken run of seqs, so a seq maps straight to its index.
    const std::size_t index = std::size_t(start - first);
    const std::size_t count = std::min(maxChunks, m_chunks.size() - index);
    const auto begin = m_chunks.begin() + std::ptrdiff_t(index);
    result.assign(begin, begin + std::ptrdiff_t(count));
    return result;
}

std::optional<CapturedChunk> CaptureStore::chunk(quint64 seq) const
{
    const std::lock_guard lock(m_mutex);
    const quint64 first = firstSeqLocked();
    if (seq < first || seq >= m_nextSeq)
        return std::nullopt;
    return m_chunks[std::size_t(seq - first)];
}

quint64 CaptureStore::firstSeqLocked() const
{
    return m_chunks.empty() ? m_nextSeq : m_chunks.front().seq;
}

std::vector<QByteArray> CaptureStore::dropOverBudgetLocked()
{
    std::vector<QByteArray> dropped;
    while (m_chunks.size() > 1 && m_keptCost > m_stats.budgetBytes) {
        CapturedChunk &oldest = m_chunks.front();
        const qint64 size = oldest.bytes.size();
        m_keptCost -= costOf(size);
        --m_stats.keptChunks;
        m_stats.keptBytes -= quint64(size);
        ++m_stats.droppedChunks;
        m_stats.droppedBytes += quint64(size);
        dropped.push_back(std::move(oldest.bytes));
        m_chunks.pop_front();
    }
    return dropped;
}

} // namespace core
