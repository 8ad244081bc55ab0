#include "ui/hex/hexlayout.h"

#include <algorithm>

namespace ui {

namespace {

// Rounds towards minus infinity, so points left of or above an area map to column/row -1, not 0.
qint64 floorDiv(qint64 a, qint64 b)
{
    const qint64 q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

} // namespace

int HexLayout::offsetDigitsFor(qint64 size)
{
    const auto last = quint64(std::max<qint64>(size - 1, 0));
    int digits = kMinOffsetDigits;
    while (digits < 16 && (last >> (4 * digits)) != 0)
        ++digits;
    return digits;
}

bool HexLayout::setBytesPerRow(int bytes)
{
    if (!isSupportedBytesPerRow(bytes))
        return false;
    m_bytesPerRow = bytes;
    return true;
}

void HexLayout::setDataSize(qint64 size)
{
    m_dataSize = std::max<qint64>(size, 0);
}

void HexLayout::setCharMetrics(int charWidth, int lineHeight)
{
    m_charWidth = std::max(charWidth, 1);
    m_lineHeight = std::max(lineHeight, 1);
}

qint64 HexLayout::rowCountFor(qint64 size) const
{
    return size <= 0 ? 0 : (size + m_bytesPerRow - 1) / m_bytesPerRow;
}

int HexLayout::rowY(qint64 row, qint64 firstRow) const
{
    // Callers ask only about rows near the viewport; clamp so a far-away row cannot overflow int.
    const qint64 delta = std::clamp<qint64>(row - firstRow, -1'000'000, 1'000'000);
    return m_headerHeight + int(delta) * m_lineHeight;
}

HexLayout::Cell HexLayout::hexCell(qint64 offset, qint64 firstRow) const
{
    return {hexColumnX(columnOf(offset)), rowY(rowOf(offset), firstRow), 2 * m_charWidth, m_lineHeight};
}

HexLayout::Cell HexLayout::asciiCell(qint64 offset, qint64 firstRow) const
{
    return {asciiColumnX(columnOf(offset)), rowY(rowOf(offset), firstRow), m_charWidth, m_lineHeight};
}

int HexLayout::hexColumnAt(int x) const
{
    // Each byte owns its two digits plus half of the space on either side; the doubled space between groups
    // is split evenly between the last byte of one group and the first of the next.
    const qint64 rel = qint64(x) - hexAreaX();
    const qint64 groupPitch = qint64(kGroupSize * 3 + 1) * m_charWidth;
    const qint64 group = std::clamp<qint64>(floorDiv(rel + m_charWidth, groupPitch), 0, groupCount() - 1);
    const qint64 twiceInGroup = 2 * (rel - group * groupPitch) + m_charWidth;
    const qint64 inGroup = std::clamp<qint64>(floorDiv(twiceInGroup, 6 * qint64(m_charWidth)), 0, kGroupSize - 1);
    return int(group * kGroupSize + inGroup);
}

HexLayout::Hit HexLayout::hitTest(int x, int y, qint64 firstRow) const
{
    if (m_dataSize <= 0)
        return {};
    const qint64 row = std::clamp<qint64>(firstRow + floorDiv(qint64(y) - m_headerHeight, m_lineHeight), 0,
                                          rowCount() - 1);
    Hit hit;
    int column = 0;
    if (x < offsetSeparatorX()) {
        hit.area = Area::Offset;
    } else if (x < asciiSeparatorX()) {
        hit.area = Area::Hex;
        column = hexColumnAt(x);
    } else {
        hit.area = Area::Ascii;
        column = int(std::clamp<qint64>(floorDiv(qint64(x) - asciiAreaX(), m_charWidth), 0, m_bytesPerRow - 1));
    }
    hit.offset = std::min(offsetAt(row, column), m_dataSize - 1);
    return hit;
}

HexLayout::RowRange HexLayout::visibleRows(qint64 firstRow, int viewportHeight) const
{
    const qint64 rows = rowCount();
    const qint64 first = std::clamp<qint64>(firstRow, 0, rows);
    const int body = viewportHeight - m_headerHeight;
    if (body <= 0)
        return {first, 0};
    const qint64 fits = (body + m_lineHeight - 1) / m_lineHeight;
    return {first, std::min(fits, rows - first)};
}

int HexLayout::fullRowsPerPage(int viewportHeight) const
{
    return std::max(1, (viewportHeight - m_headerHeight) / m_lineHeight);
}

qint64 HexLayout::maxFirstRow(int viewportHeight) const
{
    return std::max<qint64>(0, rowCount() - fullRowsPerPage(viewportHeight));
}

} // namespace ui
