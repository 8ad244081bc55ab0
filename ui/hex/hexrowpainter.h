// HexRowPainter: draws a HexView's background, column header and rows on the grid a HexLayout describes,
// with colours derived from the widget's palette so light and dark themes both read well. It knows
// nothing of sources or input: the view hands it each visible row's bytes and the selection state.
// Split from HexView as Okteta splits its column renderers from its view. UI thread only (QPainter on a
// widget).
#pragma once

#include "ui/hex/bytesource.h"
#include "ui/hex/hexlayout.h"

#include <QColor>

#include <array>

class QFontMetrics;
class QPainter;
class QPalette;

namespace ui {

class HexRowPainter
{
public:
    struct Row
    {
        qint64 offset = 0; // of the row's first byte
        const char *bytes = nullptr;
        int count = 0;
        const ByteSource::Origin *origins = nullptr; // one per byte
        const ByteSource::Part *parts = nullptr;     // one per byte; nullptr: all body
        const bool *messageStarts = nullptr;         // one per byte; nullptr: no message starts in the row
        int y = 0;
    };
    struct State
    {
        qint64 selectionStart = 0;
        qint64 selectionEnd = 0; // exclusive
        qint64 cursor = -1;      // drawn only when showCursor
        bool asciiActive = false;
        bool showCursor = false;
    };

    static constexpr int kLineLeading = 3;   // pixels between lines: bare font height looks cramped
    static constexpr int kHeaderPadding = 6; // pixels under the column header band

    HexRowPainter(const HexLayout &layout, const QFontMetrics &metrics, const QPalette &palette, bool focused);

    void paintBackground(QPainter &painter, int height) const;
    void paintHeader(QPainter &painter) const;
    void paintRow(QPainter &painter, const Row &row, const State &state) const;

private:
    static constexpr int kHighlightedKey = 6; // text-colour key for selected bytes in the active column

    void paintParts(QPainter &painter, const Row &row) const;
    void paintMessageStarts(QPainter &painter, const Row &row) const;
    void paintSelection(QPainter &painter, const Row &row, const State &state) const;
    // area: HexLayout::Area::Hex or HexLayout::Area::Ascii.
    void paintText(QPainter &painter, const Row &row, const State &state, HexLayout::Area area) const;
    int textColourKey(const Row &row, const State &state, int column, HexLayout::Area area) const;

    const HexLayout &m_layout;
    int m_baselineOffset = 0; // from the top of a line to its baseline
    QColor m_headerTint, m_trailerTint; // behind a message's framing header and trailer
    QColor m_boundary;                  // the bar before a message's first byte
    QColor m_base, m_band, m_separator, m_offsetText, m_highlight, m_mirror, m_cursor;
    std::array<QColor, 7> m_text; // [origin * 2 + dimmed], then kHighlightedKey
};

} // namespace ui
