// Paint cost of the hex view against source size: renders the viewport of an 800×600 HexView into a
// QImage with 1 KB, 1 MB and 100 MB sources (and a 100 MB conversation of 1 KB segments), scrolled to the
// start, the middle and the end, and prints the mean microseconds per paint. Flat figures mean only the
// visible rows are touched.
// Also writes light- and dark-palette screenshots of a sample conversation to /tmp/hexview-*.png.
#include "ui/shell/darkpalette.h"
#include "hexsources.h"
#include "ui/hex/bytesource.h"
#include "ui/hex/hexview.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QImage>
#include <QPainter>
#include <QScrollBar>
#include <QStyle>
#include <QStyleFactory>

#include <cstdio>
#include <memory>

namespace {

constexpr int kFrames = 200;

double meanMicrosPerPaint(ui::HexView &view, QImage &image)
{
    // The viewport alone: rendering the whole widget would also time Fusion's scroll-bar gradient, whose
    // handle is largest (and slowest) for the smallest source.
    QPainter painter(&image);
    QWidget *viewport = view.viewport();
    viewport->render(&painter); // warm-up: glyph cache, first layout
    QElapsedTimer timer;
    timer.start();
    for (int frame = 0; frame < kFrames; ++frame)
        viewport->render(&painter);
    return double(timer.nsecsElapsed()) / kFrames / 1000.0;
}

void benchSource(const char *name, ui::ByteSource *source)
{
    ui::HexView view;
    view.resize(800, 600);
    view.setSource(source);
    view.show();
    QImage image(800, 600, QImage::Format_ARGB32_Premultiplied);
    const qint64 size = source->size();
    const struct { const char *where; qint64 offset; } positions[] = {
        {"start", 0}, {"middle", size / 2}, {"end", size}};
    for (const auto &position : positions) {
        view.scrollToOffset(position.offset);
        view.setSelection(position.offset, 40);
        std::printf("%-28s %-7s first row %9lld  %8.1f us/paint\n", name, position.where,
                    static_cast<long long>(view.firstVisibleRow()), meanMicrosPerPaint(view, image));
    }
}

void screenshot(const QPalette &palette, const QString &path)
{
    ui::SegmentedByteSource conversation;
    using Origin = ui::ByteSource::Origin;
    conversation.appendSegment(QByteArrayLiteral("GET /api/v1/status HTTP/1.1\r\nHost: 127.0.0.1:9000\r\n"
                                                 "Accept: */*\r\n\r\n"), Origin::Sent);
    conversation.appendSegment(QByteArrayLiteral("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n"
                                                 "Content-Length: 48\r\n\r\n"), Origin::Received);
    QByteArray binary;
    for (int i = 0; i < 48; ++i)
        binary.append(char(i < 8 ? 0 : i * 37));
    conversation.appendSegment(binary, Origin::Received);
    conversation.appendSegment(QByteArrayLiteral("\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03ping\n"),
                               Origin::Sent);

    ui::HexView view;
    view.setPalette(palette);
    view.setSource(&conversation);
    view.resize(view.layout().totalWidth() + view.verticalScrollBar()->sizeHint().width()
                    + 2 * view.frameWidth(), 320);
    view.show();
    view.activateWindow();
    view.setFocus();
    view.setSelection(0x45, 20);
    QApplication::processEvents();
    if (!view.grab().save(path))
        std::fprintf(stderr, "could not write %s\n", qPrintable(path));
    else
        std::printf("screenshot: %s\n", qPrintable(path));
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));

    std::printf("mean of %d paints of the viewport of an 800x600 HexView\n", kFrames);
    {
        // Untimed warm-up so the first figures do not carry glyph-cache and CPU clock ramp-up costs.
        ui::BufferByteSource source(benchsupport::hexPatternBytes(4096));
        ui::HexView view;
        view.resize(800, 600);
        view.setSource(&source);
        QImage image(800, 600, QImage::Format_ARGB32_Premultiplied);
        meanMicrosPerPaint(view, image);
    }
    benchsupport::forEachHexSource(benchSource);
    screenshot(QApplication::style()->standardPalette(), QStringLiteral("/tmp/hexview-light.png"));
    screenshot(ui::darkPalette(), QStringLiteral("/tmp/hexview-dark.png"));
    return 0;
}
