// HexView on the offscreen platform: mouse and keyboard selection, copies, following the tail, source
// contracts for both ByteSource implementations, a rendered image that is not blank, and rows as text on
// the layout's grid (what the accessible text is made of).
#include "ui/hex/bytesource.h"
#include "ui/hex/hexrowtext.h"
#include "ui/hex/hexview.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using ui::BufferByteSource;
using ui::ByteSource;
using ui::HexView;
using ui::SegmentedByteSource;
using Origin = ByteSource::Origin;
using Area = ui::HexLayout::Area;

Q_DECLARE_METATYPE(ByteSource::Origin)
Q_DECLARE_METATYPE(ui::HexLayout::Area)

namespace {

QByteArray hundredBytes()
{
    QByteArray bytes = QByteArrayLiteral("Hello, world");
    while (bytes.size() < 100)
        bytes.append(char(bytes.size()));
    return bytes;
}

// The centre of a byte's cell in the hex or the text (Ascii) area, in viewport coordinates.
QPoint cellCentre(const HexView &view, qint64 offset, Area area = Area::Hex)
{
    const ui::HexLayout &layout = view.layout();
    const ui::HexLayout::Cell cell = area == Area::Ascii ? layout.asciiCell(offset, view.firstVisibleRow())
                                                         : layout.hexCell(offset, view.firstVisibleRow());
    return {cell.x + cell.width / 2 - view.horizontalScrollBar()->value(), cell.y + cell.height / 2};
}

QString selectionText(const HexView &view)
{
    const HexView::Selection range = view.selection();
    return QStringLiteral("selection start %1 length %2").arg(range.start).arg(range.length);
}

} // namespace

class tst_HexView : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void sourceContract_data();
    void sourceContract();
    void segmentedOrigins_data();
    void segmentedOrigins();
    void segmentedSignals();

    void mouseSelection_data();
    void mouseSelection();
    void keyboard_data();
    void keyboard();
    void pageKeys();
    void selectionSignal();
    void setSelectionClamps_data();
    void setSelectionClamps();

    void ctrlCCopiesHex();
    void copyFunctions();
    void copyIsCapped();
    void formats_data();
    void formats();

    void followTail_data();
    void followTail();
    void replacedSourceClearsSelection();
    void destroyedSource();
    void bytesPerRow();
    void cellFontKeepsTheGrid();
    void rendersSomething();
    void accessibility();
    void rowTextSitsOnTheLayoutGrid_data();
    void rowTextSitsOnTheLayoutGrid();

private:
    std::unique_ptr<BufferByteSource> m_source;
    std::unique_ptr<HexView> m_view;
};

void tst_HexView::init()
{
    m_source = std::make_unique<BufferByteSource>(hundredBytes());
    m_view = std::make_unique<HexView>();
    m_view->resize(720, 400);
    m_view->setSource(m_source.get());
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
    m_view->activateWindow();
    m_view->setFocus();
}

void tst_HexView::cleanup()
{
    m_view.reset();
    m_source.reset();
}

// Okteta's habit: one contract, every model. A segmented source split at awkward places must read exactly
// like a buffer of the same bytes.
void tst_HexView::sourceContract_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<qint64>("offset");
    QTest::addColumn<qint64>("length");
    QTest::addColumn<QByteArray>("expected");

    const QByteArray all = QByteArrayLiteral("0123456789abcdefghij");
    for (const QString &kind : {QStringLiteral("buffer"), QStringLiteral("segmented")}) {
        const QByteArray prefix = kind.toLatin1() + ": ";
        QTest::newRow(prefix + "whole") << kind << qint64(0) << qint64(20) << all;
        QTest::newRow(prefix + "inside one segment") << kind << qint64(1) << qint64(2) << QByteArray("12");
        QTest::newRow(prefix + "across a boundary") << kind << qint64(2) << qint64(3) << QByteArray("234");
        QTest::newRow(prefix + "across three segments") << kind << qint64(2) << qint64(10)
                                                        << QByteArray("23456789ab");
        QTest::newRow(prefix + "clamped at the end") << kind << qint64(17) << qint64(50) << QByteArray("hij");
        QTest::newRow(prefix + "last byte") << kind << qint64(19) << qint64(1) << QByteArray("j");
        QTest::newRow(prefix + "at the end") << kind << qint64(20) << qint64(1) << QByteArray();
        QTest::newRow(prefix + "negative offset") << kind << qint64(-1) << qint64(5) << QByteArray();
        QTest::newRow(prefix + "zero length") << kind << qint64(3) << qint64(0) << QByteArray();
        QTest::newRow(prefix + "negative length") << kind << qint64(3) << qint64(-2) << QByteArray();
    }
}

void tst_HexView::sourceContract()
{
    QFETCH(QString, kind);
    QFETCH(qint64, offset);
    QFETCH(qint64, length);
    QFETCH(QByteArray, expected);

    const QByteArray all = QByteArrayLiteral("0123456789abcdefghij");
    std::unique_ptr<ByteSource> source;
    if (kind == QLatin1String("buffer")) {
        source = std::make_unique<BufferByteSource>(all);
    } else {
        auto segmented = std::make_unique<SegmentedByteSource>();
        for (const auto &[from, to] : {std::pair{0, 3}, {3, 4}, {4, 4}, {4, 11}, {11, 20}})
            segmented->appendSegment(all.mid(from, to - from), Origin::Sent);
        QCOMPARE(segmented->segmentCount(), qsizetype(4)); // the empty one is dropped
        source = std::move(segmented);
    }
    QCOMPARE(source->size(), qint64(20));
    QCOMPARE(source->read(offset, length), expected);
}

void tst_HexView::segmentedOrigins_data()
{
    QTest::addColumn<qint64>("offset");
    QTest::addColumn<Origin>("origin");
    QTest::addColumn<qsizetype>("segment");

    // "GET\n" sent, "OK\n" received, "bye" sent.
    QTest::newRow("first byte") << qint64(0) << Origin::Sent << qsizetype(0);
    QTest::newRow("end of first segment") << qint64(3) << Origin::Sent << qsizetype(0);
    QTest::newRow("start of second") << qint64(4) << Origin::Received << qsizetype(1);
    QTest::newRow("end of second") << qint64(6) << Origin::Received << qsizetype(1);
    QTest::newRow("start of third") << qint64(7) << Origin::Sent << qsizetype(2);
    QTest::newRow("last byte") << qint64(9) << Origin::Sent << qsizetype(2);
    QTest::newRow("past the end") << qint64(10) << Origin::Neutral << qsizetype(-1);
    QTest::newRow("negative") << qint64(-1) << Origin::Neutral << qsizetype(-1);
}

void tst_HexView::segmentedOrigins()
{
    QFETCH(qint64, offset);
    QFETCH(Origin, origin);
    QFETCH(qsizetype, segment);

    SegmentedByteSource source;
    source.appendSegment(QByteArrayLiteral("GET\n"), Origin::Sent);
    source.appendSegment(QByteArrayLiteral("OK\n"), Origin::Received);
    source.appendSegment(QByteArrayLiteral("bye"), Origin::Sent);
    QCOMPARE(source.read(0, 100), QByteArray("GET\nOK\nbye"));
    QVERIFY2(source.originAt(offset) == origin,
             qPrintable(QStringLiteral("origin %1 at %2").arg(int(source.originAt(offset))).arg(offset)));
    QCOMPARE(source.segmentIndexAt(offset), segment);
}

void tst_HexView::segmentedSignals()
{
    SegmentedByteSource source;
    QSignalSpy appended(&source, &ByteSource::appended);
    QSignalSpy changed(&source, &ByteSource::changed);
    source.appendSegment(QByteArrayLiteral("abc"), Origin::Sent);
    source.appendSegment(QByteArray(), Origin::Sent);
    source.appendSegment(QByteArrayLiteral("de"), Origin::Received);
    QCOMPARE(appended.size(), 2);
    QCOMPARE(appended.at(0).at(0).toLongLong(), 0);
    QCOMPARE(appended.at(1).at(0).toLongLong(), 3);
    source.clear();
    QCOMPARE(changed.size(), 1);
    QCOMPARE(source.size(), qint64(0));
    QCOMPARE(source.read(0, 1), QByteArray());
    QVERIFY2(source.originAt(0) == Origin::Neutral, "a cleared source has no origins");
}

void tst_HexView::mouseSelection_data()
{
    QTest::addColumn<Area>("area");
    QTest::addColumn<qint64>("press");
    QTest::addColumn<qint64>("drag");      // -1: no drag
    QTest::addColumn<qint64>("shiftClick"); // -1: none
    QTest::addColumn<qint64>("start");
    QTest::addColumn<qint64>("length");

    QTest::newRow("click selects one byte") << Area::Hex << qint64(5) << qint64(-1) << qint64(-1) << qint64(5) << qint64(1);
    QTest::newRow("drag right in hex") << Area::Hex << qint64(1) << qint64(3) << qint64(-1) << qint64(1) << qint64(3);
    QTest::newRow("drag back over rows") << Area::Hex << qint64(40) << qint64(7) << qint64(-1) << qint64(7) << qint64(34);
    QTest::newRow("drag across the groups") << Area::Hex << qint64(6) << qint64(9) << qint64(-1) << qint64(6) << qint64(4);
    QTest::newRow("drag in text") << Area::Ascii << qint64(0) << qint64(4) << qint64(-1) << qint64(0) << qint64(5);
    QTest::newRow("shift-click forwards") << Area::Hex << qint64(2) << qint64(-1) << qint64(6) << qint64(2) << qint64(5);
    QTest::newRow("shift-click backwards") << Area::Ascii << qint64(20) << qint64(-1) << qint64(3) << qint64(3) << qint64(18);
    QTest::newRow("drag then shift-click") << Area::Hex << qint64(10) << qint64(12) << qint64(30) << qint64(10)
                                           << qint64(21);
}

void tst_HexView::mouseSelection()
{
    QFETCH(Area, area);
    QFETCH(qint64, press);
    QFETCH(qint64, drag);
    QFETCH(qint64, shiftClick);
    QFETCH(qint64, start);
    QFETCH(qint64, length);

    QWidget *viewport = m_view->viewport();
    QTest::mousePress(viewport, Qt::LeftButton, {}, cellCentre(*m_view, press, area));
    if (drag >= 0)
        QTest::mouseMove(viewport, cellCentre(*m_view, drag, area));
    QTest::mouseRelease(viewport, Qt::LeftButton, {}, cellCentre(*m_view, drag >= 0 ? drag : press, area));
    if (shiftClick >= 0)
        QTest::mouseClick(viewport, Qt::LeftButton, Qt::ShiftModifier, cellCentre(*m_view, shiftClick, area));

    QVERIFY2(m_view->selection() == (HexView::Selection{start, length}), qPrintable(selectionText(*m_view)));
    QCOMPARE(m_view->selectedBytes(), hundredBytes().mid(start, length));
}

void tst_HexView::keyboard_data()
{
    QTest::addColumn<qint64>("click"); // -1: start with nothing selected
    QTest::addColumn<QTestEventList>("keys");
    QTest::addColumn<qint64>("start");
    QTest::addColumn<qint64>("length");

    auto keys = [](std::initializer_list<std::pair<Qt::Key, Qt::KeyboardModifiers>> presses) {
        QTestEventList list;
        for (const auto &[key, modifiers] : presses)
            list.addKeyClick(key, modifiers);
        return list;
    };
    const Qt::KeyboardModifiers none;
    const Qt::KeyboardModifiers shift = Qt::ShiftModifier;
    const Qt::KeyboardModifiers ctrl = Qt::ControlModifier;
    QTest::newRow("first key with nothing selected") << qint64(-1) << keys({{Qt::Key_Down, none}}) << qint64(0)
                                                     << qint64(1);
    QTest::newRow("right") << qint64(0) << keys({{Qt::Key_Right, none}}) << qint64(1) << qint64(1);
    QTest::newRow("shift+right thrice")
        << qint64(0) << keys({{Qt::Key_Right, shift}, {Qt::Key_Right, shift}, {Qt::Key_Right, shift}}) << qint64(0)
        << qint64(4);
    QTest::newRow("shift+left stops at 0") << qint64(0) << keys({{Qt::Key_Left, shift}}) << qint64(0) << qint64(1);
    QTest::newRow("up stops at 0") << qint64(5) << keys({{Qt::Key_Up, none}}) << qint64(0) << qint64(1);
    QTest::newRow("down") << qint64(2) << keys({{Qt::Key_Down, none}}) << qint64(18) << qint64(1);
    QTest::newRow("shift+down") << qint64(2) << keys({{Qt::Key_Down, shift}}) << qint64(2) << qint64(17);
    QTest::newRow("shift+down then shift+up") << qint64(2) << keys({{Qt::Key_Down, shift}, {Qt::Key_Up, shift}})
                                              << qint64(2) << qint64(1);
    QTest::newRow("home") << qint64(18) << keys({{Qt::Key_Home, none}}) << qint64(16) << qint64(1);
    QTest::newRow("shift+end") << qint64(18) << keys({{Qt::Key_End, shift}}) << qint64(18) << qint64(14);
    QTest::newRow("end of the short last row") << qint64(97) << keys({{Qt::Key_End, none}}) << qint64(99) << qint64(1);
    QTest::newRow("ctrl+end") << qint64(3) << keys({{Qt::Key_End, ctrl}}) << qint64(99) << qint64(1);
    QTest::newRow("ctrl+shift+home") << qint64(50) << keys({{Qt::Key_Home, ctrl | shift}}) << qint64(0)
                                     << qint64(51);
    QTest::newRow("right past the end") << qint64(99) << keys({{Qt::Key_Right, none}}) << qint64(99) << qint64(1);
    QTest::newRow("ctrl+a") << qint64(7) << keys({{Qt::Key_A, ctrl}}) << qint64(0) << qint64(100);
    QTest::newRow("move after select all") << qint64(7) << keys({{Qt::Key_A, ctrl}, {Qt::Key_Left, none}})
                                           << qint64(98) << qint64(1);
}

void tst_HexView::keyboard()
{
    QFETCH(qint64, click);
    QFETCH(QTestEventList, keys);
    QFETCH(qint64, start);
    QFETCH(qint64, length);

    if (click >= 0)
        QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, cellCentre(*m_view, click));
    keys.simulate(m_view.get());
    QVERIFY2(m_view->selection() == (HexView::Selection{start, length}), qPrintable(selectionText(*m_view)));
}

void tst_HexView::pageKeys()
{
    BufferByteSource big(QByteArray(16 * 1000, 'x'));
    m_view->setSource(&big);
    const int page = m_view->layout().fullRowsPerPage(m_view->viewport()->height());
    QVERIFY2(page > 3, "the view should show several rows");

    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, cellCentre(*m_view, 3));
    QTest::keyClick(m_view.get(), Qt::Key_PageDown);
    QVERIFY2(m_view->selection() == (HexView::Selection{3 + 16 * page, 1}), qPrintable(selectionText(*m_view)));
    QTest::keyClick(m_view.get(), Qt::Key_PageDown);
    // The cursor is kept in view: its row is the last whole row shown.
    QCOMPARE(m_view->firstVisibleRow(), qint64(2 * page - page + 1));
    QTest::keyClick(m_view.get(), Qt::Key_PageUp, Qt::ShiftModifier);
    QVERIFY2(m_view->selection() == (HexView::Selection{3 + 16 * page, 16 * page + 1}),
             qPrintable(selectionText(*m_view)));
    QTest::keyClick(m_view.get(), Qt::Key_End, Qt::ControlModifier);
    QCOMPARE(m_view->selection().start, qint64(16 * 1000 - 1));
    QCOMPARE(m_view->verticalScrollBar()->value(), m_view->verticalScrollBar()->maximum());
}

void tst_HexView::selectionSignal()
{
    QSignalSpy spy(m_view.get(), &HexView::selectionChanged);
    m_view->setSelection(4, 3);
    m_view->setSelection(4, 3); // unchanged: no second signal
    QTest::keyClick(m_view.get(), Qt::Key_Right, Qt::ShiftModifier);
    m_view->clearSelection();
    QCOMPARE(spy.size(), 3);
    QCOMPARE(spy.at(0), (QVariantList{qint64(4), qint64(3)}));
    QCOMPARE(spy.at(1), (QVariantList{qint64(4), qint64(4)}));
    QCOMPARE(spy.at(2), (QVariantList{qint64(0), qint64(0)}));
}

void tst_HexView::setSelectionClamps_data()
{
    QTest::addColumn<qint64>("start");
    QTest::addColumn<qint64>("length");
    QTest::addColumn<qint64>("expectedStart");
    QTest::addColumn<qint64>("expectedLength");

    QTest::newRow("inside") << qint64(10) << qint64(5) << qint64(10) << qint64(5);
    QTest::newRow("runs past the end") << qint64(95) << qint64(50) << qint64(95) << qint64(5);
    QTest::newRow("negative start") << qint64(-5) << qint64(3) << qint64(0) << qint64(3);
    QTest::newRow("zero length clears") << qint64(10) << qint64(0) << qint64(0) << qint64(0);
    QTest::newRow("starts at the end") << qint64(100) << qint64(4) << qint64(0) << qint64(0);
}

void tst_HexView::setSelectionClamps()
{
    QFETCH(qint64, start);
    QFETCH(qint64, length);
    QFETCH(qint64, expectedStart);
    QFETCH(qint64, expectedLength);

    m_view->setSelection(start, length);
    QVERIFY2(m_view->selection() == (HexView::Selection{expectedStart, expectedLength}),
             qPrintable(selectionText(*m_view)));
}

void tst_HexView::ctrlCCopiesHex()
{
    QClipboard *clipboard = QGuiApplication::clipboard();
    clipboard->setText(QStringLiteral("untouched"));
    QTest::keyClick(m_view.get(), Qt::Key_C, Qt::ControlModifier);
    QCOMPARE(clipboard->text(), QStringLiteral("untouched")); // nothing selected: clipboard left alone

    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, cellCentre(*m_view, 0));
    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, Qt::ShiftModifier, cellCentre(*m_view, 4, Area::Ascii));
    QCOMPARE(m_view->selectedBytes(), QByteArray("Hello"));
    QTest::keyClick(m_view.get(), Qt::Key_C, Qt::ControlModifier);
    QCOMPARE(clipboard->text(), QStringLiteral("48 65 6c 6c 6f"));
}

void tst_HexView::copyFunctions()
{
    QClipboard *clipboard = QGuiApplication::clipboard();
    m_view->setSelection(7, 5);
    QCOMPARE(m_view->selectedBytes(), QByteArray("world"));
    m_view->copyAsHex();
    QCOMPARE(clipboard->text(), QStringLiteral("77 6f 72 6c 64"));
    m_view->copyAsText();
    QCOMPARE(clipboard->text(), QStringLiteral("world"));
    m_view->copyAsCArray();
    QCOMPARE(clipboard->text(), QStringLiteral("const unsigned char bytes[5] = {\n    0x77, 0x6f, 0x72, 0x6c, 0x64\n};"));
}

void tst_HexView::copyIsCapped()
{
    // A huge selection copies only its first kMaxCopyBytes: the clipboard must not take gigabytes.
    const qint64 size = HexView::kMaxCopyBytes + 4096;
    BufferByteSource big(QByteArray(size, 'A'));
    HexView view;
    view.setSource(&big);
    view.selectAll();
    QCOMPARE(view.selection().length, size);
    view.copyAsText();
    QCOMPARE(QGuiApplication::clipboard()->text().size(), qsizetype(HexView::kMaxCopyBytes));
}

void tst_HexView::formats_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("hex");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("cArray");

    QTest::newRow("ascii") << QByteArray("Hi") << QStringLiteral("48 69") << QStringLiteral("Hi")
                           << QStringLiteral("const unsigned char bytes[2] = {\n    0x48, 0x69\n};");
    QTest::newRow("utf-8, invalid byte and NUL")
        << QByteArray("h\xc3\xa9\xff\0!", 6) << QStringLiteral("68 c3 a9 ff 00 21")
        << QStringLiteral(u"h\u00e9\ufffd\ufffd!") << QStringLiteral("const unsigned char bytes[6] = {\n"
                                                                  "    0x68, 0xc3, 0xa9, 0xff, 0x00, 0x21\n};");
    QTest::newRow("thirteen bytes wrap after twelve")
        << QByteArray(13, '\x80') << QStringLiteral("80 80 80 80 80 80 80 80 80 80 80 80 80")
        << QString(13, QChar::ReplacementCharacter)
        << QStringLiteral("const unsigned char bytes[13] = {\n"
                          "    0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,\n"
                          "    0x80\n};");
}

void tst_HexView::formats()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, hex);
    QFETCH(QString, text);
    QFETCH(QString, cArray);

    QCOMPARE(HexView::toHexText(bytes), hex);
    QCOMPARE(HexView::toPlainText(bytes), text);
    QCOMPARE(HexView::toCArray(bytes), cArray);
}

void tst_HexView::followTail_data()
{
    QTest::addColumn<bool>("follow");
    QTest::addColumn<bool>("scrollUpFirst");
    QTest::addColumn<bool>("expectBottom");

    QTest::newRow("following at the bottom") << true << false << true;
    QTest::newRow("following but scrolled up") << true << true << false;
    QTest::newRow("not following") << false << false << false;
}

void tst_HexView::followTail()
{
    QFETCH(bool, follow);
    QFETCH(bool, scrollUpFirst);
    QFETCH(bool, expectBottom);

    SegmentedByteSource conversation;
    m_view->setFollowTail(follow);
    m_view->setSource(&conversation);
    QScrollBar *bar = m_view->verticalScrollBar();
    for (int i = 0; i < 100; ++i)
        conversation.appendSegment(QByteArray(16, char('a' + i % 26)), i % 2 ? Origin::Received : Origin::Sent);
    QVERIFY2(bar->maximum() > 50, qPrintable(QStringLiteral("scroll maximum %1").arg(bar->maximum())));
    QCOMPARE(bar->value(), follow ? bar->maximum() : 0);

    if (scrollUpFirst)
        bar->setValue(10);
    const int before = bar->value();
    conversation.appendSegment(QByteArray(64, 'z'), Origin::Received);
    if (expectBottom) {
        QCOMPARE(bar->value(), bar->maximum());
        QVERIFY2(bar->value() > before, "the view should have moved down with the new rows");
        const ui::HexLayout::RowRange rows = m_view->layout().visibleRows(m_view->firstVisibleRow(),
                                                                          m_view->viewport()->height());
        QCOMPARE(rows.first + rows.count, m_view->layout().rowCount());
    } else {
        QCOMPARE(bar->value(), before);
    }
}

void tst_HexView::replacedSourceClearsSelection()
{
    m_view->setSelection(3, 4);
    m_view->verticalScrollBar()->setValue(2);
    QSignalSpy spy(m_view.get(), &HexView::selectionChanged);
    m_source->setData(QByteArrayLiteral("other bytes"));
    QCOMPARE(spy.size(), 1);
    QCOMPARE(spy.at(0), (QVariantList{qint64(0), qint64(0)}));
    QCOMPARE(m_view->selectedBytes(), QByteArray());
    QCOMPARE(m_view->firstVisibleRow(), qint64(0));
    QCOMPARE(m_view->layout().dataSize(), qint64(11));
}

void tst_HexView::destroyedSource()
{
    m_view->setSelection(0, 5);
    m_source.reset();
    QCOMPARE(m_view->source(), nullptr);
    QCOMPARE(m_view->selection().length, qint64(0));
    QCOMPARE(m_view->layout().rowCount(), qint64(0));
    QTest::keyClick(m_view.get(), Qt::Key_Right);
    const QImage image = m_view->grab().toImage(); // paints without a source
    QVERIFY2(!image.isNull(), "grab of a view without a source failed");
}

void tst_HexView::bytesPerRow()
{
    BufferByteSource big(QByteArray(16 * 1000, 'x'));
    m_view->setSource(&big);
    m_view->scrollToOffset(16 * 40);
    QCOMPARE(m_view->firstVisibleRow(), qint64(40));
    QVERIFY2(!m_view->setBytesPerRow(12), "12 bytes per row must be refused");
    QCOMPARE(m_view->bytesPerRow(), 16);
    QVERIFY2(m_view->setBytesPerRow(8), "8 bytes per row must be accepted");
    QCOMPARE(m_view->firstVisibleRow(), qint64(80)); // the same bytes stay at the top
    QVERIFY2(m_view->setBytesPerRow(32), "32 bytes per row must be accepted");
    QCOMPARE(m_view->firstVisibleRow(), qint64(20));

    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, cellCentre(*m_view, 20 * 32 + 30));
    QVERIFY2(m_view->selection() == (HexView::Selection{20 * 32 + 30, 1}), qPrintable(selectionText(*m_view)));
}

void tst_HexView::cellFontKeepsTheGrid()
{
    // Sixteen characters drawn as one run must span exactly sixteen layout cells, or text drifts off its
    // selection highlight.
    const QFontMetricsF metrics(m_view->cellFont());
    const qreal width = metrics.horizontalAdvance(QStringLiteral("0123456789abcdef"));
    const int expected = 16 * m_view->layout().charWidth();
    QVERIFY2(qAbs(width - expected) < 1.0,
             qPrintable(QStringLiteral("run width %1, grid %2").arg(width).arg(expected)));
    // QFontInfo::fixedPitch() is unreliable (false for Noto Sans Mono here); compare advances instead.
    QCOMPARE(metrics.horizontalAdvance(QLatin1Char('i')), metrics.horizontalAdvance(QLatin1Char('W')));
    QCOMPARE(metrics.horizontalAdvance(QLatin1Char('.')), metrics.horizontalAdvance(QLatin1Char('0')));
}

void tst_HexView::rendersSomething()
{
    m_view->setSelection(0, 5);
    const QImage image = m_view->grab().toImage();
    QCOMPARE(image.size(), m_view->size() * image.devicePixelRatio());
    const QColor base = m_view->palette().color(QPalette::Base);
    // Count pixels unlike the background inside the first rows of the hex column.
    const ui::HexLayout &layout = m_view->layout();
    const QPoint origin = m_view->viewport()->mapTo(m_view.get(), QPoint(0, 0));
    const QRect rows(origin + QPoint(layout.hexAreaX(), layout.headerHeight()),
                     QSize(layout.hexAreaWidth(), 3 * layout.lineHeight()));
    int inked = 0;
    QSet<QRgb> colours;
    for (int y = rows.top(); y <= rows.bottom(); ++y) {
        for (int x = rows.left(); x <= rows.right(); ++x) {
            const QRgb pixel = image.pixel(x, y);
            colours.insert(pixel);
            inked += pixel != base.rgb() ? 1 : 0;
        }
    }
    QVERIFY2(inked > rows.width() * rows.height() / 20,
             qPrintable(QStringLiteral("only %1 of %2 pixels drawn").arg(inked).arg(rows.width() * rows.height())));
    QVERIFY2(colours.size() > 4, qPrintable(QStringLiteral("only %1 colours").arg(colours.size())));
}

void tst_HexView::accessibility()
{
    QVERIFY2(!m_view->accessibleName().isEmpty(), "the view needs an accessible name");
    QVERIFY2(!m_view->accessibleDescription().isEmpty(), "the view needs an accessible description");
}

void tst_HexView::rowTextSitsOnTheLayoutGrid_data()
{
    QTest::addColumn<int>("bytesPerRow");
    QTest::addColumn<qint64>("dataSize");
    QTest::addColumn<qint64>("rowOffset");
    QTest::addColumn<int>("count");
    QTest::addColumn<QString>("expected");
    const QString sixteen = QStringLiteral("41 00 7f 20 ff 0a 42 43  44 45 46 47 48 49 4a 4b   A.. ..BCDEFGHIJK");
    QTest::newRow("16, full row") << 16 << qint64(64) << qint64(0x20) << 16
                                  << QStringLiteral("00000020   ") + sixteen;
    QTest::newRow("8, short row") << 8 << qint64(64) << qint64(0x38) << 3
                                  << QStringLiteral("00000038   41 00 7f") + QString(15 + 3, QLatin1Char(' ')) // five bytes short, then the gap
                                         + QStringLiteral("A..");
    QTest::newRow("32, nine offset digits") << 32 << qint64(5) * 1024 * 1024 * 1024 << qint64(0x100000000) << 16
                                            << QStringLiteral("100000000   41 00 7f 20 ff 0a 42 43  44 45 46 47 "
                                                              "48 49 4a 4b")
                                                   + QString(16 * 3 + 2 + 3, QLatin1Char(' ')) // 16 bytes, 2 group gaps short
                                                   + QStringLiteral("A.. ..BCDEFGHIJK");
}

void tst_HexView::rowTextSitsOnTheLayoutGrid()
{
    QFETCH(int, bytesPerRow);
    QFETCH(qint64, dataSize);
    QFETCH(qint64, rowOffset);
    QFETCH(int, count);
    QFETCH(QString, expected);
    const QByteArray bytes("A\x00\x7f \xff\nBCDEFGHIJK", 16);
    ui::HexLayout layout;
    QVERIFY(layout.setBytesPerRow(bytesPerRow));
    layout.setDataSize(dataSize);
    layout.setCharMetrics(7, 15);
    const QString line = ui::HexRowText::line(layout, rowOffset, bytes.constData(), count);
    QCOMPARE(line, expected);
    // Every byte's digits and letter at the character cell the painter draws them in.
    for (int column = 0; column < count; ++column) {
        const int hex = ui::HexRowText::hexColumnChar(layout, column);
        const int text = ui::HexRowText::textColumnChar(layout, column);
        QCOMPARE(layout.offsetAreaX() + hex * layout.charWidth(), layout.hexColumnX(column));
        QCOMPARE(layout.offsetAreaX() + text * layout.charWidth(), layout.asciiColumnX(column));
        QCOMPARE(line.mid(hex, 2), QStringLiteral("%1").arg(quint8(bytes[column]), 2, 16, QLatin1Char('0')));
        QCOMPARE(line.at(text), ui::HexRowText::textChar(bytes[column]));
    }
    if (count == bytesPerRow)
        QCOMPARE(line.size(), ui::HexRowText::fullLineLength(layout));
}

QTEST_MAIN(tst_HexView)
#include "tst_hexview.moc"
