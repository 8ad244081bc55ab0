// HexLayout: the arithmetic of a hex view — offset ↔ (row, column), where each area and cell sits in pixels,
// which byte a point falls on, and which rows a viewport shows. Plain numbers in and out (no QWidget, no
// QFontMetrics) so it can be tested without painting. A value type: any thread may use its own copy; the
// HexView that owns one uses it on the UI thread.
//
// A row reads, in character cells:  ␣OOOOOOOO␣␣␣hh␣hh␣…␣hh␣␣hh␣…␣hh␣␣␣aaaaaaaaaaaaaaaa␣
// i.e. one cell of margin, the offset column, a three-cell gap, the hex bytes (groups of 8 with a doubled
// space between groups), a three-cell gap, the text column, one cell of margin. Pixel x positions are
// "content" coordinates (before horizontal scrolling); y positions are viewport coordinates, with rows
// starting below a header band of headerHeight() pixels.
#pragma once

#include <QtGlobal>

namespace ui {

class HexLayout
{
public:
    enum class Area : quint8 { None, Offset, Hex, Ascii };
    struct Hit
    {
        Area area = Area::None;
        qint64 offset = -1; // clamped into [0, dataSize); -1 when there are no bytes
    };
    struct Cell
    {
        int x = 0;
        int y = 0;
        int width = 0;
        int height = 0;
    };
    struct RowRange
    {
        qint64 first = 0;
        qint64 count = 0;
    };

    static constexpr int kDefaultBytesPerRow = 16;
    static constexpr int kGroupSize = 8;
    static constexpr int kMinOffsetDigits = 8;
    static constexpr int kMarginChars = 1;
    static constexpr int kAreaGapChars = 3;

    static bool isSupportedBytesPerRow(int bytes) { return bytes == 8 || bytes == 16 || bytes == 32; }
    // Hex digits needed to print the largest offset of `size` bytes: 8 up to 4 GiB, more beyond.
    static int offsetDigitsFor(qint64 size);

    // Returns false (and changes nothing) for anything but 8, 16 or 32.
    bool setBytesPerRow(int bytes);
    int bytesPerRow() const { return m_bytesPerRow; }
    void setDataSize(qint64 size);
    qint64 dataSize() const { return m_dataSize; }
    void setCharMetrics(int charWidth, int lineHeight);
    int charWidth() const { return m_charWidth; }
    int lineHeight() const { return m_lineHeight; }
    void setHeaderHeight(int pixels) { m_headerHeight = qMax(0, pixels); }
    int headerHeight() const { return m_headerHeight; }

    qint64 rowCount() const { return rowCountFor(m_dataSize); }
    qint64 rowCountFor(qint64 size) const;
    int offsetDigits() const { return offsetDigitsFor(m_dataSize); }
    qint64 rowOf(qint64 offset) const { return offset / m_bytesPerRow; }
    int columnOf(qint64 offset) const { return int(offset % m_bytesPerRow); }
    qint64 offsetAt(qint64 row, int column) const { return row * m_bytesPerRow + column; }

    // Horizontal geometry, in content pixels.
    int offsetAreaX() const { return kMarginChars * m_charWidth; }
    int hexAreaX() const { return (kMarginChars + offsetDigits() + kAreaGapChars) * m_charWidth; }
    int hexAreaWidth() const { return hexAreaChars() * m_charWidth; }
    int asciiAreaX() const { return hexAreaX() + (hexAreaChars() + kAreaGapChars) * m_charWidth; }
    int asciiAreaWidth() const { return m_bytesPerRow * m_charWidth; }
    int totalWidth() const { return asciiAreaX() + asciiAreaWidth() + kMarginChars * m_charWidth; }
    int hexColumnX(int column) const { return hexAreaX() + hexColumnChar(column) * m_charWidth; }
    int asciiColumnX(int column) const { return asciiAreaX() + column * m_charWidth; }
    // Middle of the gaps either side of the hex area, where the view draws its separators.
    int offsetSeparatorX() const { return hexAreaX() - (kAreaGapChars * m_charWidth) / 2; }
    int asciiSeparatorX() const { return asciiAreaX() - (kAreaGapChars * m_charWidth) / 2; }

    // Vertical geometry, in viewport pixels, with `firstRow` at the top.
    int rowY(qint64 row, qint64 firstRow) const;
    Cell hexCell(qint64 offset, qint64 firstRow) const;
    Cell asciiCell(qint64 offset, qint64 firstRow) const;
    Hit hitTest(int x, int y, qint64 firstRow) const;

    // Rows at least partly visible in a viewport `viewportHeight` pixels tall scrolled to `firstRow`.
    RowRange visibleRows(qint64 firstRow, int viewportHeight) const;
    // Rows wholly visible (at least 1): the page step for PgUp/PgDn and the scroll bar.
    int fullRowsPerPage(int viewportHeight) const;
    // The scroll position that puts the last row at the bottom of the viewport.
    qint64 maxFirstRow(int viewportHeight) const;

private:
    int groupCount() const { return m_bytesPerRow / kGroupSize; }
    int hexAreaChars() const { return m_bytesPerRow * 3 - 1 + (groupCount() - 1); }
    static int hexColumnChar(int column) { return column * 3 + column / kGroupSize; }
    int hexColumnAt(int x) const;

    int m_bytesPerRow = kDefaultBytesPerRow;
    qint64 m_dataSize = 0;
    int m_charWidth = 8;
    int m_lineHeight = 16;
    int m_headerHeight = 0;
};

} // namespace ui
