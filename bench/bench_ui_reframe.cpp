// Re-framing a full capture on the UI thread: a 64 MiB store of reads (lines of 100 bytes, or 2-byte length
// headers over 1 KiB records, cut into 16 KiB reads) is re-framed by a TrafficModel tick after tick, as when
// the user picks a framing. Prints, per framing, the longest single tick (the UI thread's longest stall),
// the ticks and total time to the last message, the message rows kept and those the rows' budget left out
// (the store's 64 MiB default, so this is past it), and the peak RSS (the 64 MiB store included).
#include "core/capture/capturestore.h"
#include "ui/capture/capturefeed.h"
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

void run(const char *name, const QByteArray &stream, const core::FramingSpec &spec)
{
    const long rssBefore = bench::resetPeakRssKiB();
    auto store = fill(stream, 16 * 1024);
    ui::CaptureFeed feed(store);
    ui::TrafficModel model;
    model.setFeed(&feed);
    QElapsedTimer total;
    total.start();
    QElapsedTimer tick;
    tick.start();
    model.setFraming(spec); // the first tick runs inside
    double longestMs = double(tick.nsecsElapsed()) / 1e6;
    int ticks = 1;
    while (model.pendingChunks() > 0) {
        tick.restart();
        model.refresh();
        longestMs = std::max(longestMs, double(tick.nsecsElapsed()) / 1e6);
        ++ticks;
    }
    std::printf("%-28s %6.1f MiB  longest tick %6.1f ms  %3d ticks  %7.0f ms in all  %7d rows kept  %7llu left out"
                "  peak RSS +%ld MiB\n",
                name, double(stream.size()) / 1048576.0, longestMs, ticks, double(total.nsecsElapsed()) / 1e6,
                model.rowCount(), static_cast<unsigned long long>(model.droppedMessages()),
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

    QByteArray records;
    records.reserve(total);
    const QByteArray record = QByteArray("\x04\x00", 2) + QByteArray(1024, 'r');
    while (records.size() + record.size() <= total)
        records += record;
    core::FramingSpec length;
    length.kind = core::FramingKind::LengthPrefix;
    length.lengthWidth = 2;
    run("length 2 B BE, 1 KiB records", records, length);
    return 0;
}
