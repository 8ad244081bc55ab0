#include "ui/hex/hexrowtext.h"

#include "ui/hex/hexlayout.h"

namespace ui {

namespace {

// Character index, on the row's line, of a content x position the layout gives in pixels: every area
// starts on a whole character cell, so the division is exact.
int charAt(const HexLayout &layout, int x)
{
    return (x - layout.offsetAreaX()) / layout.charWidth();
}

} // namespace

void HexRowText::appendHexByte(QString &out, quint8 byte)
{
    static constexpr char kDigits[] = "0123456789abcdef";
    out += QLatin1Char(kDigits[byte >> 4]);
    out += QLatin1Char(kDigits[byte & 0xf]);
}

QLatin1StringView HexRowText::separatorBefore(int column)
{
    return column % HexLayout::kGroupSize == 0 ? QLatin1StringView("  ") : QLatin1StringView(" ");
}

QString HexRowText::offsetText(qint64 offset, int digits)
{
    return QStringLiteral("%1").arg(offset, digits, 16, QLatin1Char('0'));
}

int HexRowText::hexColumnChar(const HexLayout &layout, int column)
{
    return charAt(layout, layout.hexColumnX(column));
}

int HexRowText::textColumnChar(const HexLayout &layout, int column)
{
    return charAt(layout, layout.asciiColumnX(column));
}

int HexRowText::fullLineLength(const HexLayout &layout)
{
    return textColumnChar(layout, 0) + layout.bytesPerRow();
}

QString HexRowText::line(const HexLayout &layout, qint64 offset, const char *bytes, int count)
{
    QString text = offsetText(offset, layout.offsetDigits());
    text.reserve(fullLineLength(layout));
    text.resize(hexColumnChar(layout, 0), QLatin1Char(' '));
    for (int column = 0; column < count; ++column) {
        if (column > 0)
            text += separatorBefore(column);
        appendHexByte(text, quint8(bytes[column]));
    }
    text.resize(textColumnChar(layout, 0), QLatin1Char(' '));
    for (int column = 0; column < count; ++column)
        text += textChar(bytes[column]);
    return text;
}

} // namespace ui
