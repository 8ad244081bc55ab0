// HexView: shows a ByteSource as offset | hex bytes | text, painting only the rows in view so a 100 MB
// capture scrolls like a 1 KB one. Mouse and keyboard selection (mirrored between the hex and text
// columns), copying as hex, text or a C array, and following the tail of a growing conversation.
// Assistive technology reads the visible rows as text (HexViewAccessible), told of changes at most every
// kAccessibilityNotifyMs. A widget: UI thread only.
//
// Limits: the vertical scroll bar counts rows in an int, so at 16 bytes per row sources up to 32 GiB scroll
// fully; beyond that the scroll range is clamped and the rows past it cannot be scrolled to.
#pragma once

#include "ui/hex/bytesource.h"
#include "ui/hex/hexlayout.h"

#include <QAbstractScrollArea>
#include <QPointer>
#include <QTimer>

namespace ui {

class HexView : public QAbstractScrollArea
{
    Q_OBJECT

public:
    struct Selection
    {
        qint64 start = 0;
        qint64 length = 0; // 0: nothing selected
        friend bool operator==(const Selection &, const Selection &) = default;
    };

    static constexpr int kAccessibilityNotifyMs = 100; // a flood scrolls the tail: tell screen readers 10×/s

    explicit HexView(QWidget *parent = nullptr);

    // Not owned; the view forgets a source that is destroyed.
    void setSource(ByteSource *source);
    ByteSource *source() const { return m_source; }

    Selection selection() const;
    // Selects [start, start + length) clamped to the source; length <= 0 clears the selection.
    void setSelection(qint64 start, qint64 length);
    void selectAll();
    void clearSelection();
    QByteArray selectedBytes() const;
    // Copies take at most this much of the selection from its start.
    static constexpr qint64 kMaxCopyBytes = 16 * 1024 * 1024;

    // 8, 16 or 32; returns false and changes nothing for any other value. Keeps the top row's bytes in view.
    bool setBytesPerRow(int bytes);
    int bytesPerRow() const { return m_layout.bytesPerRow(); }
    // Scrolls so the row holding `offset` is at the top (as far as the scroll range allows).
    void scrollToOffset(qint64 offset);
    qint64 firstVisibleRow() const;
    // The rows at least partly in view, as paintEvent paints them.
    HexLayout::RowRange visibleRows() const;
    // The byte the keyboard moves from (the moving end of the selection); -1 with nothing selected.
    qint64 cursorOffset() const { return m_cursor; }
    // Which column the selection was made in: Ascii (the text column) or Hex.
    HexLayout::Area activeArea() const { return m_activeArea; }
    // When on, bytes appended while the view shows the last row keep it scrolled to the bottom.
    void setFollowTail(bool follow) { m_followTail = follow; }
    bool followTail() const { return m_followTail; }
    const HexLayout &layout() const { return m_layout; }
    // The widget font, letter-spaced so every character advances exactly layout().charWidth() pixels.
    const QFont &cellFont() const { return m_cellFont; }

    // Clipboard formats. Text is decoded as UTF-8 with invalid sequences (and NUL, which clipboards
    // truncate at) replaced by U+FFFD: lossy for binary data, but it pastes as what a person would read.
    static QString toHexText(const QByteArray &bytes);   // "48 65 6c 6c 6f"
    static QString toPlainText(const QByteArray &bytes);
    static QString toCArray(const QByteArray &bytes);    // "unsigned char bytes[5] = {\n    0x48, ...\n};\n"

public slots:
    void copyAsHex() const;
    void copyAsText() const;
    void copyAsCArray() const;

signals:
    void selectionChanged(qint64 start, qint64 length);

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;
    void keyPressEvent(QKeyEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    void focusInEvent(QFocusEvent *event) override;
    void focusOutEvent(QFocusEvent *event) override;

private:
    void onSourceReplaced();
    void onSourceAppended();
    void updateMetrics();
    void updateScrollBars();
    qint64 sourceSize() const;
    bool moveKeyTarget(const QKeyEvent *event, qint64 *target) const;
    // Whether moving the cursor carries the selection's far end along (Shift, a drag) or starts afresh.
    enum class CursorMove : quint8 { Jump, ExtendSelection };
    static CursorMove cursorMoveFor(Qt::KeyboardModifiers modifiers);
    void moveCursorTo(qint64 offset, CursorMove move);
    void setAnchorAndCursor(qint64 anchor, qint64 cursor);
    void ensureOffsetVisible(qint64 offset);
    HexLayout::Hit hitAt(const QPointF &position) const;
    void copyText(const QString &text) const;
    QByteArray bytesToCopy() const;
    void noteAccessibleChange();

    QPointer<ByteSource> m_source;
    QFont m_cellFont;
    HexLayout m_layout;
    qint64 m_anchor = -1; // the selection runs from the anchor to the cursor, both inclusive; -1: none
    qint64 m_cursor = -1;
    HexLayout::Area m_activeArea = HexLayout::Area::Hex;
    bool m_dragging = false;
    bool m_followTail = false;
    QTimer m_accessibilityNotify;
};

} // namespace ui
