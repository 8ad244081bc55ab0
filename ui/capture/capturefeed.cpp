#include "ui/capture/capturefeed.h"

namespace ui {

CaptureFeed::CaptureFeed(std::shared_ptr<core::CaptureStore> store, QObject *parent)
    : QObject(parent)
    , m_store(std::move(store))
    , m_timer(new QTimer(this))
{
    Q_ASSERT(m_store);
    m_nextSeq = m_store->firstSeq();
    m_firstSeq = m_nextSeq;
    m_timer->setInterval(kIntervalMs);
    connect(m_timer, &QTimer::timeout, this, &CaptureFeed::poll);
}

void CaptureFeed::start()
{
    m_timer->start();
}

void CaptureFeed::stop()
{
    m_timer->stop();
}

void CaptureFeed::poll()
{
    CaptureUpdate update;
    update.fromSeq = m_nextSeq;
    update.firstKeptSeq = m_store->firstSeq();
    update.droppedChunks = update.firstKeptSeq > m_firstSeq ? update.firstKeptSeq - m_firstSeq : 0;
    m_firstSeq = std::max(m_firstSeq, update.firstKeptSeq);
    if (m_store->endSeq() > m_nextSeq)
        update.chunks = m_store->chunksSince(m_nextSeq, kMaxChunksPerTick);
    if (!update.chunks.empty()) {
        m_nextSeq = update.chunks.back().seq + 1;
        // A batch starting past the seq asked for means the store dropped everything below it, maybe
        // between the two reads above: report that now, not a tick late.
        const quint64 front = update.chunks.front().seq;
        if (front > update.fromSeq && front > update.firstKeptSeq) {
            update.droppedChunks += front - update.firstKeptSeq;
            update.firstKeptSeq = front;
            m_firstSeq = update.firstKeptSeq;
        }
    }
    emit ticked(update);
}

void CaptureFeed::clear()
{
    m_store->clear();
    // What the clear forgot is the user's choice, not a drop to report at the next tick.
    m_firstSeq = std::max(m_firstSeq, m_store->firstSeq());
    emit cleared();
}

std::vector<core::CapturedChunk> CaptureFeed::backlog(quint64 fromSeq, std::size_t maxChunks) const
{
    const quint64 from = std::max(fromSeq, m_store->firstSeq());
    if (from >= m_nextSeq)
        return {};
    return m_store->chunksSince(from, std::min<quint64>(maxChunks, m_nextSeq - from));
}

} // namespace ui
