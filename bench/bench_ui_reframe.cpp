// Re-framing a full capture on the UI thread: a 64 MiB store of reads (lines of 100 bytes, or 2-byte length
// headers over 1 KiB records, cut into 16 KiB reads) is re-framed by a TrafficModel tick after tick, as when
// the user picks a framing. Prints, per framing, the longest single tick (the UI thread's longest stall),
// the ticks and total time to the last message, the message rows kept and those the rows' budget left out
// (the store's 64 MiB default, so this is past it), and the peak RSS (the 64 MiB store included). Then the
// same for the hex panel's whole conversation marking that framing (ConversationMarks): its longest tick,
// ticks, time, the message starts it keeps marked (the last 200,000) and the peak RSS.
#include "core/capture/capturestore.h"
#include "ui/capture/capturefeed.h"
#include "ui/hex/bytesource.h"
#include "ui/hex/hexpanel.h"
#include "ui/hex/hexview.h"
#include "ui/traffic/trafficmodel.h"

#include "benchsupport.h"

#include <QApplication>
#include <QElapsedTimer>

#include <algorithm>
#include <cstdio>

namespace {

std::shared_ptr<core::CaptureStore> fill(const QByteArray &stream, qsizetype readSize)
{
    auto store = std::make_shared<core::CaptureStore>(core::CaptureStore::kDefaultBudget * 2);
    core::CapturedChunk chunk;
    chunk.connection = 1;
    chunk.peer = core::SocketAddress::fromNumericHost(QStringLiteral("127.0.0.1"), 40000).value();
    for (qsizetype at = 0; at < stream.size(); at += readSize) {
        chunk.bytes = stream.mid(at, readSize);
        chunk.timeUs += 10;
        store->append(chunk);
    }
    return store;
}

struct Ticks
{
    double longestMs = 0;
    int count = 0;
    double totalMs = 0;
};

// Times `first` (which runs the first tick) and then `tick` until `done`: the longest tick, how many, in all.
template <typename First, typename Tick, typename Done>
Ticks measure(First first, Tick tick, Done done)
{
    Ticks ticks;
    QElapsedTimer total;
    total.start();
    QElapsedTimer one;
    one.start();
    first();
    ticks.longestMs = double(one.nsecsElapsed()) / 1e6;
    ticks.count = 1;
    while (!done()) {
        one.restart();
        tick();
        ticks.longestMs = std::max(ticks.longestMs, double(one.nsecsElapsed()) / 1e6);
        ++ticks.count;
    }
    ticks.totalMs = double(total.nsecsElapsed()) / 1e6;
    return ticks;
}

void run(const char *name, const QByteArray &stream, const core::FramingSpec &spec)
{
    const long rssBefore = bench::resetPeakRssKiB();
    auto store = fill(stream, 16 * 1024);
    ui::CaptureFeed feed(store);
    ui::TrafficModel model;
    model.setFeed(&feed);
    const Ticks ticks = measure([&] { model.setFraming(spec); }, [&] { model.refresh(); },
                                [&] { return model.pendingChunks() == 0; });
    std::printf("%-28s %6.1f MiB  longest tick %6.1f ms  %3d ticks  %7.0f ms in all  %7d rows kept  %7llu left out"
                "  peak RSS +%ld MiB\n",
                name, double(stream.size()) / 1048576.0, ticks.longestMs, ticks.count, ticks.totalMs,
                model.rowCount(), static_cast<unsigned long long>(model.droppedMessages()),
                (bench::peakRssKiB() - rssBefore) / 1024);
}

void runConversation(const QByteArray &stream, const core::FramingSpec &spec)
{
    const long rssBefore = bench::resetPeakRssKiB();
    auto store = fill(stream, 16 * 1024);
    ui::CaptureFeed feed(store);
    ui::HexPanel panel;
    panel.setFeed(&feed);
    panel.setMode(ui::HexPanel::Mode::Conversation);
    const auto *source = static_cast<const ui::SegmentedByteSource *>(panel.view()->source());
    const Ticks ticks = measure([&] { panel.setFraming(spec); }, [&] { feed.poll(); },
                                [&] { return source->size() >= stream.size(); });
    std::printf("  hex conversation marks      longest tick %6.1f ms  %3d ticks  %7.0f ms in all  %7zu marked"
                "                 peak RSS +%ld MiB\n",
                ticks.longestMs, ticks.count, ticks.totalMs, source->markedMessages(),
                (bench::peakRssKiB() - rssBefore) / 1024);
}

} // namespace

int main(int argc, char *argv[])
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const qsizetype total = 64 * 1024 * 1024;

    QByteArray lines;
    lines.reserve(total);
    const QByteArray line = QByteArray(99, 'x') + '\n';
    while (lines.size() + line.size() <= total)
        lines += line;
    core::FramingSpec delimiter;
    delimiter.kind = core::FramingKind::Delimiter;
    run("delimiter LF, 100 B lines", lines, delimiter);
    runConversation(lines, delimiter);

    QByteArray records;
    records.reserve(total);
    const QByteArray record = QByteArray("\x04\x00", 2) + QByteArray(1024, 'r');
    while (records.size() + record.size() <= total)
        records += record;
    core::FramingSpec length;
    length.kind = core::FramingKind::LengthPrefix;
    length.lengthWidth = 2;
    run("length 2 B BE, 1 KiB records", records, length);
    runConversation(records, length);
    return 0;
}
