// Tests for CaptureStore: budget, drop order and counters, paging by sequence number, and one writer thread
// against one reader thread (also meant to run under ThreadSanitizer).
#include "core/capture/capturestore.h"

#include <QTest>

#include <atomic>
#include <thread>

using namespace core;

namespace {

// A payload that names its chunk: the test can tell which chunk it got back from its bytes alone.
QByteArray payloadFor(quint64 index, qint64 size)
{
    return QByteArray(size, char('A' + index % 26));
}

CapturedChunk makeChunk(quint64 index, qint64 size, Direction direction = Direction::Received)
{
    CapturedChunk chunk;
    chunk.timeUs = qint64(1'000'000 + index);
    chunk.direction = direction;
    chunk.connection = 7;
    chunk.bytes = payloadFor(index, size);
    return chunk;
}

qint64 keptCost(const CaptureStats &stats)
{
    return qint64(stats.keptBytes) + qint64(stats.keptChunks) * CaptureStore::kChunkOverhead;
}

// The invariants every state of the store must satisfy; an empty string when they hold.
QString brokenInvariant(const CaptureStats &stats, quint64 firstSeq, quint64 endSeq)
{
    if (stats.keptChunks > 1 && keptCost(stats) > stats.budgetBytes)
        return QStringLiteral("kept cost %1 is over the budget %2")
            .arg(QString::number(keptCost(stats)), QString::number(stats.budgetBytes));
    if (endSeq - firstSeq != stats.keptChunks)
        return QStringLiteral("kept range [%1, %2) but %3 chunks kept")
            .arg(QString::number(firstSeq), QString::number(endSeq), QString::number(stats.keptChunks));
    return {};
}

constexpr quint64 kConcurrentAppends = 200'000;

qint64 concurrentSize(quint64 seq)
{
    return qint64((seq - 1) % 64);
}

Direction concurrentDirection(quint64 seq)
{
    return seq % 3 == 0 ? Direction::Sent : Direction::Received;
}

struct PollResult
{
    QString failure;
    quint64 next = 1; // one past the last seq read
    quint64 read = 0;
};

// The UI's side of the concurrency test: page through the store until the writer is done and every chunk
// has been seen. No QVERIFY here: a failure must not return before the writer thread is joined.
PollResult pollUntilWriterDone(const CaptureStore &store, const std::atomic<bool> &writerDone)
{
    PollResult result;
    for (bool lastRound = false; result.failure.isEmpty();) {
        lastRound = writerDone; // read before polling, so the final poll sees every append
        const std::vector<CapturedChunk> page = store.chunksSince(result.next, 512);
        for (const CapturedChunk &chunk : page) {
            if (chunk.seq < result.next || chunk.bytes != payloadFor(chunk.seq, concurrentSize(chunk.seq)))
                result.failure = QStringLiteral("seq %1 out of order or with wrong bytes").arg(chunk.seq);
            result.next = chunk.seq + 1;
        }
        result.read += page.size();
        const CaptureStats stats = store.stats();
        if (stats.keptChunks > 1 && keptCost(stats) > stats.budgetBytes)
            result.failure = QStringLiteral("kept cost %1 over budget").arg(keptCost(stats));
        if (stats.keptChunks + stats.droppedChunks != stats.chunksIn + stats.chunksOut)
            result.failure = QStringLiteral("kept + dropped != appended");
        if (lastRound && page.empty())
            break;
    }
    return result;
}

} // namespace

class tst_CaptureStore : public QObject
{
    Q_OBJECT

private slots:
    void appendKeepsEveryFieldAndNumbersFromOne();
    void budgetHonouredUnderAppends_data();
    void budgetHonouredUnderAppends();
    void oldestDroppedFirst();
    void totalsExactAfterDrops();
    void emptyChunksCountAgainstBudget();
    void setBudgetShrinkDropsOldestNow();
    void oversizedChunkKeptAlone();
    void clearResetsKeptAndDroppedButNotTotals();
    void chunksSince_data();
    void chunksSince();
    void pagingAcrossDropsBetweenPages();
    void chunkLookup();
    void concurrentAppendAndRead();
};

void tst_CaptureStore::appendKeepsEveryFieldAndNumbersFromOne()
{
    CaptureStore store;
    QCOMPARE(store.firstSeq(), 1u);
    QCOMPARE(store.endSeq(), 1u);

    CapturedChunk sent = makeChunk(0, 3, Direction::Sent);
    sent.seq = 99; // the store's numbering wins
    sent.local = *SocketAddress::fromNumericHost(QStringLiteral("127.0.0.1"), 5000);
    sent.peer = *SocketAddress::fromNumericHost(QStringLiteral("::1"), 6000);
    QCOMPARE(store.append(sent), 1u);
    QCOMPARE(store.append(makeChunk(1, 5)), 2u);
    QCOMPARE(store.firstSeq(), 1u);
    QCOMPARE(store.endSeq(), 3u);

    const std::optional<CapturedChunk> got = store.chunk(1);
    QVERIFY2(got.has_value(), "chunk 1 is kept");
    QCOMPARE(got->seq, 1u);
    QCOMPARE(got->timeUs, 1'000'000);
    QCOMPARE(got->direction, Direction::Sent);
    QCOMPARE(got->connection, 7u);
    QCOMPARE(got->local.toString(), QStringLiteral("127.0.0.1:5000"));
    QCOMPARE(got->peer.toString(), QStringLiteral("[::1]:6000"));
    QCOMPARE(got->bytes, QByteArray("AAA"));
    QCOMPARE(store.chunk(2)->bytes, QByteArray("BBBBB"));
    QCOMPARE(store.chunk(2)->direction, Direction::Received);
    QCOMPARE(store.stats().budgetBytes, CaptureStore::kDefaultBudget);
}

void tst_CaptureStore::budgetHonouredUnderAppends_data()
{
    QTest::addColumn<qint64>("budget");
    QTest::addColumn<int>("sizeModulus"); // chunk i carries (i * 37) % sizeModulus bytes
    QTest::addColumn<int>("appends");

    QTest::newRow("small chunks, small budget") << CaptureStore::costOf(100) * 10 << 200 << 2000;
    QTest::newRow("mixed sizes, 64 KiB") << qint64(64 * 1024) << 4096 << 3000;
    QTest::newRow("chunks near the budget") << CaptureStore::costOf(1000) << 1001 << 500;
    QTest::newRow("many empty chunks") << CaptureStore::kChunkOverhead * 3 << 1 << 1000;
}

void tst_CaptureStore::budgetHonouredUnderAppends()
{
    QFETCH(qint64, budget);
    QFETCH(int, sizeModulus);
    QFETCH(int, appends);

    CaptureStore store(budget);
    quint64 totalBytes = 0;
    for (int i = 0; i < appends; ++i) {
        const qint64 size = (qint64(i) * 37) % sizeModulus;
        totalBytes += quint64(size);
        store.append(makeChunk(quint64(i), size));
        const CaptureStats stats = store.stats();
        const QString broken = brokenInvariant(stats, store.firstSeq(), store.endSeq());
        QVERIFY2(broken.isEmpty(), qPrintable(QStringLiteral("after append %1: %2").arg(i).arg(broken)));
        QCOMPARE(stats.keptChunks + stats.droppedChunks, quint64(i + 1));
        QCOMPARE(stats.keptBytes + stats.droppedBytes, totalBytes);
    }
    QVERIFY2(store.stats().droppedChunks > 0, "the budget was small enough to force drops");
}

void tst_CaptureStore::oldestDroppedFirst()
{
    CaptureStore store(CaptureStore::costOf(100) * 10);
    for (quint64 i = 1; i <= 25; ++i)
        store.append(makeChunk(i, 100));

    const CaptureStats stats = store.stats();
    QCOMPARE(stats.keptChunks, 10u);
    QCOMPARE(stats.keptBytes, 1000u);
    QCOMPARE(stats.droppedChunks, 15u);
    QCOMPARE(stats.droppedBytes, 1500u);
    QCOMPARE(store.firstSeq(), 16u);
    QCOMPARE(store.endSeq(), 26u);
    const std::vector<CapturedChunk> kept = store.chunksSince(0, 100);
    QCOMPARE(kept.size(), 10u);
    for (std::size_t i = 0; i < kept.size(); ++i) {
        QCOMPARE(kept[i].seq, 16u + i);
        QCOMPARE(kept[i].bytes, payloadFor(16 + i, 100));
    }
}

void tst_CaptureStore::totalsExactAfterDrops()
{
    CaptureStore store(CaptureStore::costOf(50) * 4);
    quint64 in = 0;
    quint64 out = 0;
    for (quint64 i = 0; i < 300; ++i) {
        const bool sent = i % 3 == 0;
        const qint64 size = qint64(i % 90);
        (sent ? out : in) += quint64(size);
        store.append(makeChunk(i, size, sent ? Direction::Sent : Direction::Received));
    }

    const CaptureStats stats = store.stats();
    QCOMPARE(stats.chunksOut, 100u);
    QCOMPARE(stats.chunksIn, 200u);
    QCOMPARE(stats.bytesOut, out);
    QCOMPARE(stats.bytesIn, in);
    QVERIFY2(stats.droppedChunks > 250, qPrintable(QString::number(stats.droppedChunks)));
    QCOMPARE(stats.keptBytes + stats.droppedBytes, in + out);
}

void tst_CaptureStore::emptyChunksCountAgainstBudget()
{
    CaptureStore store(CaptureStore::kChunkOverhead * 5);
    for (quint64 i = 0; i < 100; ++i)
        store.append(makeChunk(i, 0));

    const CaptureStats stats = store.stats();
    QCOMPARE(stats.keptChunks, 5u);
    QCOMPARE(stats.keptBytes, 0u);
    QCOMPARE(stats.droppedChunks, 95u);
    QCOMPARE(stats.droppedBytes, 0u);
    QCOMPARE(stats.chunksIn, 100u);
    QCOMPARE(stats.bytesIn, 0u);
    QCOMPARE(store.firstSeq(), 96u);
}

void tst_CaptureStore::setBudgetShrinkDropsOldestNow()
{
    CaptureStore store(CaptureStore::costOf(100) * 10);
    for (quint64 i = 1; i <= 10; ++i)
        store.append(makeChunk(i, 100));
    QCOMPARE(store.stats().droppedChunks, 0u);

    store.setBudget(CaptureStore::costOf(100) * 3);
    CaptureStats stats = store.stats();
    QCOMPARE(stats.budgetBytes, CaptureStore::costOf(100) * 3);
    QCOMPARE(stats.keptChunks, 3u);
    QCOMPARE(stats.droppedChunks, 7u);
    QCOMPARE(stats.droppedBytes, 700u);
    QCOMPARE(store.firstSeq(), 8u);

    store.setBudget(CaptureStore::costOf(100) * 5); // growing brings nothing back...
    QCOMPARE(store.stats().keptChunks, 3u);
    for (quint64 i = 11; i <= 14; ++i) // ...but makes room for new chunks
        store.append(makeChunk(i, 100));
    stats = store.stats();
    QCOMPARE(stats.keptChunks, 5u);
    QCOMPARE(stats.droppedChunks, 9u);
    QCOMPARE(store.firstSeq(), 10u);
}

void tst_CaptureStore::oversizedChunkKeptAlone()
{
    CaptureStore store(CaptureStore::costOf(100) * 10);
    for (quint64 i = 1; i <= 5; ++i)
        store.append(makeChunk(i, 100));

    store.append(makeChunk(6, 100'000));
    CaptureStats stats = store.stats();
    QCOMPARE(stats.keptChunks, 1u);
    QCOMPARE(stats.keptBytes, 100'000u);
    QCOMPARE(stats.droppedChunks, 5u);
    QCOMPARE(stats.droppedBytes, 500u);
    QCOMPARE(store.firstSeq(), 6u);

    store.append(makeChunk(7, 100)); // the oversized chunk is no longer the newest: it goes
    stats = store.stats();
    QCOMPARE(stats.keptChunks, 1u);
    QCOMPARE(stats.droppedBytes, 100'500u);
    QCOMPARE(store.chunk(7)->bytes, payloadFor(7, 100));

    store.setBudget(-5); // clamped to 0: still the newest chunk alone
    QCOMPARE(store.stats().budgetBytes, 0);
    store.append(makeChunk(8, 1));
    QCOMPARE(store.stats().keptChunks, 1u);
    QCOMPARE(store.firstSeq(), 8u);
}

void tst_CaptureStore::clearResetsKeptAndDroppedButNotTotals()
{
    CaptureStore store(CaptureStore::costOf(10) * 4);
    for (quint64 i = 0; i < 10; ++i)
        store.append(makeChunk(i, 10, i % 2 ? Direction::Sent : Direction::Received));
    QCOMPARE(store.stats().droppedChunks, 6u);

    store.clear();
    CaptureStats stats = store.stats();
    QCOMPARE(stats.keptChunks, 0u);
    QCOMPARE(stats.keptBytes, 0u);
    QCOMPARE(stats.droppedChunks, 0u);
    QCOMPARE(stats.droppedBytes, 0u);
    QCOMPARE(stats.chunksIn, 5u);
    QCOMPARE(stats.chunksOut, 5u);
    QCOMPARE(stats.bytesIn, 50u);
    QCOMPARE(stats.bytesOut, 50u);
    QCOMPARE(store.firstSeq(), 11u);
    QCOMPARE(store.endSeq(), 11u);
    QVERIFY2(store.chunksSince(0, 100).empty(), "nothing kept after clear");

    QCOMPARE(store.append(makeChunk(11, 10)), 11u); // numbering carries on
    const std::vector<CapturedChunk> after = store.chunksSince(0, 100);
    QCOMPARE(after.size(), 1u);
    QCOMPARE(after.front().seq, 11u);
    QCOMPARE(store.stats().chunksIn, 6u);
}

void tst_CaptureStore::chunksSince_data()
{
    QTest::addColumn<quint64>("fromSeq");
    QTest::addColumn<int>("maxChunks");
    QTest::addColumn<quint64>("expectedFirst");
    QTest::addColumn<int>("expectedCount");

    // The store holds seqs 16 to 25; 1 to 15 were dropped.
    QTest::newRow("from 0") << quint64(0) << 1 << quint64(16) << 1;
    QTest::newRow("from a dropped seq") << quint64(1) << 4 << quint64(16) << 4;
    QTest::newRow("last dropped seq") << quint64(15) << 100 << quint64(16) << 10;
    QTest::newRow("at first kept") << quint64(16) << 100 << quint64(16) << 10;
    QTest::newRow("middle") << quint64(20) << 3 << quint64(20) << 3;
    QTest::newRow("tail, limit not reached") << quint64(24) << 10 << quint64(24) << 2;
    QTest::newRow("last kept") << quint64(25) << 10 << quint64(25) << 1;
    QTest::newRow("at end") << quint64(26) << 10 << quint64(0) << 0;
    QTest::newRow("beyond end") << quint64(1000) << 10 << quint64(0) << 0;
    QTest::newRow("zero max") << quint64(16) << 0 << quint64(0) << 0;
}

void tst_CaptureStore::chunksSince()
{
    QFETCH(quint64, fromSeq);
    QFETCH(int, maxChunks);
    QFETCH(quint64, expectedFirst);
    QFETCH(int, expectedCount);

    CaptureStore store(CaptureStore::costOf(8) * 10);
    for (quint64 i = 1; i <= 25; ++i)
        store.append(makeChunk(i, 8));

    const std::vector<CapturedChunk> page = store.chunksSince(fromSeq, std::size_t(maxChunks));
    QCOMPARE(int(page.size()), expectedCount);
    for (std::size_t i = 0; i < page.size(); ++i) {
        QCOMPARE(page[i].seq, expectedFirst + i);
        QCOMPARE(page[i].bytes, payloadFor(expectedFirst + i, 8));
    }
}

void tst_CaptureStore::pagingAcrossDropsBetweenPages()
{
    CaptureStore store(CaptureStore::costOf(8) * 10);
    for (quint64 i = 1; i <= 10; ++i)
        store.append(makeChunk(i, 8));

    std::vector<CapturedChunk> page = store.chunksSince(1, 4);
    QCOMPARE(page.back().seq, 4u);
    for (quint64 i = 11; i <= 17; ++i) // drops 1 to 7 while the reader is between pages
        store.append(makeChunk(i, 8));

    QList<quint64> seen;
    quint64 next = page.back().seq + 1;
    while (!(page = store.chunksSince(next, 4)).empty()) {
        for (const CapturedChunk &chunk : page)
            seen.append(chunk.seq);
        next = page.back().seq + 1;
    }
    QCOMPARE(seen, (QList<quint64>{8, 9, 10, 11, 12, 13, 14, 15, 16, 17}));
    QCOMPARE(next, store.endSeq());
}

void tst_CaptureStore::chunkLookup()
{
    CaptureStore store(CaptureStore::costOf(8) * 3);
    for (quint64 i = 1; i <= 5; ++i)
        store.append(makeChunk(i, 8));

    QVERIFY2(!store.chunk(0).has_value(), "seq 0 is never assigned");
    QVERIFY2(!store.chunk(2).has_value(), "seq 2 was dropped");
    QVERIFY2(!store.chunk(6).has_value(), "seq 6 does not exist yet");
    for (quint64 seq = 3; seq <= 5; ++seq) {
        const std::optional<CapturedChunk> got = store.chunk(seq);
        QVERIFY2(got.has_value(), qPrintable(QStringLiteral("seq %1 is kept").arg(seq)));
        QCOMPARE(got->seq, seq);
        QCOMPARE(got->bytes, payloadFor(seq, 8));
    }
}

void tst_CaptureStore::concurrentAppendAndRead()
{
    CaptureStore store(256 * 1024);
    std::atomic<bool> writerDone = false;
    std::thread writer([&] {
        for (quint64 seq = 1; seq <= kConcurrentAppends; ++seq)
            store.append(makeChunk(seq, concurrentSize(seq), concurrentDirection(seq)));
        writerDone = true;
    });
    const PollResult poll = pollUntilWriterDone(store, writerDone);
    writer.join();
    QVERIFY2(poll.failure.isEmpty(), qPrintable(poll.failure));

    quint64 in = 0;
    quint64 out = 0;
    for (quint64 seq = 1; seq <= kConcurrentAppends; ++seq)
        (concurrentDirection(seq) == Direction::Sent ? out : in) += quint64(concurrentSize(seq));
    const CaptureStats stats = store.stats();
    QCOMPARE(stats.chunksIn + stats.chunksOut, kConcurrentAppends);
    QCOMPARE(stats.chunksOut, kConcurrentAppends / 3);
    QCOMPARE(stats.bytesIn, in);
    QCOMPARE(stats.bytesOut, out);
    QCOMPARE(stats.keptBytes + stats.droppedBytes, in + out);
    QCOMPARE(store.endSeq(), kConcurrentAppends + 1);
    QCOMPARE(poll.next, kConcurrentAppends + 1); // the newest chunk is always kept, so the reader sees it
    QVERIFY2(poll.read > 0 && poll.read <= kConcurrentAppends, qPrintable(QString::number(poll.read)));
}

QTEST_APPLESS_MAIN(tst_CaptureStore)

#include "tst_capturestore.moc"
