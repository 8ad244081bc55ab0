// HexRowText: a hex row as characters — its offset, its bytes in hex (groups of eight set apart by a doubled
// space) and the same bytes as text (printable ASCII, '.' for the rest). HexRowPainter draws these strings
// and the hex view's accessible text is made of them, so a screen reader reads exactly what is painted.
// line() places the three on HexLayout's character grid. Pure functions: any thread.
#pragma once

#include <QString>

namespace ui {

class HexLayout;

class HexRowText
{
public:
    static bool isPrintable(char byte) { return byte >= 0x20 && byte < 0x7f; }
    static QChar textChar(char byte) { return QLatin1Char(isPrintable(byte) ? byte : '.'); }
    static void appendHexByte(QString &out, quint8 byte);
    // What goes between byte `column - 1` and byte `column` in the hex column (column > 0).
    static QLatin1StringView separatorBefore(int column);
    static QString offsetText(qint64 offset, int digits);

    // One row on the layout's grid, from the offset column's first character to the last text character
    // (the margins left out): the offset, the hex bytes padded to a full row's width, the text. `count` is at
    // most layout.bytesPerRow(); a row shorter than that is the last one.
    static QString line(const HexLayout &layout, qint64 offset, const char *bytes, int count);
    // Where, in characters from the start of line(), byte `column` of a row has its first hex digit and its
    // text character; and how long a full row's line is.
    static int hexColumnChar(const HexLayout &layout, int column);
    static int textColumnChar(const HexLayout &layout, int column);
    static int fullLineLength(const HexLayout &layout);
};

} // namespace ui
