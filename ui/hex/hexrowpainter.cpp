#include "ui/hex/hexrowpainter.h"

#include "ui/hex/hexrowtext.h"
#include "ui/widgets/palettetone.h"

#include <QFontMetrics>
#include <QPainter>
#include <QPalette>

#include <algorithm>

namespace ui {

namespace {

QColor mix(const QColor &a, const QColor &b, qreal amount)
{
    auto channel = [amount](int x, int y) { return int(x + (y - x) * amount + 0.5); };
    return QColor(channel(a.red(), b.red()), channel(a.green(), b.green()), channel(a.blue(), b.blue()));
}

} // namespace

HexRowPainter::HexRowPainter(const HexLayout &layout, const QFontMetrics &metrics, const QPalette &palette,
                             bool focused)
    : m_layout(layout)
    , m_baselineOffset(kLineLeading / 2 + metrics.ascent())
{
    const QPalette::ColorGroup group = focused ? QPalette::Active : QPalette::Inactive;
    m_base = palette.color(QPalette::Base);
    const QColor text = palette.color(QPalette::Text);
    const bool dark = isDark(m_base);
    m_band = mix(m_base, text, dark ? 0.06 : 0.035);
    m_separator = mix(m_base, text, 0.18);
    m_offsetText = mix(m_base, text, 0.55);
    m_highlight = palette.color(group, QPalette::Highlight);
    m_mirror = mix(m_base, m_highlight, dark ? 0.40 : 0.25);
    m_cursor = dark ? m_highlight.lighter(160) : m_highlight.darker(130);
    // Sent red and received blue as in Wireshark's Follow Stream: darker on light bases, lighter on dark
    // ones, so both keep a readable contrast against Base.
    const QColor sent = dark ? QColor(0xff, 0x8a, 0x80) : QColor(0xc0, 0x1c, 0x28);
    const QColor received = dark ? QColor(0x7c, 0xb7, 0xff) : QColor(0x1a, 0x5f, 0xb4);
    const std::array<QColor, 3> byOrigin{text, sent, received};
    for (size_t origin = 0; origin < byOrigin.size(); ++origin) {
        m_text[origin * 2] = byOrigin[origin];
        m_text[origin * 2 + 1] = mix(m_base, byOrigin[origin], 0.45); // zero and unprintable bytes recede
    }
    m_text[kHighlightedKey] = palette.color(group, QPalette::HighlightedText);
    // Amber behind a framing header, grey behind a trailer: tints light enough that the byte colours above
    // them keep their contrast.
    m_headerTint = mix(m_base, QColor(0xf0, 0xa0, 0x20), dark ? 0.22 : 0.20);
    m_trailerTint = mix(m_base, text, dark ? 0.14 : 0.10);
    // A message start is a bar in the amber family, strong enough to see between two bytes.
    m_boundary = dark ? QColor(0xff, 0xb8, 0x4d) : QColor(0xb0, 0x60, 0x00);
}

void HexRowPainter::paintBackground(QPainter &painter, int height) const
{
    const int width = std::max(m_layout.totalWidth(), painter.device()->width());
    painter.fillRect(0, 0, width, height, m_base);
    painter.fillRect(0, 0, m_layout.offsetSeparatorX(), height, m_band);
    painter.setPen(m_separator);
    painter.drawLine(m_layout.offsetSeparatorX(), 0, m_layout.offsetSeparatorX(), height);
    painter.drawLine(m_layout.asciiSeparatorX(), 0, m_layout.asciiSeparatorX(), height);
}

void HexRowPainter::paintHeader(QPainter &painter) const
{
    const int lineY = m_layout.headerHeight() - kHeaderPadding / 2;
    const int width = std::max(m_layout.totalWidth(), painter.device()->width());
    painter.fillRect(0, 0, width, lineY, m_band);
    painter.setPen(m_separator);
    painter.drawLine(0, lineY, width, lineY);
    painter.setPen(m_offsetText);
    const int baseline = m_baselineOffset + 1;
    for (int column = 0; column < m_layout.bytesPerRow(); ++column) {
        painter.drawText(m_layout.hexColumnX(column), baseline,
                         QStringLiteral("%1").arg(column, 2, 16, QLatin1Char('0')));
        painter.drawText(m_layout.asciiColumnX(column), baseline, QString::number(column % 16, 16));
    }
}

void HexRowPainter::paintRow(QPainter &painter, const Row &row, const State &state) const
{
    painter.setPen(m_offsetText);
    painter.drawText(m_layout.offsetAreaX(), row.y + m_baselineOffset,
                     HexRowText::offsetText(row.offset, m_layout.offsetDigits()));
    paintParts(painter, row);
    paintSelection(painter, row, state);
    paintMessageStarts(painter, row);
    paintText(painter, row, state, HexLayout::Area::Hex);
    paintText(painter, row, state, HexLayout::Area::Ascii);
}

void HexRowPainter::paintMessageStarts(QPainter &painter, const Row &row) const
{
    if (!row.messageStarts)
        return;
    // Two pixels wide, in the gap before the byte's hex digits and at the left edge of its character.
    const int pad = m_layout.charWidth() / 2;
    for (int column = 0; column < row.count; ++column) {
        if (!row.messageStarts[column])
            continue;
        painter.fillRect(m_layout.hexColumnX(column) - pad - 1, row.y, 2, m_layout.lineHeight(), m_boundary);
        painter.fillRect(m_layout.asciiColumnX(column) - 1, row.y, 2, m_layout.lineHeight(), m_boundary);
    }
}

void HexRowPainter::paintParts(QPainter &painter, const Row &row) const
{
    if (!row.parts)
        return;
    const int charWidth = m_layout.charWidth();
    const int pad = charWidth / 2;
    for (int start = 0; start < row.count;) {
        const ByteSource::Part part = row.parts[start];
        int end = start + 1;
        while (end < row.count && row.parts[end] == part)
            ++end;
        if (part != ByteSource::Part::Body) {
            const QColor &tint = part == ByteSource::Part::Header ? m_headerTint : m_trailerTint;
            const int hexX = m_layout.hexColumnX(start) - pad;
            painter.fillRect(hexX, row.y, m_layout.hexColumnX(end - 1) + 2 * charWidth + pad - hexX,
                             m_layout.lineHeight(), tint);
            painter.fillRect(m_layout.asciiColumnX(start), row.y, (end - start) * charWidth, m_layout.lineHeight(),
                             tint);
        }
        start = end;
    }
}

void HexRowPainter::paintSelection(QPainter &painter, const Row &row, const State &state) const
{
    const qint64 from = std::max(state.selectionStart, row.offset);
    const qint64 to = std::min(state.selectionEnd, row.offset + row.count); // exclusive
    const int charWidth = m_layout.charWidth();
    const int height = m_layout.lineHeight();
    if (from < to) {
        const int first = int(from - row.offset);
        const int last = int(to - 1 - row.offset);
        // Half a space of padding either side, so neighbouring bytes' highlights meet and digits breathe.
        const int pad = charWidth / 2;
        const int hexX = m_layout.hexColumnX(first) - pad;
        const int hexWidth = m_layout.hexColumnX(last) + 2 * charWidth + pad - hexX;
        const int asciiX = m_layout.asciiColumnX(first);
        const int asciiWidth = (last - first + 1) * charWidth;
        painter.fillRect(hexX, row.y, hexWidth, height, state.asciiActive ? m_mirror : m_highlight);
        painter.fillRect(asciiX, row.y, asciiWidth, height, state.asciiActive ? m_highlight : m_mirror);
    }
    if (state.showCursor && state.cursor >= row.offset && state.cursor < row.offset + row.count) {
        const int column = int(state.cursor - row.offset);
        const int x = state.asciiActive ? m_layout.asciiColumnX(column) : m_layout.hexColumnX(column);
        const int width = state.asciiActive ? charWidth : 2 * charWidth;
        painter.setPen(m_cursor);
        painter.drawRect(x - 1, row.y, width + 1, height - 1);
    }
}

int HexRowPainter::textColourKey(const Row &row, const State &state, int column, HexLayout::Area area) const
{
    const bool hexArea = area == HexLayout::Area::Hex;
    const qint64 offset = row.offset + column;
    if (hexArea != state.asciiActive && offset >= state.selectionStart && offset < state.selectionEnd)
        return kHighlightedKey;
    const char byte = row.bytes[column];
    const bool dim = hexArea ? byte == 0 : !HexRowText::isPrintable(byte);
    return int(row.origins[column]) * 2 + (dim ? 1 : 0);
}

void HexRowPainter::paintText(QPainter &painter, const Row &row, const State &state, HexLayout::Area area) const
{
    const bool hexArea = area == HexLayout::Area::Hex;
    // Runs of one colour are drawn as one string; with a monospace font each run stays on the layout's grid.
    // The characters come from HexRowText, as the view's accessible text does.
    const int baseline = row.y + m_baselineOffset;
    QString run;
    for (int start = 0; start < row.count;) {
        const int key = textColourKey(row, state, start, area);
        int end = start;
        run.clear();
        for (; end < row.count && textColourKey(row, state, end, area) == key; ++end) {
            if (!hexArea) {
                run += HexRowText::textChar(row.bytes[end]);
                continue;
            }
            if (end > start)
                run += HexRowText::separatorBefore(end);
            HexRowText::appendHexByte(run, quint8(row.bytes[end]));
        }
        painter.setPen(m_text[size_t(key)]);
        painter.drawText(hexArea ? m_layout.hexColumnX(start) : m_layout.asciiColumnX(start), baseline, run);
        start = end;
    }
}

} // namespace ui
