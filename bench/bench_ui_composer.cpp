// The send composer with large payloads: for each paste, the time inside the paste call, the longest gap of a
// zero-interval heartbeat (the UI thread's longest stall) from the paste until the payload is ready and again
// while it is sent in chunks, and the peak RSS of the scenario. Pastes at the editor's caps go into the editor
// (that is their layout cost); larger ones are held as bytes. Then the settings: save and load of a composer
// with a full history and a full draft, and the first load of a file an older version left with two 50 MB
// history entries.
#include "tests/support/stallmeter.h"
#include "ui/compose/largepayloadcard.h"
#include "ui/compose/payloadeditor.h"
#include "ui/compose/sendcomposer.h"

#include "benchsupport.h"

#include <QApplication>
#include <QClipboard>
#include <QElapsedTimer>
#include <QFile>
#include <QKeyEvent>
#include <QSettings>
#include <QStyleFactory>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>

using testsupport::StallMeter;

namespace {

// Printable ASCII without spaces (nothing for the line breaker to break at: the worst case for layout), with
// a '\n' after every `lineLength` characters (0: one line).
QString asciiText(qsizetype size, qsizetype lineLength)
{
    QString text(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i)
        text[i] = lineLength > 0 && i % (lineLength + 1) == lineLength ? QChar(u'\n') : QChar(char16_t(u'!' + (i * 7) % 90));
    return text;
}

void benchPaste(const char *name, const QString &text)
{
    const long rssBefore = bench::resetPeakRssKiB();
    ui::SendComposer composer;
    composer.resize(900, 200);
    composer.show();
    QApplication::clipboard()->setText(text);
    QApplication::processEvents();
    qint64 sent = 0;
    QObject::connect(&composer, &ui::SendComposer::sendRequested, [&sent](const QByteArray &bytes) { sent += bytes.size(); });

    StallMeter stalls;
    QElapsedTimer timer;
    timer.start();
    composer.findChild<ui::PayloadEditor *>()->paste();
    const double pasteMs = double(timer.nsecsElapsed()) / 1e6;
    ui::LargePayloadCard *card = composer.largePayloadCard();
    const bool held = card->isActive();
    if (!bench::waitFor([&] { return !card->isConverting(); }))
        std::printf("%s: the paste never became bytes\n", name);
    QApplication::processEvents(); // the editor's layout and paint, when the text went there
    const double readyMs = double(timer.nsecsElapsed()) / 1e6;
    const double pasteStall = stalls.take();

    timer.start();
    composer.send();
    bench::waitFor([&] { return !composer.isSendingFile(); });
    const double sendMs = double(timer.nsecsElapsed()) / 1e6;
    const double sendStall = stalls.take();
    std::printf("%-34s %-6s paste call %7.1f ms, ready %7.1f ms, longest stall %7.1f ms | send %7.1f ms "
                "(%lld bytes), longest stall %5.1f ms | peak RSS %ld MiB (+%ld)\n",
                name, held ? "bytes" : "editor", pasteMs, readyMs, pasteStall, sendMs, static_cast<long long>(sent),
                sendStall, bench::peakRssKiB() / 1024, (bench::peakRssKiB() - rssBefore) / 1024);
    QApplication::clipboard()->clear();
}

// One keystroke in an editor at its cap: the composer re-encodes and re-previews the whole text each time.
void benchTyping(const char *name, const QString &text)
{
    ui::SendComposer composer;
    composer.resize(900, 200);
    composer.show();
    composer.setText(text);
    auto *editor = composer.findChild<ui::PayloadEditor *>();
    editor->moveCursor(QTextCursor::Start);
    QApplication::processEvents();
    double longestMs = 0;
    for (int i = 0; i < 20; ++i) {
        QElapsedTimer timer;
        timer.start();
        QKeyEvent press(QEvent::KeyPress, i % 2 ? Qt::Key_Backspace : Qt::Key_A, Qt::NoModifier,
                        i % 2 ? QStringLiteral("\b") : QStringLiteral("a"));
        QApplication::sendEvent(editor, &press);
        QApplication::processEvents();
        longestMs = qMax(longestMs, double(timer.nsecsElapsed()) / 1e6);
    }
    std::printf("%-34s typing: longest keystroke %.1f ms\n", name, longestMs);
}

void fillComposer(ui::SendComposer &composer)
{
    // As full as the history's bounds allow: 50 distinct entries under 4 KiB, 64 Ki characters in all.
    for (int i = 0; i < 50; ++i) {
        composer.setText(QString::number(i) + asciiText(1300, 99));
        composer.send();
    }
    composer.setText(asciiText(ui::PayloadEditor::kMaxChars - 1, 999)); // a draft at the editor's cap
}

void benchSettings(const QString &directory)
{
    const QString path = directory + QStringLiteral("/full.ini");
    ui::SendComposer composer;
    fillComposer(composer);
    QElapsedTimer timer;
    timer.start();
    {
        QSettings settings(path, QSettings::IniFormat);
        composer.saveState(settings, QStringLiteral("composer"));
    }
    const double saveMs = double(timer.nsecsElapsed()) / 1e6;
    timer.start();
    ui::SendComposer restored;
    {
        QSettings settings(path, QSettings::IniFormat);
        restored.restoreState(settings, QStringLiteral("composer"));
    }
    const double loadMs = double(timer.nsecsElapsed()) / 1e6;
    std::printf("settings, full history (%lld entries) + 1 MiB draft: file %lld KiB, save %.1f ms, load %.1f ms\n",
                static_cast<long long>(restored.history().size()), QFile(path).size() / 1024, saveMs, loadMs);
}

void benchOldSettings(const QString &directory)
{
    const QString path = directory + QStringLiteral("/old.ini");
    {
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return;
        const QByteArray huge(50 * 1000 * 1000, 'x');
        file.write("[composer]\nmode=text\nencoding=UTF-8\nlineEnding=none\n");
        for (int i = 1; i <= 2; ++i) {
            const QByteArray prefix = "history\\" + QByteArray::number(i) + "\\";
            file.write(prefix + "mode=text\n" + prefix + "encoding=UTF-8\n" + prefix + "lineEnding=none\n");
            file.write(prefix + "text=" + huge + "\n");
        }
        file.write("history\\size=2\n");
    }
    const long rssBefore = bench::resetPeakRssKiB();
    QElapsedTimer timer;
    timer.start();
    ui::SendComposer composer;
    {
        QSettings settings(path, QSettings::IniFormat);
        composer.restoreState(settings, QStringLiteral("composer"));
    }
    const double loadMs = double(timer.nsecsElapsed()) / 1e6;
    timer.start();
    {
        QSettings settings(path, QSettings::IniFormat);
        composer.saveState(settings, QStringLiteral("composer"));
    }
    const double saveMs = double(timer.nsecsElapsed()) / 1e6;
    std::printf("settings from an older version, 2 x 50 MB history: load %.1f ms (%lld dropped, peak RSS +%ld MiB), "
                "save %.1f ms, file now %lld bytes\n",
                loadMs, static_cast<long long>(composer.history().droppedOnRestore()),
                (bench::peakRssKiB() - rssBefore) / 1024, saveMs, QFile(path).size());
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));

    benchPaste("warm-up, 1 KiB", asciiText(1024, 0));
    benchPaste("16 KiB one line (line cap)", asciiText(ui::PayloadEditor::kMaxLineChars, 0));
    benchPaste("1 MiB in 80-char lines (total cap)", asciiText(ui::PayloadEditor::kMaxChars, 79));
    benchPaste("1 MiB in 16 KiB lines (both caps)", asciiText(ui::PayloadEditor::kMaxChars, 16383));
    benchTyping("1 MiB in 80-char lines (total cap)", asciiText(ui::PayloadEditor::kMaxChars - 1, 79));
    benchTyping("16 KiB one line (line cap)", asciiText(ui::PayloadEditor::kMaxLineChars - 1, 0));
    benchPaste("256 KiB one line", asciiText(256 * 1024, 0));
    benchPaste("1 MiB one line", asciiText(1024 * 1024, 0));
    benchPaste("50 MiB in 80-char lines", asciiText(50 * 1024 * 1024, 79));

    QTemporaryDir directory;
    if (!directory.isValid())
        return 1;
    benchSettings(directory.path());
    benchOldSettings(directory.path());
    return 0;
}
