// SendComposer on the offscreen platform, driven through its real widgets: exact bytes per mode, encoding
// and line ending; input errors that block sending with 1-based positions; Ctrl+Enter; setSendEnabled;
// repeat runs; files sent in chunks with back-pressure, cancel and errors; history; saved state; layout.
// Set SOCKSCOPE_SCREENSHOT_DIR to also write composer.png and composer-dark.png there.
#include "support/palettes.h"
#include "support/translations.h"
#include "ui/compose/sendcomposer.h"

#include <QAccessible>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QMenu>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStyleFactory>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include <memory>

using namespace Qt::StringLiterals;
using testsupport::applyTestPalette;
using testsupport::PaletteTone;
using ui::SendComposer;

namespace {

constexpr qint64 kChunk = 64 * 1024;

template<typename T>
T *child(const QWidget &parent, const char *name)
{
    T *widget = parent.findChild<T *>(QLatin1String(name));
    if (!widget)
        qFatal("no child named %s", name);
    return widget;
}

QPlainTextEdit *editor(const SendComposer &composer)
{
    return child<QPlainTextEdit>(composer, "payloadEditor");
}

QPushButton *sendButton(const SendComposer &composer)
{
    return child<QPushButton>(composer, "sendButton");
}

// QTest::keyClicks() squeezes each character through Latin-1; this types any text, one key event per QChar.
void typeText(QWidget *widget, const QString &text)
{
    for (const QChar c : text) {
        if (c.unicode() < 0x80)
            QTest::keyClick(widget, char(c.unicode()));
        else
            QTest::sendKeyEvent(QTest::Click, widget, Qt::Key_unknown, QString(c), Qt::NoModifier);
    }
}

void chooseItem(QComboBox *combo, const QString &text)
{
    const int index = combo->findText(text);
    QVERIFY2(index >= 0, qPrintable(u"no item “%1” in %2"_s.arg(text, combo->objectName())));
    combo->setCurrentIndex(index);
}

// The bytes of every sendRequested() so far, concatenated.
QByteArray sentBytes(const QSignalSpy &spy)
{
    QByteArray all;
    for (const QList<QVariant> &arguments : spy)
        all += arguments.at(0).toByteArray();
    return all;
}

// The named widgets Tab visits from `start`, in order (skipping hidden, disabled and unfocusable ones).
QStringList tabOrder(QWidget *start)
{
    QStringList names;
    QWidget *widget = start;
    do {
        if (widget->isVisible() && widget->isEnabled() && (widget->focusPolicy() & Qt::TabFocus)
            && !widget->objectName().isEmpty() && !widget->objectName().startsWith(u"qt_"_s))
            names.append(widget->objectName());
        widget = widget->nextInFocusChain();
    } while (widget != start && names.size() < 100);
    return names;
}

QByteArray seededBytes(qsizetype size)
{
    QRandomGenerator random(20240611);
    QByteArray bytes(size, Qt::Uninitialized);
    for (char &byte : bytes)
        byte = static_cast<char>(random.bounded(256));
    return bytes;
}

// WCAG relative luminance and contrast ratio: 4.5 is the bar for normal text.
double luminance(const QColor &colour)
{
    const auto channel = [](double c) { return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4); };
    return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) + 0.0722 * channel(colour.blueF());
}

double contrast(const QColor &a, const QColor &b)
{
    const double la = luminance(a), lb = luminance(b);
    return (qMax(la, lb) + 0.05) / (qMin(la, lb) + 0.05);
}

} // namespace

class tst_SendComposer : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void exactBytes_data();
    void exactBytes();
    void ctrlEnterSends_data();
    void ctrlEnterSends();
    void inputErrorBlocksSending_data();
    void inputErrorBlocksSending();
    void errorColourIsReadable_data();
    void errorColourIsReadable();
    void previewIsCapped();
    void sendDisabledWithReason();

    void repeatSendsExactlyNTimes();
    void repeatUntilStopped();
    void repeatStopsWhenSendingIsDisabled();
    void repeatPausesUnderBackPressure_data();
    void repeatPausesUnderBackPressure();

    void sendFileByteExact();
    void backPressurePausesFile();
    void cancelMidFile();
    void disablingSendingCancelsFile();
    void unreadableFile_data();
    void unreadableFile();

    void historyRecallWithKeys();
    void historyMenu();
    void historyIsDistinctAndCapped();
    void saveRestoreRoundTrip();

    void actionWidgetSitsBeforeSend();
    void layoutFitsWithoutTruncation_data();
    void layoutFitsWithoutTruncation();
    void everyControlIsNamed();
    void liveLabelsAreReadAloud();

private:
    std::unique_ptr<SendComposer> m_composer;
    QTemporaryDir m_dir;
};

void tst_SendComposer::initTestCase()
{
    QApplication::setStyle(QStyleFactory::create(u"Fusion"_s));
    QVERIFY2(m_dir.isValid(), qPrintable(m_dir.errorString()));
}

void tst_SendComposer::init()
{
    m_composer = std::make_unique<SendComposer>();
    m_composer->resize(900, 150);
    m_composer->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_composer.get()));
    editor(*m_composer)->setFocus();
}

void tst_SendComposer::cleanup()
{
    m_composer.reset();
    applyTestPalette(PaletteTone::Light);
}

void tst_SendComposer::exactBytes_data()
{
    QTest::addColumn<QString>("mode");
    QTest::addColumn<QString>("encoding");
    QTest::addColumn<int>("lineEnding"); // index in the combo, in core::LineEnding order
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QByteArray>("bytes");

    QTest::newRow("text + LF") << u"Text"_s << u"UTF-8"_s << 1 << u"hello"_s << QByteArray("hello\n");
    QTest::newRow("text + CRLF") << u"Text"_s << u"UTF-8"_s << 2 << u"GET /"_s << QByteArray("GET /\r\n");
    QTest::newRow("text + CR") << u"Text"_s << u"UTF-8"_s << 3 << u"x"_s << QByteArray("x\r");
    QTest::newRow("hex") << u"Hex"_s << u"UTF-8"_s << 0 << u"48 65 6c 6c 6f"_s << QByteArray("Hello");
    QTest::newRow("hex 0x and colons + LF") << u"Hex"_s << u"UTF-8"_s << 1 << u"0x48:0x69"_s << QByteArray("Hi\n");
    QTest::newRow("escapes") << u"Escapes"_s << u"UTF-8"_s << 0 << uR"(a\tb\x00)"_s
                             << QByteArray("a\tb\0", 4);
    QTest::newRow("escapes \\r\\n\\0\\\\") << u"Escapes"_s << u"UTF-8"_s << 0 << uR"(\r\n\0\\)"_s
                                           << QByteArray("\r\n\0\\", 4);
    QTest::newRow("GB18030") << u"Text"_s << u"GB18030"_s << 0 << u"中文"_s << QByteArray::fromHex("d6d0cec4");
    QTest::newRow("UTF-8 CJK") << u"Text"_s << u"UTF-8"_s << 0 << u"中"_s << QByteArray::fromHex("e4b8ad");
    QTest::newRow("UTF-16LE + CRLF") << u"Text"_s << u"UTF-16LE"_s << 2 << u"hi"_s
                                     << QByteArray::fromHex("680069000d000a00");
    QTest::newRow("empty text") << u"Text"_s << u"UTF-8"_s << 0 << QString() << QByteArray();
}

void tst_SendComposer::exactBytes()
{
    QFETCH(QString, mode);
    QFETCH(QString, encoding);
    QFETCH(int, lineEnding);
    QFETCH(QString, typed);
    QFETCH(QByteArray, bytes);

    chooseItem(child<QComboBox>(*m_composer, "payloadMode"), mode);
    chooseItem(child<QComboBox>(*m_composer, "payloadEncoding"), encoding);
    child<QComboBox>(*m_composer, "lineEnding")->setCurrentIndex(lineEnding);
    typeText(editor(*m_composer), typed);
    QCOMPARE(m_composer->text(), typed);

    const QString preview = child<QLabel>(*m_composer, "preview")->accessibleDescription();
    QCOMPARE(preview, bytes.isEmpty() ? u"(nothing: zero bytes)"_s : core::toHex(bytes));
    const QString count = bytes.size() == 1 ? u"1 byte"_s : u"%1 bytes"_s.arg(bytes.size());
    QCOMPARE(child<QLabel>(*m_composer, "byteCount")->text(), count);

    QSignalSpy spy(m_composer.get(), &SendComposer::sendRequested);
    QVERIFY2(sendButton(*m_composer)->isEnabled(), qPrintable(sendButton(*m_composer)->toolTip()));
    QTest::mouseClick(sendButton(*m_composer), Qt::LeftButton);
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).toByteArray(), bytes);
}

void tst_SendComposer::ctrlEnterSends_data()
{
    QTest::addColumn<int>("key");
    QTest::addColumn<Qt::KeyboardModifiers>("modifiers");
    QTest::addColumn<bool>("sends");

    QTest::newRow("Ctrl+Return") << int(Qt::Key_Return) << Qt::KeyboardModifiers(Qt::ControlModifier) << true;
    QTest::newRow("Ctrl+Enter (keypad)") << int(Qt::Key_Enter)
                                         << Qt::KeyboardModifiers(Qt::ControlModifier | Qt::KeypadModifier) << true;
    QTest::newRow("Return alone adds a newline") << int(Qt::Key_Return) << Qt::KeyboardModifiers() << false;
}

void tst_SendComposer::ctrlEnterSends()
{
    QFETCH(int, key);
    QFETCH(Qt::KeyboardModifiers, modifiers);
    QFETCH(bool, sends);

    QSignalSpy spy(m_composer.get(), &SendComposer::sendRequested);
    typeText(editor(*m_composer), u"ping"_s);
    QTest::keyClick(editor(*m_composer), Qt::Key(key), modifiers);
    QCOMPARE(spy.count(), sends ? 1 : 0);
    if (sends)
        QCOMPARE(spy.at(0).at(0).toByteArray(), QByteArray("ping"));
    QCOMPARE(m_composer->text(), sends ? u"ping"_s : u"ping\n"_s);
}

void tst_SendComposer::inputErrorBlocksSending_data()
{
    QTest::addColumn<QString>("mode");
    QTest::addColumn<QString>("typed");
    QTest::addColumn<int>("cursorAt"); // 0-based, where clicking the error puts the cursor
    QTest::addColumn<QString>("message");

    QTest::newRow("odd hex") << u"Hex"_s << u"48 6"_s << 3
                             << u"Odd number of hex digits: “6” at position 4 has no partner."_s;
    QTest::newRow("bad hex char") << u"Hex"_s << u"48 zz"_s << 3 << u"“z” at position 4 is not a hex digit."_s;
    QTest::newRow("split hex byte") << u"Hex"_s << u"4 8"_s << 0
                                    << u"Hex digits “4” at position 1 and “8” at position 3 are split by a "
                                       "separator; write the two digits of a byte together."_s;
    QTest::newRow("unknown escape") << u"Escapes"_s << uR"(ab\q)"_s << 2 << uR"(Unknown escape “\q” at position 3.)"_s;
    QTest::newRow("short \\x") << u"Escapes"_s << uR"(\x4)"_s << 0 << uR"(“\x” at position 1 needs two hex digits.)"_s;
}

void tst_SendComposer::inputErrorBlocksSending()
{
    QFETCH(QString, mode);
    QFETCH(QString, typed);
    QFETCH(int, cursorAt);
    QFETCH(QString, message);

    chooseItem(child<QComboBox>(*m_composer, "payloadMode"), mode);
    typeText(editor(*m_composer), typed);

    auto *preview = child<QLabel>(*m_composer, "preview");
    QCOMPARE(preview->accessibleDescription(), message);
    QCOMPARE(child<QLabel>(*m_composer, "byteCount")->text(), QString());
    QVERIFY(!sendButton(*m_composer)->isEnabled());
    QCOMPARE(sendButton(*m_composer)->toolTip(), message);

    QSignalSpy spy(m_composer.get(), &SendComposer::sendRequested);
    QTest::keyClick(editor(*m_composer), Qt::Key_Return, Qt::ControlModifier);
    m_composer->send();
    QCOMPARE(spy.count(), 0);
    QCOMPARE(m_composer->text(), typed); // Ctrl+Enter added no newline

    QCOMPARE(editor(*m_composer)->textCursor().position(), int(typed.size()));
    QTest::mouseClick(preview, Qt::LeftButton, {}, QPoint(5, preview->height() / 2));
    QCOMPARE(editor(*m_composer)->textCursor().position(), cursorAt);

    // Fixing the input unblocks at once.
    editor(*m_composer)->clear();
    QVERIFY(sendButton(*m_composer)->isEnabled());
}

void tst_SendComposer::errorColourIsReadable_data()
{
    QTest::addColumn<PaletteTone>("tone");
    QTest::newRow("light") << PaletteTone::Light;
    QTest::newRow("dark") << PaletteTone::Dark;
}

void tst_SendComposer::errorColourIsReadable()
{
    QFETCH(PaletteTone, tone);
    applyTestPalette(tone);
    auto *preview = child<QLabel>(*m_composer, "preview");
    const QColor normal = preview->palette().color(QPalette::WindowText);

    chooseItem(child<QComboBox>(*m_composer, "payloadMode"), u"Hex"_s);
    typeText(editor(*m_composer), u"48 65 6c 6c 6"_s);
    const QColor background = m_composer->palette().color(QPalette::Window);
    const QColor error = preview->palette().color(QPalette::WindowText);
    QVERIFY2(error != normal, "the error is not coloured");
    QVERIFY2(error.red() > error.green() && error.red() > error.blue(), qPrintable(error.name()));
    QVERIFY2(contrast(error, background) >= 4.5,
             qPrintable(u"%1 on %2: contrast %3"_s.arg(error.name(), background.name()).arg(contrast(error, background))));

    const QString directory = qEnvironmentVariable("SOCKSCOPE_SCREENSHOT_DIR");
    if (directory.isEmpty())
        return;
    auto *target = new QComboBox;
    target->addItems({u"To all clients"_s, u"To selected clients"_s});
    m_composer->addActionWidget(target);
    if (tone == PaletteTone::Light) { // the light shot shows a valid payload, the dark one the error
        chooseItem(child<QComboBox>(*m_composer, "payloadMode"), u"Text"_s);
        m_composer->setText(u"GET /index.html HTTP/1.1\nHost: example.org\n"_s);
        child<QComboBox>(*m_composer, "lineEnding")->setCurrentIndex(2);
    }
    m_composer->resize(900, 180);
    QTest::qWait(20);
    const QString name = tone == PaletteTone::Dark ? u"composer-dark.png"_s : u"composer.png"_s;
    QVERIFY(m_composer->grab().save(directory + u'/' + name));
    m_composer->resize(540, 150);
    QTest::qWait(20);
    QVERIFY(m_composer->grab().save(directory + u'/' + u"narrow-"_s + name));
}

void tst_SendComposer::previewIsCapped()
{
    chooseItem(child<QComboBox>(*m_composer, "payloadMode"), u"Hex"_s);
    m_composer->setText(u"ab "_s.repeated(600));
    const QString preview = child<QLabel>(*m_composer, "preview")->accessibleDescription();
    QCOMPARE(preview, u"ab "_s.repeated(512).chopped(1) + u" … and 88 more bytes"_s);
    QCOMPARE(child<QLabel>(*m_composer, "byteCount")->text(), u"600 bytes"_s);
    m_composer->setText(u"ab "_s.repeated(513));
    QCOMPARE(child<QLabel>(*m_composer, "preview")->accessibleDescription(),
             u"ab "_s.repeated(512).chopped(1) + u" … and 1 more byte"_s);
    m_composer->setText(u"ab "_s.repeated(512));
    QCOMPARE(child<QLabel>(*m_composer, "preview")->accessibleDescription(), u"ab "_s.repeated(512).chopped(1));
    m_composer->setText(u"ab "_s.repeated(600));
    // The label shows what fits and never asks for more width than the composer has.
    QVERIFY(child<QLabel>(*m_composer, "preview")->text().size() < preview.size());
    QVERIFY(m_composer->minimumSizeHint().width() < 900);
}

void tst_SendComposer::sendDisabledWithReason()
{
    typeText(editor(*m_composer), u"hello"_s);
    const QString reason = u"Not connected — connect first."_s;
    m_composer->setSendEnabled(false, reason);
    QVERIFY(!sendButton(*m_composer)->isEnabled());
    QCOMPARE(sendButton(*m_composer)->toolTip(), reason);
    QVERIFY(!child<QPushButton>(*m_composer, "sendFileButton")->isEnabled());
    QCOMPARE(child<QPushButton>(*m_composer, "sendFileButton")->toolTip(), reason);

    QSignalSpy spy(m_composer.get(), &SendComposer::sendRequested);
    QTest::keyClick(editor(*m_composer), Qt::Key_Return, Qt::ControlModifier);
    QCOMPARE(spy.count(), 0);

    m_composer->setSendEnabled(true, {});
    QVERIFY(sendButton(*m_composer)->isEnabled());
    QCOMPARE(sendButton(*m_composer)->toolTip(), u"Send these 5 bytes (Ctrl+Enter)"_s);
    QTest::keyClick(editor(*m_composer), Qt::Key_Return, Qt::ControlModifier);
    QCOMPARE(spy.count(), 1);
}

void tst_SendComposer::repeatSendsExactlyNTimes()
{
    typeText(editor(*m_composer), u"tick"_s);
    auto *interval = child<QSpinBox>(*m_composer, "repeatInterval");
    auto *count = child<QSpinBox>(*m_composer, "repeatCount");
    QVERIFY(!interval->isEnabled());
    QTest::mouseClick(child<QCheckBox>(*m_composer, "repeat"), Qt::LeftButton);
    QVERIFY(interval->isEnabled());
    interval->selectAll();
    QTest::keyClicks(interval, u"10"_s);
    count->selectAll();
    QTest::keyClicks(count, u"5"_s);
    QCOMPARE(interval->value(), 10);
    QCOMPARE(count->value(), 5);

    QSignalSpy spy(m_composer.get(), &SendComposer::sendRequested);
    QTest::mouseClick(sendButton(*m_composer), Qt::LeftButton);
    QCOMPARE(spy.count(), 1); // the first goes at once
    QVERIFY(m_composer->isRepeating());
    QVERIFY(child<QPushButton>(*m_composer, "stopRepeatButton")->isVisible());
    QVERIFY(!sendButton(*m_composer)->isEnabled());
    QTRY_COMPARE(spy.count(), 5);
    QTRY_VERIFY(!m_composer->isRepeating());
    QTest::qWait(60); // six intervals: a sixth send would have happened by now
    QCOMPARE(spy.count(), 5);
    QCOMPARE(sentBytes(spy), QByteArray("tick").repeated(5));
    QCOMPARE(child<QLabel>(*m_composer, "composerStatus")->text(), u"Sent 5 of 5"_s);
    QVERIFY(!child<QPushButton>(*m_composer, "stopRepeatButton")->isVisible());
    QVERIFY(sendButton(*m_composer)->isEnabled());
}

void tst_SendComposer::repeatUntilStopped()
{
    typeText(editor(*m_composer), u"x"_s);
    QTest::mouseClick(child<QCheckBox>(*m_composer, "repeat"), Qt::LeftButton);
    child<QSpinBox>(*m_composer, "repeatInterval")->setValue(5);
    auto *count = child<QSpinBox>(*m_composer, "repeatCount");
    count->setValue(0);
    QCOMPARE(count->text(), u"until stopped"_s);

    QSignalSpy spy(m_composer.get(), &SendComposer::sendRequested);
    QTest::mouseClick(sendButton(*m_composer), Qt::LeftButton);
    QTRY_VERIFY(spy.count() >= 3);
    QTest::mouseClick(child<QPushButton>(*m_composer, "stopRepeatButton"), Qt::LeftButton);
    QVERIFY(!m_composer->isRepeating());
    const qsizetype sent = spy.count();
    QCOMPARE(child<QLabel>(*m_composer, "composerStatus")->text(), u"Sent %1"_s.arg(sent));
    QTest::qWait(30);
    QCOMPARE(spy.count(), sent);
}

void tst_SendComposer::repeatStopsWhenSendingIsDisabled()
{
    typeText(editor(*m_composer), u"x"_s);
    QTest::mouseClick(child<QCheckBox>(*m_composer, "repeat"), Qt::LeftButton);
    child<QSpinBox>(*m_composer, "repeatInterval")->setValue(5);
    child<QSpinBox>(*m_composer, "repeatCount")->setValue(0);
    QSignalSpy spy(m_composer.get(), &SendComposer::sendRequested);
    QTest::mouseClick(sendButton(*m_composer), Qt::LeftButton);
    QTRY_VERIFY(spy.count() >= 2);
    m_composer->setSendEnabled(false, u"Connection closed by the peer."_s);
    QVERIFY(!m_composer->isRepeating());
    const qsizetype sent = spy.count();
    QTest::qWait(30);
    QCOMPARE(spy.count(), sent);
    QCOMPARE(sendButton(*m_composer)->toolTip(), u"Connection closed by the peer."_s);
}

void tst_SendComposer::repeatPausesUnderBackPressure_data()
{
    QTest::addColumn<int>("pauseAfter"); // sends before the connection reports back-pressure; 0: before Send
    QTest::addColumn<QString>("pausedMessage");
    QTest::newRow("mid-run") << 3 << u"Repeat paused: the peer is not reading — 3 of 12 sent"_s;
    QTest::newRow("before the first send") << 0 << u"Repeat paused: the peer is not reading — 0 of 12 sent"_s;
}

void tst_SendComposer::repeatPausesUnderBackPressure()
{
    QFETCH(int, pauseAfter);
    QFETCH(QString, pausedMessage);
    typeText(editor(*m_composer), u"tick"_s);
    QTest::mouseClick(child<QCheckBox>(*m_composer, "repeat"), Qt::LeftButton);
    child<QSpinBox>(*m_composer, "repeatInterval")->setValue(5);
    child<QSpinBox>(*m_composer, "repeatCount")->setValue(12);
    auto *status = child<QLabel>(*m_composer, "composerStatus");

    QSignalSpy spy(m_composer.get(), &SendComposer::sendRequested);
    // Like a session whose buffer fills on the pauseAfter-th send and says so at once.
    connect(m_composer.get(), &SendComposer::sendRequested, this, [&] {
        if (spy.count() == pauseAfter)
            m_composer->setBackPressure(true);
    });
    if (pauseAfter == 0)
        m_composer->setBackPressure(true);
    QTest::mouseClick(sendButton(*m_composer), Qt::LeftButton);
    QVERIFY(m_composer->isRepeating());
    QTRY_COMPARE(status->accessibleDescription(), pausedMessage);
    QTest::qWait(60); // twelve intervals: an unpaused run would have finished by now
    QCOMPARE(spy.count(), pauseAfter);
    QVERIFY(m_composer->isRepeating());
    QCOMPARE(status->accessibleDescription(), pausedMessage);

    // Released: the send that came due goes at once (one, not one per missed interval), then the rest.
    m_composer->setBackPressure(false);
    QCOMPARE(spy.count(), pauseAfter + 1);
    QCOMPARE(status->accessibleDescription(), u"Sent %1 of 12"_s.arg(pauseAfter + 1));
    QTRY_VERIFY(!m_composer->isRepeating());
    QTest::qWait(30);
    QCOMPARE(spy.count(), 12);
    QCOMPARE(sentBytes(spy), QByteArray("tick").repeated(12));
    QCOMPARE(status->accessibleDescription(), u"Sent 12 of 12"_s);
}

void tst_SendComposer::sendFileByteExact()
{
    const QByteArray data = seededBytes(1024 * 1024);
    const QString path = m_dir.filePath(u"random.bin"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly) && file.write(data) == data.size());
    file.close();

    // Through the real button, with the dialog replaced.
    QString askedIn = u"unset"_s;
    m_composer->setFileChooser([&](QWidget *, const QString &directory) {
        askedIn = directory;
        return path;
    });
    auto *progress = child<QProgressBar>(*m_composer, "fileProgress");
    int highest = -1;
    QString lastFormat;
    auto *progressText = child<QLabel>(*m_composer, "fileProgressText");
    connect(progress, &QProgressBar::valueChanged, this, [&](int value) {
        highest = qMax(highest, value);
        lastFormat = progressText->accessibleDescription();
    });
    QSignalSpy chunks(m_composer.get(), &SendComposer::sendRequested);
    QSignalSpy finished(m_composer.get(), &SendComposer::fileSendFinished);
    QTest::mouseClick(child<QPushButton>(*m_composer, "sendFileButton"), Qt::LeftButton);
    QCOMPARE(askedIn, QString());
    QVERIFY(m_composer->isSendingFile());
    QVERIFY(progress->isVisible());
    QCOMPARE(chunks.count(), 0); // nothing is read inside the click: chunks come from the timer

    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
    QCOMPARE(finished.at(0).at(0).toLongLong(), qint64(1048576));
    QCOMPARE(finished.at(0).at(1).toBool(), false);
    QCOMPARE(chunks.count(), 16);
    for (const QList<QVariant> &chunk : chunks)
        QCOMPARE(chunk.at(0).toByteArray().size(), kChunk);
    QVERIFY2(sentBytes(chunks) == data, "the chunks do not add up to the file");
    QCOMPARE(highest, progress->maximum());
    QVERIFY2(lastFormat.endsWith(u"(100%)"_s), qPrintable(lastFormat));
    QVERIFY2(lastFormat.startsWith(u"random.bin: "_s), qPrintable(lastFormat));
    QCOMPARE(child<QLabel>(*m_composer, "composerStatus")->accessibleDescription(),
             u"Sent “random.bin” (%1)."_s.arg(QLocale().formattedDataSize(1048576)));
    QVERIFY(!progress->isVisible());
    QVERIFY(!m_composer->isSendingFile());
}

void tst_SendComposer::backPressurePausesFile()
{
    const QByteArray data = seededBytes(6 * kChunk + 100);
    const QString path = m_dir.filePath(u"paced.bin"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly) && file.write(data) == data.size());
    file.close();

    QSignalSpy chunks(m_composer.get(), &SendComposer::sendRequested);
    QSignalSpy finished(m_composer.get(), &SendComposer::fileSendFinished);
    // Like a session whose buffer fills on the second chunk and says so at once.
    connect(m_composer.get(), &SendComposer::sendRequested, this, [&] {
        if (chunks.count() == 2) // the spy was connected first, so it already counts this chunk
            m_composer->setBackPressure(true);
    });
    QVERIFY(m_composer->sendFile(path));
    QTRY_COMPARE(chunks.count(), 2);
    QTest::qWait(50); // the pacing timer has zero interval: it would have read the rest many times over
    QCOMPARE(chunks.count(), 2);
    QCOMPARE(finished.count(), 0);
    const QString waiting = child<QLabel>(*m_composer, "fileProgressText")->accessibleDescription();
    QVERIFY2(waiting.endsWith(u"waiting for the connection"_s), qPrintable(waiting));

    m_composer->setBackPressure(false);
    QTRY_COMPARE(finished.count(), 1);
    QCOMPARE(chunks.count(), 7);
    QCOMPARE(finished.at(0).at(0).toLongLong(), data.size());
    QVERIFY(sentBytes(chunks) == data);
}

void tst_SendComposer::cancelMidFile()
{
    const QByteArray data = seededBytes(10 * kChunk);
    const QString path = m_dir.filePath(u"cancelled.bin"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly) && file.write(data) == data.size());
    file.close();

    QSignalSpy chunks(m_composer.get(), &SendComposer::sendRequested);
    QSignalSpy finished(m_composer.get(), &SendComposer::fileSendFinished);
    connect(m_composer.get(), &SendComposer::sendRequested, this, [&] {
        if (chunks.count() == 3)
            QTest::mouseClick(child<QPushButton>(*m_composer, "cancelFileButton"), Qt::LeftButton);
    });
    QVERIFY(m_composer->sendFile(path));
    QTRY_COMPARE(finished.count(), 1);
    QCOMPARE(finished.at(0).at(0).toLongLong(), 3 * kChunk);
    QCOMPARE(finished.at(0).at(1).toBool(), true);
    QTest::qWait(20);
    QCOMPARE(chunks.count(), 3);
    QCOMPARE(sentBytes(chunks), data.first(3 * kChunk));
    QCOMPARE(child<QLabel>(*m_composer, "composerStatus")->accessibleDescription(),
             u"Cancelled “cancelled.bin” after %1."_s.arg(QLocale().formattedDataSize(3 * kChunk)));
    QVERIFY(sendButton(*m_composer)->isEnabled());
}

void tst_SendComposer::disablingSendingCancelsFile()
{
    const QString path = m_dir.filePath(u"closed.bin"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly) && file.write(seededBytes(8 * kChunk)) == 8 * kChunk);
    file.close();

    QSignalSpy chunks(m_composer.get(), &SendComposer::sendRequested);
    QSignalSpy finished(m_composer.get(), &SendComposer::fileSendFinished);
    QVERIFY(m_composer->sendFile(path));
    QTRY_VERIFY(chunks.count() >= 1);
    m_composer->setSendEnabled(false, u"Not connected."_s);
    QCOMPARE(finished.count(), 1);
    QCOMPARE(finished.at(0).at(0).toLongLong(), chunks.count() * kChunk);
    QCOMPARE(finished.at(0).at(1).toBool(), true);
    QVERIFY(finished.at(0).at(0).toLongLong() < 8 * kChunk);
    QCOMPARE(child<QLabel>(*m_composer, "composerStatus")->accessibleDescription(),
             u"File sending stopped: Not connected."_s);
}

void tst_SendComposer::unreadableFile_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("messageStart");
    QTest::newRow("missing") << u"missing.bin"_s << u"Cannot open “"_s;
    QTest::newRow("folder") << QString() << u"“"_s;
}

void tst_SendComposer::unreadableFile()
{
    QFETCH(QString, name);
    QFETCH(QString, messageStart);
    const QString path = name.isEmpty() ? m_dir.path() : m_dir.filePath(name);

    QSignalSpy chunks(m_composer.get(), &SendComposer::sendRequested);
    QSignalSpy finished(m_composer.get(), &SendComposer::fileSendFinished);
    QVERIFY(!m_composer->sendFile(path));
    auto *status = child<QLabel>(*m_composer, "composerStatus");
    const QString message = status->accessibleDescription();
    QVERIFY2(message.startsWith(messageStart) && message.contains(QDir::toNativeSeparators(path)),
             qPrintable(message));
    QCOMPARE(status->toolTip(), message);
    QVERIFY2(status->palette().color(QPalette::WindowText) != m_composer->palette().color(QPalette::WindowText),
             "a file error is not shown as an error");
    QTest::qWait(10);
    QCOMPARE(chunks.count(), 0);
    QCOMPARE(finished.count(), 0);
    QVERIFY(!m_composer->isSendingFile());
}

void tst_SendComposer::historyRecallWithKeys()
{
    auto *edit = editor(*m_composer);
    auto *mode = child<QComboBox>(*m_composer, "payloadMode");
    typeText(edit, u"first"_s);
    QTest::keyClick(edit, Qt::Key_Return, Qt::ControlModifier);
    chooseItem(mode, u"Hex"_s);
    edit->clear();
    typeText(edit, u"48 69"_s);
    QTest::keyClick(edit, Qt::Key_Return, Qt::ControlModifier);

    // The editor still shows the newest entry, so the first Ctrl+Up brings the one before.
    QTest::keyClick(edit, Qt::Key_Up, Qt::ControlModifier);
    QCOMPARE(m_composer->text(), u"first"_s);
    QCOMPARE(mode->currentText(), u"Text"_s);
    QTest::keyClick(edit, Qt::Key_Up, Qt::ControlModifier); // nothing older: stays
    QCOMPARE(m_composer->text(), u"first"_s);
    QTest::keyClick(edit, Qt::Key_Down, Qt::ControlModifier);
    QCOMPARE(m_composer->text(), u"48 69"_s);
    QCOMPARE(mode->currentText(), u"Hex"_s);

    // A draft survives a trip through the history.
    edit->clear();
    typeText(edit, u"draft"_s);
    QTest::keyClick(edit, Qt::Key_Up, Qt::ControlModifier);
    QCOMPARE(m_composer->text(), u"48 69"_s);
    QTest::keyClick(edit, Qt::Key_Up, Qt::ControlModifier);
    QCOMPARE(m_composer->text(), u"first"_s);
    QTest::keyClick(edit, Qt::Key_Down, Qt::ControlModifier);
    QTest::keyClick(edit, Qt::Key_Down, Qt::ControlModifier);
    QCOMPARE(m_composer->text(), u"draft"_s);
    QCOMPARE(mode->currentText(), u"Hex"_s);
}

void tst_SendComposer::historyMenu()
{
    auto *menu = child<QMenu>(*m_composer, "historyMenu");
    menu->popup(QPoint(0, 0));
    QCOMPARE(menu->actions().size(), 1);
    QCOMPARE(menu->actions().at(0)->text(), u"Nothing sent yet"_s);
    QVERIFY(!menu->actions().at(0)->isEnabled());
    menu->close();

    chooseItem(child<QComboBox>(*m_composer, "payloadEncoding"), u"GB18030"_s);
    child<QComboBox>(*m_composer, "lineEnding")->setCurrentIndex(2);
    typeText(editor(*m_composer), u"older   one"_s);
    QTest::mouseClick(sendButton(*m_composer), Qt::LeftButton);
    m_composer->setText(u"newer"_s);
    child<QComboBox>(*m_composer, "lineEnding")->setCurrentIndex(0);
    QTest::mouseClick(sendButton(*m_composer), Qt::LeftButton);

    menu->popup(QPoint(0, 0));
    const QList<QAction *> actions = menu->actions();
    QCOMPARE(actions.size(), 4); // two entries, a separator, Clear History
    QCOMPARE(actions.at(0)->text(), u"Text: newer"_s);
    QCOMPARE(actions.at(1)->text(), u"Text: older one"_s);
    actions.at(1)->trigger();
    menu->close();
    QCOMPARE(m_composer->text(), u"older   one"_s);
    QCOMPARE(m_composer->encoding(), u"GB18030"_s);
    QCOMPARE(m_composer->lineEnding(), core::LineEnding::CRLF);

    menu->popup(QPoint(0, 0));
    menu->actions().last()->trigger();
    menu->close();
    QCOMPARE(m_composer->history().size(), 0);
}

void tst_SendComposer::historyIsDistinctAndCapped()
{
    for (int i = 0; i < 60; ++i) {
        m_composer->setText(u"payload %1"_s.arg(i));
        m_composer->send();
    }
    m_composer->setText(u"payload 30"_s);
    m_composer->send();
    m_composer->setText(u"payload 59"_s);
    m_composer->send();
    const ui::SendHistory &history = m_composer->history();
    QCOMPARE(history.size(), ui::SendHistory::kCapacity);
    QCOMPARE(history.at(0).text, u"payload 59"_s);
    QCOMPARE(history.at(1).text, u"payload 30"_s);
    QCOMPARE(history.at(2).text, u"payload 58"_s);
    QCOMPARE(history.at(49).text, u"payload 10"_s); // moving 30 and 59 up dropped nothing: 0-9 fell off
    m_composer->setText(u"new"_s);
    m_composer->send();
    QCOMPARE(history.size(), ui::SendHistory::kCapacity);
    QCOMPARE(history.at(49).text, u"payload 11"_s);
    // Same text in another mode is another payload.
    child<QComboBox>(*m_composer, "payloadMode")->setCurrentIndex(1);
    m_composer->setText(u"00"_s);
    m_composer->send();
    child<QComboBox>(*m_composer, "payloadMode")->setCurrentIndex(0);
    m_composer->send();
    QCOMPARE(history.at(0).mode, core::PayloadMode::Text);
    QCOMPARE(history.at(1).mode, core::PayloadMode::Hex);
}

void tst_SendComposer::saveRestoreRoundTrip()
{
    m_composer->setText(u"one"_s);
    m_composer->send();
    chooseItem(child<QComboBox>(*m_composer, "payloadMode"), u"Escapes"_s);
    chooseItem(child<QComboBox>(*m_composer, "payloadEncoding"), u"GB18030"_s);
    child<QComboBox>(*m_composer, "lineEnding")->setCurrentIndex(2);
    m_composer->setText(uR"(\x01中)"_s);
    m_composer->send();
    m_composer->setText(u"unsent draft\nsecond line"_s);
    child<QCheckBox>(*m_composer, "repeat")->setChecked(true);
    child<QSpinBox>(*m_composer, "repeatInterval")->setValue(25);
    child<QSpinBox>(*m_composer, "repeatCount")->setValue(7);

    const QString path = m_dir.filePath(u"state.ini"_s);
    {
        QSettings settings(path, QSettings::IniFormat);
        m_composer->saveState(settings, u"composer"_s);
    }
    {
        QSettings settings(path, QSettings::IniFormat);
        QCOMPARE(settings.value(u"composer/mode"_s).toString(), u"escapes"_s); // names, not enum numbers
        QCOMPARE(settings.value(u"composer/lineEnding"_s).toString(), u"crlf"_s);
    }

    SendComposer restored;
    QSettings settings(path, QSettings::IniFormat);
    restored.restoreState(settings, u"composer"_s);
    QCOMPARE(restored.mode(), core::PayloadMode::Escapes);
    QCOMPARE(restored.encoding(), u"GB18030"_s);
    QCOMPARE(restored.lineEnding(), core::LineEnding::CRLF);
    QCOMPARE(restored.text(), u"unsent draft\nsecond line"_s);
    QVERIFY(child<QCheckBox>(restored, "repeat")->isChecked());
    QCOMPARE(child<QSpinBox>(restored, "repeatInterval")->value(), 25);
    QCOMPARE(child<QSpinBox>(restored, "repeatCount")->value(), 7);
    QCOMPARE(child<QSpinBox>(restored, "repeatCount")->isEnabled(), true);
    QCOMPARE(restored.history().entries(), m_composer->history().entries());
    QCOMPARE(restored.history().size(), 2);
    QCOMPARE(restored.payload().bytes, m_composer->payload().bytes);

    // A group that was never written changes nothing.
    SendComposer untouched;
    untouched.restoreState(settings, u"other"_s);
    QCOMPARE(untouched.mode(), core::PayloadMode::Text);
    QCOMPARE(untouched.encoding(), u"UTF-8"_s);
    QCOMPARE(untouched.history().size(), 0);
}

void tst_SendComposer::actionWidgetSitsBeforeSend()
{
    auto *target = new QComboBox;
    target->setObjectName(u"sendTarget"_s);
    target->addItems({u"To all clients"_s, u"To selected clients"_s});
    m_composer->addActionWidget(target);
    QTest::qWait(0);
    QCOMPARE(target->parentWidget(), m_composer.get());
    QVERIFY(target->isVisible());
    const QRect send = sendButton(*m_composer)->geometry();
    QVERIFY2(target->geometry().right() < send.left(), "the action widget is not left of Send");
    QVERIFY2(qAbs(target->geometry().center().y() - send.center().y()) <= 2, "not on Send's row");
    const QStringList order = tabOrder(editor(*m_composer));
    QCOMPARE(order.indexOf(u"sendTarget"_s) + 1, order.indexOf(u"sendButton"_s));
}

void tst_SendComposer::layoutFitsWithoutTruncation_data()
{
    QTest::addColumn<int>("width");
    QTest::newRow("900 px window") << 900;
    QTest::newRow("left column of a 900 px window") << 540;
}

void tst_SendComposer::layoutFitsWithoutTruncation()
{
    QFETCH(int, width);
    auto *target = new QComboBox;
    target->addItems({u"To all clients"_s, u"To selected clients"_s});
    m_composer->addActionWidget(target);
    QVERIFY2(m_composer->minimumSizeHint().width() <= width,
             qPrintable(u"needs %1 px"_s.arg(m_composer->minimumSizeHint().width())));
    m_composer->resize(width, 150);
    QTest::qWait(0);
    QCOMPARE(m_composer->width(), width);
    const QList<QWidget *> controls = {child<QComboBox>(*m_composer, "payloadMode"),
                                       child<QComboBox>(*m_composer, "payloadEncoding"),
                                       child<QComboBox>(*m_composer, "lineEnding"),
                                       child<QToolButton>(*m_composer, "historyButton"),
                                       child<QPushButton>(*m_composer, "sendFileButton"),
                                       child<QCheckBox>(*m_composer, "repeat"),
                                       child<QSpinBox>(*m_composer, "repeatInterval"),
                                       child<QSpinBox>(*m_composer, "repeatCount"),
                                       target,
                                       sendButton(*m_composer)};
    for (QWidget *control : controls) {
        QVERIFY2(control->width() >= control->sizeHint().width(),
                 qPrintable(u"%1 is %2 px wide, needs %3"_s.arg(control->accessibleName())
                                .arg(control->width())
                                .arg(control->sizeHint().width())));
        QVERIFY2(m_composer->rect().contains(control->geometry()), qPrintable(control->accessibleName()));
    }
    QVERIFY2(editor(*m_composer)->height() >= editor(*m_composer)->fontMetrics().lineSpacing() * 2,
             "the editor has less than two lines");
}

void tst_SendComposer::everyControlIsNamed()
{
    const QList<QWidget *> widgets = m_composer->findChildren<QWidget *>();
    int named = 0;
    for (QWidget *widget : widgets) {
        if (widget->objectName().isEmpty() || widget->objectName().startsWith(u"qt_"_s)
            || qobject_cast<QLabel *>(widget)) // labels are read by their text: see liveLabelsAreReadAloud
            continue;
        // A label showing a live value must stay unnamed, so its text is read (tst_accessibility checks it).
        if (qobject_cast<QLabel *>(widget))
            continue;
        ++named;
        QVERIFY2(!widget->accessibleName().isEmpty(), qPrintable(widget->objectName()));
        QVERIFY2(!widget->toolTip().isEmpty(), qPrintable(widget->objectName()));
    }
    QVERIFY2(named >= 12, qPrintable(QString::number(named)));

    // Tab goes through the rows top to bottom, left to right.
    const QStringList expected = {u"payloadMode"_s,    u"payloadEncoding"_s, u"lineEnding"_s,
                                  u"historyButton"_s,  u"savedMessagesButton"_s, u"sendFileButton"_s,
                                  u"payloadEditor"_s,  u"sendButton"_s, u"repeat"_s};
    QCOMPARE(tabOrder(child<QComboBox>(*m_composer, "payloadMode")), expected);
    // The error line joins the chain when there is an error to go to.
    chooseItem(child<QComboBox>(*m_composer, "payloadMode"), u"Hex"_s);
    typeText(editor(*m_composer), u"4"_s);
    QCOMPARE(tabOrder(editor(*m_composer)).mid(0, 2), QStringList({u"payloadEditor"_s, u"preview"_s}));
}

// A live label (one whose text changes) has no accessible name, so a screen reader reads its text; the
// numbers in it are grouped as the locale groups them.
void tst_SendComposer::liveLabelsAreReadAloud()
{
    const QLocale previous;
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    const auto restoreLocale = qScopeGuard([&] { QLocale::setDefault(previous); });
    const auto checkReadAloud = [](QLabel *label, const QString &text) {
        QVERIFY2(label->accessibleName().isEmpty(), qPrintable(label->objectName()));
        // The full text: the label itself may show it elided to its width.
        QCOMPARE(label->accessibleDescription().isEmpty() ? label->text() : label->accessibleDescription(), text);
        QAccessibleInterface *accessible = QAccessible::queryAccessibleInterface(label);
        QVERIFY(accessible);
        QCOMPARE(accessible->text(QAccessible::Name), label->text());
    };

    m_composer->setText((QString(16000, u'x') + u'\n').repeated(4));
    auto *count = child<QLabel>(*m_composer, "byteCount");
    checkReadAloud(count, u"64,004 bytes"_s);
    auto *preview = child<QLabel>(*m_composer, "preview");
    QVERIFY(preview->accessibleDescription().startsWith(u"78 78 78"_s));
    checkReadAloud(preview, preview->accessibleDescription());

    child<QCheckBox>(*m_composer, "repeat")->setChecked(true);
    child<QSpinBox>(*m_composer, "repeatInterval")->setValue(60000);
    child<QSpinBox>(*m_composer, "repeatCount")->setValue(10000);
    m_composer->send();
    checkReadAloud(child<QLabel>(*m_composer, "composerStatus"), u"Sent 1 of 10,000"_s);
    m_composer->stopRepeat();
    child<QCheckBox>(*m_composer, "repeat")->setChecked(false);

    const QString path = m_dir.filePath(u"small.bin"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly) && file.write(seededBytes(2048)) == 2048);
    file.close();
    m_composer->setBackPressure(true);
    QVERIFY(m_composer->sendFile(path));
    checkReadAloud(child<QLabel>(*m_composer, "fileProgressText"),
                   u"small.bin: 0 bytes of 2.00 KiB (0%), waiting for the connection"_s);
    m_composer->cancelFileSend();
}

QTEST_MAIN(tst_SendComposer)
#include "tst_sendcomposer.moc"
