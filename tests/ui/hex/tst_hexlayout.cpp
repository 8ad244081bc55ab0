// HexLayout: offset ↔ row/column, hit tests at every boundary, cell rectangles, visible rows, offset width.
#include "ui/hex/hexlayout.h"

#include <QTest>

using ui::HexLayout;
using Area = HexLayout::Area;

Q_DECLARE_METATYPE(HexLayout::Area)

namespace {

// 10 px characters and 20 px lines make every position below easy to check by hand:
// offset column x 10..90, hex area x 120..600 (byte c at 120 + 10 * (3c + c / 8)), ASCII x 630..790,
// separators at x 105 and 615, rows from y 30 (header 30 px).
HexLayout geometry(qint64 size, int bytesPerRow = 16)
{
    HexLayout layout;
    layout.setBytesPerRow(bytesPerRow);
    layout.setDataSize(size);
    layout.setCharMetrics(10, 20);
    layout.setHeaderHeight(30);
    return layout;
}

} // namespace

class tst_HexLayout : public QObject
{
    Q_OBJECT

private slots:
    void offsetToRowColumn_data();
    void offsetToRowColumn();
    void rowCount_data();
    void rowCount();
    void offsetDigits_data();
    void offsetDigits();
    void supportedBytesPerRow_data();
    void supportedBytesPerRow();
    void areaGeometry();
    void hitTest_data();
    void hitTest();
    void hitTestEmpty();
    void cells_data();
    void cells();
    void visibleRows_data();
    void visibleRows();
    void pageRows_data();
    void pageRows();
};

void tst_HexLayout::offsetToRowColumn_data()
{
    QTest::addColumn<int>("bytesPerRow");
    QTest::addColumn<qint64>("offset");
    QTest::addColumn<qint64>("row");
    QTest::addColumn<int>("column");

    QTest::newRow("16: first byte") << 16 << qint64(0) << qint64(0) << 0;
    QTest::newRow("16: end of row 0") << 16 << qint64(15) << qint64(0) << 15;
    QTest::newRow("16: start of row 1") << 16 << qint64(16) << qint64(1) << 0;
    QTest::newRow("16: second group") << 16 << qint64(0x1234) << qint64(0x123) << 4;
    QTest::newRow("8: row 2 column 7") << 8 << qint64(23) << qint64(2) << 7;
    QTest::newRow("32: column 31") << 32 << qint64(63) << qint64(1) << 31;
    QTest::newRow("16: beyond 4 GiB") << 16 << qint64(0x1'0000'0009) << qint64(0x1000'0000) << 9;
}

void tst_HexLayout::offsetToRowColumn()
{
    QFETCH(int, bytesPerRow);
    QFETCH(qint64, offset);
    QFETCH(qint64, row);
    QFETCH(int, column);

    HexLayout layout;
    QVERIFY2(layout.setBytesPerRow(bytesPerRow), "bytes per row rejected");
    QCOMPARE(layout.rowOf(offset), row);
    QCOMPARE(layout.columnOf(offset), column);
    QCOMPARE(layout.offsetAt(row, column), offset);
}

void tst_HexLayout::rowCount_data()
{
    QTest::addColumn<int>("bytesPerRow");
    QTest::addColumn<qint64>("size");
    QTest::addColumn<qint64>("rows");

    QTest::newRow("empty") << 16 << qint64(0) << qint64(0);
    QTest::newRow("one byte") << 16 << qint64(1) << qint64(1);
    QTest::newRow("exactly one row") << 16 << qint64(16) << qint64(1);
    QTest::newRow("one past a row") << 16 << qint64(17) << qint64(2);
    QTest::newRow("8 per row") << 8 << qint64(17) << qint64(3);
    QTest::newRow("32 per row") << 32 << qint64(64) << qint64(2);
    QTest::newRow("100 MB") << 16 << qint64(100 * 1024 * 1024) << qint64(6'553'600);
}

void tst_HexLayout::rowCount()
{
    QFETCH(int, bytesPerRow);
    QFETCH(qint64, size);
    QFETCH(qint64, rows);

    HexLayout layout = geometry(size, bytesPerRow);
    QCOMPARE(layout.rowCount(), rows);
}

void tst_HexLayout::offsetDigits_data()
{
    QTest::addColumn<qint64>("size");
    QTest::addColumn<int>("digits");

    QTest::newRow("empty") << qint64(0) << 8;
    QTest::newRow("1 byte") << qint64(1) << 8;
    QTest::newRow("exactly 4 GiB") << qint64(0x1'0000'0000) << 8;
    QTest::newRow("4 GiB + 1") << qint64(0x1'0000'0001) << 9;
    QTest::newRow("1 TiB + 1") << qint64(0x100'0000'0001) << 11;
    QTest::newRow("largest") << std::numeric_limits<qint64>::max() << 16;
}

void tst_HexLayout::offsetDigits()
{
    QFETCH(qint64, size);
    QFETCH(int, digits);

    QCOMPARE(HexLayout::offsetDigitsFor(size), digits);
    QCOMPARE(geometry(size).offsetDigits(), digits);
}

void tst_HexLayout::supportedBytesPerRow_data()
{
    QTest::addColumn<int>("bytesPerRow");
    QTest::addColumn<bool>("accepted");

    QTest::newRow("8") << 8 << true;
    QTest::newRow("16") << 16 << true;
    QTest::newRow("32") << 32 << true;
    QTest::newRow("0") << 0 << false;
    QTest::newRow("12") << 12 << false;
    QTest::newRow("64") << 64 << false;
    QTest::newRow("-16") << -16 << false;
}

void tst_HexLayout::supportedBytesPerRow()
{
    QFETCH(int, bytesPerRow);
    QFETCH(bool, accepted);

    HexLayout layout;
    QCOMPARE(layout.setBytesPerRow(bytesPerRow), accepted);
    QCOMPARE(layout.bytesPerRow(), accepted ? bytesPerRow : HexLayout::kDefaultBytesPerRow);
}

void tst_HexLayout::areaGeometry()
{
    const HexLayout layout = geometry(40);
    QCOMPARE(layout.offsetAreaX(), 10);
    QCOMPARE(layout.hexAreaX(), 120);
    QCOMPARE(layout.hexAreaWidth(), 480); // 16 × "hh " − 1 + one extra space between the two groups
    QCOMPARE(layout.hexColumnX(7), 330);
    QCOMPARE(layout.hexColumnX(8), 370);
    QCOMPARE(layout.hexColumnX(15), 580);
    QCOMPARE(layout.asciiAreaX(), 630);
    QCOMPARE(layout.asciiColumnX(15), 780);
    QCOMPARE(layout.totalWidth(), 800);
    QCOMPARE(layout.offsetSeparatorX(), 105);
    QCOMPARE(layout.asciiSeparatorX(), 615);

    const HexLayout wide = geometry(0x2'0000'0000, 32); // 9 offset digits, four groups
    QCOMPARE(wide.hexAreaX(), 130);
    QCOMPARE(wide.hexColumnX(24), 130 + (72 + 3) * 10);
    QCOMPARE(wide.asciiAreaX(), 130 + (32 * 3 - 1 + 3 + 3) * 10);
}

void tst_HexLayout::hitTest_data()
{
    QTest::addColumn<int>("bytesPerRow");
    QTest::addColumn<qint64>("firstRow");
    QTest::addColumn<int>("x");
    QTest::addColumn<int>("y");
    QTest::addColumn<Area>("area");
    QTest::addColumn<qint64>("offset");

    // 40 bytes at 16 per row: rows 0 and 1 full, row 2 holds offsets 32..39.
    QTest::newRow("first digit of byte 0") << 16 << qint64(0) << 120 << 30 << Area::Hex << qint64(0);
    QTest::newRow("last pixel of byte 0's digits") << 16 << qint64(0) << 139 << 49 << Area::Hex << qint64(0);
    QTest::newRow("left half of the space after 0") << 16 << qint64(0) << 144 << 30 << Area::Hex << qint64(0);
    QTest::newRow("right half of the space after 0") << 16 << qint64(0) << 145 << 30 << Area::Hex << qint64(1);
    QTest::newRow("gap left of hex, hex side") << 16 << qint64(0) << 105 << 30 << Area::Hex << qint64(0);
    QTest::newRow("gap left of hex, offset side") << 16 << qint64(0) << 104 << 30 << Area::Offset << qint64(0);
    QTest::newRow("offset column, row 1") << 16 << qint64(0) << 50 << 55 << Area::Offset << qint64(16);
    QTest::newRow("between groups, left half") << 16 << qint64(0) << 359 << 30 << Area::Hex << qint64(7);
    QTest::newRow("between groups, right half") << 16 << qint64(0) << 360 << 30 << Area::Hex << qint64(8);
    QTest::newRow("last hex byte") << 16 << qint64(0) << 599 << 30 << Area::Hex << qint64(15);
    QTest::newRow("gap right of hex, hex side") << 16 << qint64(0) << 614 << 30 << Area::Hex << qint64(15);
    QTest::newRow("gap right of hex, text side") << 16 << qint64(0) << 615 << 30 << Area::Ascii << qint64(0);
    QTest::newRow("text column 3 of row 1") << 16 << qint64(0) << 665 << 50 << Area::Ascii << qint64(19);
    QTest::newRow("right of the text column") << 16 << qint64(0) << 5000 << 30 << Area::Ascii << qint64(15);
    QTest::newRow("past the end of the last row") << 16 << qint64(0) << 580 << 70 << Area::Hex << qint64(39);
    QTest::newRow("text past the end") << 16 << qint64(0) << 780 << 75 << Area::Ascii << qint64(39);
    QTest::newRow("below the last row") << 16 << qint64(0) << 150 << 900 << Area::Hex << qint64(33);
    QTest::newRow("in the header") << 16 << qint64(0) << 150 << 10 << Area::Hex << qint64(1);
    QTest::newRow("header when scrolled: row above") << 16 << qint64(2) << 150 << 10 << Area::Hex << qint64(17);
    QTest::newRow("scrolled by one row") << 16 << qint64(1) << 120 << 30 << Area::Hex << qint64(16);
    QTest::newRow("left of everything") << 16 << qint64(0) << -50 << 30 << Area::Offset << qint64(0);
    QTest::newRow("8 per row: last column") << 8 << qint64(0) << 349 << 30 << Area::Hex << qint64(7);
    // At 8 per row the text column starts at x 380.
    QTest::newRow("8 per row: text column 1") << 8 << qint64(0) << 395 << 50 << Area::Ascii << qint64(9);
    QTest::newRow("32 per row: group 3 start") << 32 << qint64(0) << 120 + 75 * 10 << 30 << Area::Hex << qint64(24);
}

void tst_HexLayout::hitTest()
{
    QFETCH(int, bytesPerRow);
    QFETCH(qint64, firstRow);
    QFETCH(int, x);
    QFETCH(int, y);
    QFETCH(Area, area);
    QFETCH(qint64, offset);

    const HexLayout layout = geometry(40, bytesPerRow);
    const HexLayout::Hit hit = layout.hitTest(x, y, firstRow);
    QVERIFY2(hit.area == area, qPrintable(QStringLiteral("area %1, expected %2").arg(int(hit.area)).arg(int(area))));
    QCOMPARE(hit.offset, offset);
}

void tst_HexLayout::hitTestEmpty()
{
    const HexLayout::Hit hit = geometry(0).hitTest(150, 30, 0);
    QVERIFY2(hit.area == Area::None, "an empty source has nothing to hit");
    QCOMPARE(hit.offset, qint64(-1));
}

void tst_HexLayout::cells_data()
{
    QTest::addColumn<qint64>("offset");
    QTest::addColumn<qint64>("firstRow");
    QTest::addColumn<QList<int>>("hex");   // x, y, width, height
    QTest::addColumn<QList<int>>("ascii");

    QTest::newRow("byte 0") << qint64(0) << qint64(0) << QList<int>{120, 30, 20, 20} << QList<int>{630, 30, 10, 20};
    QTest::newRow("byte 8 of row 1") << qint64(24) << qint64(0) << QList<int>{370, 50, 20, 20}
                                     << QList<int>{710, 50, 10, 20};
    QTest::newRow("scrolled to row 1") << qint64(31) << qint64(1) << QList<int>{580, 30, 20, 20}
                                       << QList<int>{780, 30, 10, 20};
    QTest::newRow("above the viewport") << qint64(0) << qint64(1) << QList<int>{120, 10, 20, 20}
                                        << QList<int>{630, 10, 10, 20};
}

void tst_HexLayout::cells()
{
    QFETCH(qint64, offset);
    QFETCH(qint64, firstRow);
    QFETCH(QList<int>, hex);
    QFETCH(QList<int>, ascii);

    const HexLayout layout = geometry(40);
    const HexLayout::Cell hexCell = layout.hexCell(offset, firstRow);
    const HexLayout::Cell asciiCell = layout.asciiCell(offset, firstRow);
    QCOMPARE((QList<int>{hexCell.x, hexCell.y, hexCell.width, hexCell.height}), hex);
    QCOMPARE((QList<int>{asciiCell.x, asciiCell.y, asciiCell.width, asciiCell.height}), ascii);
    // A cell's centre must hit-test back to the same byte.
    QCOMPARE(layout.hitTest(hexCell.x + hexCell.width / 2, hexCell.y + hexCell.height / 2, firstRow).offset, offset);
    QCOMPARE(layout.hitTest(asciiCell.x + asciiCell.width / 2, asciiCell.y + 5, firstRow).offset, offset);
}

void tst_HexLayout::visibleRows_data()
{
    QTest::addColumn<qint64>("size");
    QTest::addColumn<qint64>("firstRow");
    QTest::addColumn<int>("viewportHeight");
    QTest::addColumn<qint64>("first");
    QTest::addColumn<qint64>("count");

    const qint64 fortyRows = 40 * 16;
    QTest::newRow("exactly ten rows tall") << fortyRows << qint64(0) << 230 << qint64(0) << qint64(10);
    QTest::newRow("one pixel of an eleventh") << fortyRows << qint64(0) << 231 << qint64(0) << qint64(11);
    QTest::newRow("near the end") << fortyRows << qint64(35) << 230 << qint64(35) << qint64(5);
    QTest::newRow("header only") << fortyRows << qint64(0) << 30 << qint64(0) << qint64(0);
    QTest::newRow("shorter than the header") << fortyRows << qint64(0) << 10 << qint64(0) << qint64(0);
    QTest::newRow("scrolled past the end") << fortyRows << qint64(50) << 230 << qint64(40) << qint64(0);
    QTest::newRow("negative scroll") << fortyRows << qint64(-3) << 230 << qint64(0) << qint64(10);
    QTest::newRow("short source") << qint64(20) << qint64(0) << 230 << qint64(0) << qint64(2);
    QTest::newRow("empty source") << qint64(0) << qint64(0) << 230 << qint64(0) << qint64(0);
    QTest::newRow("middle of 100 MB") << qint64(100 * 1024 * 1024) << qint64(3'276'800) << 600 << qint64(3'276'800)
                                      << qint64(29);
}

void tst_HexLayout::visibleRows()
{
    QFETCH(qint64, size);
    QFETCH(qint64, firstRow);
    QFETCH(int, viewportHeight);
    QFETCH(qint64, first);
    QFETCH(qint64, count);

    const HexLayout::RowRange rows = geometry(size).visibleRows(firstRow, viewportHeight);
    QCOMPARE(rows.first, first);
    QCOMPARE(rows.count, count);
}

void tst_HexLayout::pageRows_data()
{
    QTest::addColumn<qint64>("size");
    QTest::addColumn<int>("viewportHeight");
    QTest::addColumn<int>("fullRows");
    QTest::addColumn<qint64>("maxFirstRow");

    QTest::newRow("ten rows") << qint64(40 * 16) << 230 << 10 << qint64(30);
    QTest::newRow("ten and a bit") << qint64(40 * 16) << 249 << 10 << qint64(30);
    QTest::newRow("tiny viewport still pages by one") << qint64(40 * 16) << 20 << 1 << qint64(39);
    QTest::newRow("fits entirely") << qint64(100) << 230 << 10 << qint64(0);
}

void tst_HexLayout::pageRows()
{
    QFETCH(qint64, size);
    QFETCH(int, viewportHeight);
    QFETCH(int, fullRows);
    QFETCH(qint64, maxFirstRow);

    const HexLayout layout = geometry(size);
    QCOMPARE(layout.fullRowsPerPage(viewportHeight), fullRows);
    QCOMPARE(layout.maxFirstRow(viewportHeight), maxFirstRow);
}

QTEST_APPLESS_MAIN(tst_HexLayout)
#include "tst_hexlayout.moc"
