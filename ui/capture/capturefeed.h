// CaptureFeed: the one poll of a session's CaptureStore that every panel of a tab reads from. The store has
// no signals (an I/O thread fills it), so something must ask it what is new; one feed per tab asks ~30 times
// a second and tells each subscriber the same thing in one `ticked` update — the chunks that arrived (at most
// kMaxChunksPerTick: a flood is shown over several ticks instead of freezing the UI once), how many of the
// oldest the store's budget dropped, and `cleared` when the user empties the capture. The traffic list, the
// hex panel's conversation and, next, a framer's message index subscribe; none runs a timer of its own.
//
// A subscriber that starts after the feed (a hex panel switched to the whole conversation, a view given a
// running feed) catches up through backlog(), a bounded read of what earlier ticks already handed out, and
// takes ticks once it is level again (CaptureUpdate::continues): every chunk reaches it once, in order.
//
// UI thread only (the store itself is thread-safe).
#pragma once

#include "core/capture/capturestore.h"

#include <QObject>
#include <QTimer>

#include <algorithm>
#include <memory>
#include <vector>

namespace ui {

// What one tick of a CaptureFeed found.
struct CaptureUpdate
{
    quint64 fromSeq = 0;       // the seq this tick asked the store for (the end of what earlier ticks gave)
    quint64 firstKeptSeq = 0;  // the store keeps nothing below this seq any more
    quint64 droppedChunks = 0; // chunks the budget pushed out since the previous tick, handed out or not
    std::vector<core::CapturedChunk> chunks; // new chunks in seq order, none seen by an earlier tick

    // True when a subscriber whose next wanted seq is `nextSeq` can take this tick's chunks as they come
    // (with seq >= nextSeq); false when it is behind and must catch up through CaptureFeed::backlog() first.
    bool continues(quint64 nextSeq) const { return std::max(nextSeq, firstKeptSeq) >= fromSeq; }
};

class CaptureFeed : public QObject
{
    Q_OBJECT

public:
    static constexpr int kIntervalMs = 33; // ~30 Hz: smooth to the eye, bounded work per second
    static constexpr std::size_t kMaxChunksPerTick = 10'000;

    explicit CaptureFeed(std::shared_ptr<core::CaptureStore> store, QObject *parent = nullptr);

    const std::shared_ptr<core::CaptureStore> &store() const { return m_store; }
    // The seq the next tick asks for: every kept chunk below it has been handed out by a tick.
    quint64 nextSeq() const { return m_nextSeq; }

    // Ticking every kIntervalMs; a feed starts stopped (tests tick it by hand with poll()).
    void start();
    void stop();
    bool isActive() const { return m_timer->isActive(); }

    // Up to maxChunks kept chunks from fromSeq (a dropped fromSeq starts at the first kept one) that earlier
    // ticks handed out, for a subscriber catching up; never past nextSeq(), so no later tick repeats one.
    std::vector<core::CapturedChunk> backlog(quint64 fromSeq, std::size_t maxChunks) const;

public slots:
    // One tick now: asks the store once and emits ticked (also when nothing is new, so a subscriber that is
    // behind keeps catching up). Costs two short store locks when nothing changed. The timer calls it.
    void poll();
    // Empties the store and emits cleared. Numbering carries on, so the next tick simply finds new chunks.
    void clear();

signals:
    void ticked(const ui::CaptureUpdate &update);
    void cleared();

private:
    std::shared_ptr<core::CaptureStore> m_store;
    QTimer *m_timer = nullptr; // a child, so a test can find every timer a tab runs
    quint64 m_nextSeq = 0;
    quint64 m_firstSeq = 0; // the store's first kept seq at the previous tick: drops are the difference
};

} // namespace ui
