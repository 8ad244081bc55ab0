// Cost of the hex view's accessible text against source size: reads the whole accessible text (what a
// screen reader asks for after each change) of an 800×600 HexView over 1 KB, 1 MB and 100 MB sources (and a
// 100 MB conversation of 1 KB segments), scrolled to the start, the middle and the end, and prints the mean
// microseconds per read and per announcement. Flat figures mean only the visible rows are formatted.
#include "hexsources.h"
#include "ui/hex/bytesource.h"
#include "ui/hex/hexview.h"
#include "ui/hex/hexviewaccessible.h"

#include <QAccessible>
#include <QApplication>
#include <QElapsedTimer>

#include <cstdio>

namespace {

constexpr int kReads = 500;

void ignoreEvent(QAccessibleEvent *)
{
}

template <typename Work>
double meanMicros(Work work)
{
    work(); // warm-up
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < kReads; ++i)
        work();
    return double(timer.nsecsElapsed()) / kReads / 1000.0;
}

void benchSource(const char *name, ui::ByteSource *source)
{
    ui::HexView view;
    view.resize(800, 600);
    view.setSource(source);
    view.show();
    QAccessibleTextInterface *text = QAccessible::queryAccessibleInterface(&view)->textInterface();
    const qint64 size = source->size();
    const struct { const char *where; qint64 offset; } positions[] = {{"start", 0}, {"middle", size / 2}, {"end", size}};
    for (const auto &position : positions) {
        view.scrollToOffset(position.offset);
        view.setSelection(position.offset, 40);
        qsizetype characters = 0;
        const double read = meanMicros([&] { characters = text->text(0, text->characterCount()).size(); });
        // Each announcement compares the new text with the last one told, whatever changed.
        const double announce = meanMicros([&] { ui::HexViewAccessible::announceChanges(&view); });
        std::printf("%-28s %-7s %6lld chars  %7.1f us/read  %7.1f us/announce\n", name, position.where,
                    static_cast<long long>(characters), read, announce);
    }
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    ui::HexViewAccessible::setEventSink(ignoreEvent); // offscreen has no bridge: time the work, drop the events
    std::printf("mean of %d reads of the accessible text of an 800x600 HexView\n", kReads);
    benchsupport::forEachHexSource(benchSource);
    return 0;
}
