// CaptureFeed over a CaptureStore filled directly (no sockets): each new chunk handed out once and in order,
// at most kMaxChunksPerTick a tick, the budget's drops and a clear reported, the same tick for every
// subscriber, a late subscriber caught up from the backlog without repeats, and one feed (one polling timer)
// per session tab that both the traffic list and the hex panel read.
#include "core/io/iothread.h"
#include "support/translations.h"
#include "ui/capture/capturefeed.h"
#include "ui/hex/bytesource.h"
#include "ui/hex/hexpanel.h"
#include "ui/hex/hexview.h"
#include "ui/session/servertab.h"
#include "ui/traffic/trafficmodel.h"
#include "ui/traffic/trafficview.h"

#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QTimer>

#include <memory>

using core::CapturedChunk;
using core::CaptureStore;
using ui::CaptureFeed;
using ui::CaptureUpdate;

namespace {

CapturedChunk chunkOf(const QByteArray &bytes, core::Direction direction = core::Direction::Received)
{
    CapturedChunk chunk;
    chunk.direction = direction;
    chunk.connection = 1;
    chunk.bytes = bytes;
    return chunk;
}

void appendNumbered(CaptureStore &store, int count, int firstNumber = 0)
{
    for (int i = 0; i < count; ++i)
        store.append(chunkOf(QByteArray::number(firstNumber + i)));
}

QList<quint64> seqsOf(const std::vector<CapturedChunk> &chunks)
{
    QList<quint64> seqs;
    for (const CapturedChunk &chunk : chunks)
        seqs << chunk.seq;
    return seqs;
}

QList<quint64> range(quint64 first, quint64 last)
{
    QList<quint64> seqs;
    for (quint64 seq = first; seq <= last; ++seq)
        seqs << seq;
    return seqs;
}

// Every tick a feed emits, copied.
class TickLog : public QObject
{
public:
    explicit TickLog(CaptureFeed &feed)
    {
        connect(&feed, &CaptureFeed::ticked, this, [this](const CaptureUpdate &update) { ticks.push_back(update); });
    }
    QList<quint64> allSeqs() const
    {
        QList<quint64> seqs;
        for (const CaptureUpdate &tick : ticks)
            seqs << seqsOf(tick.chunks);
        return seqs;
    }
    std::vector<CaptureUpdate> ticks;
};

} // namespace

class tst_CaptureFeed : public QObject
{
    Q_OBJECT

private slots:
    void newChunksOnceInOrder();
    void boundedPerTick();
    void budgetDropsReported();
    void clearIsReported();
    void subscribersSeeTheSameTicks();
    void backlogStopsAtWhatTicksHandedOut();
    void lateSubscriberCatchesUp();
    void timerTicks();
    void oneFeedPerTab();
    void tabClearGoesThroughTheFeed();
};

void tst_CaptureFeed::newChunksOnceInOrder()
{
    auto store = std::make_shared<CaptureStore>();
    appendNumbered(*store, 3);
    CaptureFeed feed(store);
    TickLog log(feed);
    feed.poll();
    QCOMPARE(log.ticks.size(), std::size_t(1));
    QCOMPARE(log.ticks[0].fromSeq, quint64(1));
    QCOMPARE(seqsOf(log.ticks[0].chunks), range(1, 3));
    QCOMPARE(log.ticks[0].chunks[2].bytes, QByteArray("2"));
    QCOMPARE(feed.nextSeq(), quint64(4));

    feed.poll(); // nothing new: a tick all the same, with no chunks
    QCOMPARE(log.ticks.size(), std::size_t(2));
    QVERIFY2(log.ticks[1].chunks.empty(), "a chunk was handed out twice");
    QCOMPARE(log.ticks[1].fromSeq, quint64(4));

    appendNumbered(*store, 2, 3);
    feed.poll();
    QCOMPARE(seqsOf(log.ticks[2].chunks), range(4, 5));
    QCOMPARE(log.allSeqs(), range(1, 5));
    for (const CaptureUpdate &tick : log.ticks)
        QCOMPARE(tick.droppedChunks, quint64(0));
}

void tst_CaptureFeed::boundedPerTick()
{
    auto store = std::make_shared<CaptureStore>();
    appendNumbered(*store, 25'000);
    CaptureFeed feed(store);
    TickLog log(feed);
    for (int i = 0; i < 4; ++i)
        feed.poll();
    QCOMPARE(log.ticks.size(), std::size_t(4));
    QCOMPARE(log.ticks[0].chunks.size(), CaptureFeed::kMaxChunksPerTick);
    QCOMPARE(log.ticks[1].chunks.size(), CaptureFeed::kMaxChunksPerTick);
    QCOMPARE(log.ticks[2].chunks.size(), std::size_t(25'000) - 2 * CaptureFeed::kMaxChunksPerTick);
    QVERIFY(log.ticks[3].chunks.empty());
    QCOMPARE(log.allSeqs(), range(1, 25'000));
}

void tst_CaptureFeed::budgetDropsReported()
{
    const qint64 chunkCost = CaptureStore::costOf(1);
    auto store = std::make_shared<CaptureStore>(chunkCost * 5);
    appendNumbered(*store, 5);
    CaptureFeed feed(store);
    TickLog log(feed);
    feed.poll();
    QCOMPARE(log.ticks[0].droppedChunks, quint64(0));
    QCOMPARE(log.ticks[0].firstKeptSeq, quint64(1));

    store->setBudget(chunkCost * 3); // drops 1 and 2, both handed out already
    feed.poll();
    QCOMPARE(log.ticks[1].droppedChunks, quint64(2));
    QCOMPARE(log.ticks[1].firstKeptSeq, quint64(3));
    QVERIFY(log.ticks[1].chunks.empty());

    // Four more over budget: 6 arrives and goes before any tick saw it; the store keeps 7..9.
    appendNumbered(*store, 4, 5);
    feed.poll();
    QCOMPARE(log.ticks[2].droppedChunks, quint64(4)); // 3, 4, 5 and 6
    QCOMPARE(log.ticks[2].firstKeptSeq, quint64(7));
    QCOMPARE(seqsOf(log.ticks[2].chunks), range(7, 9));
    QVERIFY2(log.ticks[2].continues(6), "a subscriber level at 6 lost 6 to the budget, not to the feed");

    feed.poll();
    QCOMPARE(log.ticks[3].droppedChunks, quint64(0));
}

void tst_CaptureFeed::clearIsReported()
{
    auto store = std::make_shared<CaptureStore>();
    appendNumbered(*store, 3);
    CaptureFeed feed(store);
    TickLog log(feed);
    QSignalSpy cleared(&feed, &CaptureFeed::cleared);
    feed.poll();
    feed.clear();
    QCOMPARE(cleared.size(), 1);
    QCOMPARE(store->stats().keptChunks, quint64(0));
    feed.poll();
    QCOMPARE(log.ticks[1].droppedChunks, quint64(0)); // the user's clear is not a loss to report
    QVERIFY(log.ticks[1].chunks.empty());
    appendNumbered(*store, 1);
    feed.poll();
    QCOMPARE(seqsOf(log.ticks[2].chunks), QList<quint64>{4});
}

void tst_CaptureFeed::subscribersSeeTheSameTicks()
{
    auto store = std::make_shared<CaptureStore>();
    store->append(chunkOf("GET ", core::Direction::Sent));
    CaptureFeed feed(store);
    TickLog first(feed);
    TickLog second(feed);
    ui::TrafficModel model;
    model.setFeed(&feed); // ticks once: everyone hears it
    ui::HexPanel panel;
    panel.setFeed(&feed);
    panel.setMode(ui::HexPanel::Mode::Conversation);
    store->append(chunkOf("200"));
    feed.poll();
    QCOMPARE(first.ticks.size(), second.ticks.size());
    QCOMPARE(first.ticks.size(), std::size_t(3)); // the model's join, the panel's join, the poll
    QCOMPARE(first.allSeqs(), (QList<quint64>{1, 2}));
    QCOMPARE(second.allSeqs(), first.allSeqs());
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(panel.view()->source()->read(0, 100), QByteArray("GET 200"));
}

void tst_CaptureFeed::backlogStopsAtWhatTicksHandedOut()
{
    auto store = std::make_shared<CaptureStore>(CaptureStore::costOf(1) * 6);
    appendNumbered(*store, 5);
    CaptureFeed feed(store);
    QVERIFY2(feed.backlog(1, 100).empty(), "nothing was handed out yet");
    feed.poll();
    appendNumbered(*store, 1, 5); // seq 6: no tick has handed it out
    QCOMPARE(seqsOf(feed.backlog(1, 100)), range(1, 5));
    QCOMPARE(seqsOf(feed.backlog(2, 2)), range(2, 3));
    QVERIFY(feed.backlog(6, 100).empty());
    appendNumbered(*store, 2, 6); // 7 and 8 push 1 and 2 out
    QCOMPARE(seqsOf(feed.backlog(1, 100)), range(3, 5)); // a dropped start begins at the first kept
}

void tst_CaptureFeed::lateSubscriberCatchesUp()
{
    auto store = std::make_shared<CaptureStore>();
    appendNumbered(*store, 25'000);
    CaptureFeed feed(store);
    for (int i = 0; i < 3; ++i)
        feed.poll(); // the feed has handed out everything before the model joins
    QCOMPARE(feed.nextSeq(), quint64(25'001));
    ui::TrafficModel model;
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    model.setFeed(&feed); // the join's tick brings the first bounded step of the backlog
    QCOMPARE(model.rowCount(), int(ui::TrafficModel::kMaxRowsPerRefresh));
    appendNumbered(*store, 5, 25'000); // new chunks while the model is still behind
    while (model.refresh()) {
    }
    QCOMPARE(model.rowCount(), 25'005);
    for (int row : {0, 9'999, 10'000, 24'999, 25'004})
        QCOMPARE(model.chunkAt(row).seq, quint64(row) + 1); // in order, none twice, none missing
    for (const QList<QVariant> &arguments : inserted)
        QVERIFY2(arguments.at(2).toInt() - arguments.at(1).toInt() + 1 <= int(ui::TrafficModel::kMaxRowsPerRefresh),
                 "catching up exceeded the per-tick bound");
}

void tst_CaptureFeed::timerTicks()
{
    auto store = std::make_shared<CaptureStore>();
    CaptureFeed feed(store);
    QVERIFY(!feed.isActive());
    QSignalSpy ticked(&feed, &CaptureFeed::ticked);
    feed.start();
    QVERIFY(feed.isActive());
    QTRY_VERIFY(ticked.size() >= 2);
    feed.stop();
    QVERIFY(!feed.isActive());
}

void tst_CaptureFeed::oneFeedPerTab()
{
    core::IoThread io;
    ui::ServerTab tab(io);
    const QList<CaptureFeed *> feeds = tab.findChildren<CaptureFeed *>();
    QCOMPARE(feeds.size(), 1);
    CaptureFeed *feed = tab.captureFeed();
    QCOMPARE(feeds.first(), feed);
    QCOMPARE(tab.traffic()->feed(), feed);
    QCOMPARE(tab.hexPanel()->feed(), feed);
    QCOMPARE(feed->store(), tab.session()->capture());
    QVERIFY(feed->isActive());

    // The feed's timer is the only repeating one at its pace in the tab; the panels run none.
    QList<QTimer *> polling;
    for (QTimer *timer : tab.findChildren<QTimer *>())
        if (timer->isActive() && !timer->isSingleShot() && timer->interval() <= CaptureFeed::kIntervalMs)
            polling << timer;
    QCOMPARE(polling.size(), 1);
    QCOMPARE(polling.first()->parent(), feed);
    for (QWidget *panel : {static_cast<QWidget *>(tab.traffic()), static_cast<QWidget *>(tab.hexPanel())})
        for (QTimer *timer : panel->findChildren<QTimer *>())
            QVERIFY2(!timer->isActive() || timer->isSingleShot(), "a panel polls on a timer of its own");

    // Both panels move with the feed's tick and not before it.
    feed->stop();
    tab.hexPanel()->setMode(ui::HexPanel::Mode::Conversation);
    tab.session()->capture()->append(chunkOf("ping"));
    QCoreApplication::processEvents();
    QCOMPARE(tab.traffic()->model()->rowCount(), 0);
    QCOMPARE(tab.hexPanel()->view()->source()->size(), qint64(0));
    feed->poll();
    QCOMPARE(tab.traffic()->model()->rowCount(), 1);
    QCOMPARE(tab.hexPanel()->view()->source()->read(0, 100), QByteArray("ping"));
}

void tst_CaptureFeed::tabClearGoesThroughTheFeed()
{
    core::IoThread io;
    ui::ServerTab tab(io);
    CaptureFeed *feed = tab.captureFeed();
    feed->stop();
    tab.session()->capture()->append(chunkOf("one"));
    feed->poll();
    tab.hexPanel()->showChunk(1);
    QCOMPARE(tab.hexPanel()->view()->source()->size(), qint64(3));
    QSignalSpy cleared(feed, &CaptureFeed::cleared);
    tab.traffic()->clear(); // the list's own Clear capture: the hex panel hears it too
    QCOMPARE(cleared.size(), 1);
    QCOMPARE(tab.traffic()->model()->rowCount(), 0);
    QCOMPARE(tab.hexPanel()->view()->source()->size(), qint64(0));
    QCOMPARE(tab.session()->capture()->stats().keptChunks, quint64(0));
}

QTEST_MAIN(tst_CaptureFeed)
#include "tst_capturefeed.moc"
