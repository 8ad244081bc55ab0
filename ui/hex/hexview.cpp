#include "ui/hex/hexview.h"

#include "core/codec/payloadcodec.h"

#include "ui/hex/hexrowpainter.h"
#include "ui/hex/hexviewaccessible.h"

#include <QClipboard>
#include <QContextMenuEvent>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QKeyEvent>
#include <QMenu>
#include <QPainter>
#include <QScrollBar>

#include <algorithm>
#include <array>
#include <climits>
#include <cmath>

namespace ui {

HexView::HexView(QWidget *parent)
    : QAbstractScrollArea(parent)
{
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setFocusPolicy(Qt::StrongFocus);
    viewport()->setCursor(Qt::IBeamCursor);
    viewport()->setAutoFillBackground(false); // paintEvent fills every pixel itself
    HexViewAccessible::install();
    setAccessibleName(tr("Hex dump"));
    setAccessibleDescription(tr("Byte offsets, the bytes in hexadecimal and the same bytes as text. "
                                "Select with the mouse or with Shift and the arrow keys; Ctrl+C copies "
                                "the selection as hexadecimal."));
    m_accessibilityNotify.setSingleShot(true);
    m_accessibilityNotify.setInterval(kAccessibilityNotifyMs);
    connect(&m_accessibilityNotify, &QTimer::timeout, this, [this] { HexViewAccessible::announceChanges(this); });
    updateMetrics();
}

// Content, scrolling and selection all change what a screen reader reads; it hears of it once per interval
// (the timer is not restarted), however fast the changes come.
void HexView::noteAccessibleChange()
{
    if (HexViewAccessible::isListening() && !m_accessibilityNotify.isActive())
        m_accessibilityNotify.start();
}

void HexView::setSource(ByteSource *source)
{
    if (m_source)
        disconnect(m_source, nullptr, this, nullptr);
    m_source = source;
    if (source) {
        connect(source, &ByteSource::changed, this, &HexView::onSourceReplaced);
        connect(source, &ByteSource::appended, this, &HexView::onSourceAppended);
        connect(source, &ByteSource::marked, viewport(), qOverload<>(&QWidget::update));
        // Drop the pointer before refreshing: nothing may call into a source that is being destroyed.
        connect(source, &QObject::destroyed, this, [this] {
            m_source = nullptr;
            onSourceReplaced();
        });
    }
    onSourceReplaced();
}

qint64 HexView::sourceSize() const
{
    return m_source ? m_source->size() : 0;
}

void HexView::onSourceReplaced()
{
    m_layout.setDataSize(sourceSize());
    m_dragging = false;
    clearSelection();
    updateScrollBars();
    verticalScrollBar()->setValue(m_followTail ? verticalScrollBar()->maximum() : 0);
    viewport()->update();
    noteAccessibleChange();
}

void HexView::onSourceAppended()
{
    QScrollBar *bar = verticalScrollBar();
    const bool atBottom = bar->value() >= bar->maximum();
    m_layout.setDataSize(sourceSize());
    updateScrollBars();
    if (m_followTail && atBottom)
        bar->setValue(bar->maximum());
    viewport()->update();
    noteAccessibleChange();
}

void HexView::updateMetrics()
{
    // Fonts often advance a fractional number of pixels per character (7.2 px, say) while the layout's
    // grid is whole pixels; letter spacing pads each glyph to the grid so a run of 48 characters ends where
    // the layout says instead of drifting ten pixels off it.
    m_cellFont = font();
    const qreal advance = QFontMetricsF(m_cellFont).horizontalAdvance(QLatin1Char('0'));
    const int charWidth = std::max(1, int(std::ceil(advance - 0.05)));
    m_cellFont.setLetterSpacing(QFont::AbsoluteSpacing, charWidth - advance);
    const QFontMetrics metrics(m_cellFont);
    const int lineHeight = metrics.height() + HexRowPainter::kLineLeading;
    m_layout.setCharMetrics(charWidth, lineHeight);
    m_layout.setHeaderHeight(lineHeight + HexRowPainter::kHeaderPadding);
    updateScrollBars();
    viewport()->update();
    noteAccessibleChange();
}

void HexView::updateScrollBars()
{
    const QSize area = viewport()->size();
    const int page = m_layout.fullRowsPerPage(area.height());
    verticalScrollBar()->setRange(0, int(std::min<qint64>(m_layout.maxFirstRow(area.height()), INT_MAX)));
    verticalScrollBar()->setPageStep(page);
    verticalScrollBar()->setSingleStep(1);
    horizontalScrollBar()->setRange(0, std::max(0, m_layout.totalWidth() - area.width()));
    horizontalScrollBar()->setPageStep(area.width());
    horizontalScrollBar()->setSingleStep(m_layout.charWidth());
}

qint64 HexView::firstVisibleRow() const
{
    return verticalScrollBar()->value();
}

HexLayout::RowRange HexView::visibleRows() const
{
    return m_layout.visibleRows(firstVisibleRow(), viewport()->height());
}

HexView::Selection HexView::selection() const
{
    if (m_cursor < 0 || m_anchor < 0)
        return {};
    return {std::min(m_anchor, m_cursor), std::abs(m_cursor - m_anchor) + 1};
}

void HexView::setAnchorAndCursor(qint64 anchor, qint64 cursor)
{
    const Selection before = selection();
    m_anchor = anchor;
    m_cursor = cursor;
    const Selection after = selection();
    if (!(after == before))
        emit selectionChanged(after.start, after.length);
    viewport()->update();
    noteAccessibleChange();
}

void HexView::setSelection(qint64 start, qint64 length)
{
    const qint64 size = sourceSize();
    start = std::clamp<qint64>(start, 0, size);
    length = std::min(length, size - start);
    if (length <= 0)
        clearSelection();
    else
        setAnchorAndCursor(start, start + length - 1);
}

void HexView::selectAll()
{
    setSelection(0, sourceSize());
}

void HexView::clearSelection()
{
    setAnchorAndCursor(-1, -1);
}

QByteArray HexView::selectedBytes() const
{
    const Selection range = selection();
    return m_source && range.length > 0 ? m_source->read(range.start, range.length) : QByteArray();
}

// What a copy takes: the selection, but no more than kMaxCopyBytes (a 100 MB selection as hex text would
// be 300 MB of clipboard).
QByteArray HexView::bytesToCopy() const
{
    const Selection range = selection();
    return m_source && range.length > 0 ? m_source->read(range.start, qMin(range.length, kMaxCopyBytes))
                                        : QByteArray();
}

bool HexView::setBytesPerRow(int bytes)
{
    const qint64 topOffset = firstVisibleRow() * m_layout.bytesPerRow();
    if (!m_layout.setBytesPerRow(bytes))
        return false;
    updateScrollBars();
    scrollToOffset(topOffset);
    viewport()->update();
    noteAccessibleChange();
    return true;
}

void HexView::scrollToOffset(qint64 offset)
{
    const qint64 row = m_layout.rowOf(std::max<qint64>(offset, 0));
    verticalScrollBar()->setValue(int(std::min<qint64>(row, INT_MAX)));
}

void HexView::ensureOffsetVisible(qint64 offset)
{
    const qint64 row = m_layout.rowOf(offset);
    const qint64 first = firstVisibleRow();
    const int page = m_layout.fullRowsPerPage(viewport()->height());
    if (row < first)
        verticalScrollBar()->setValue(int(std::min<qint64>(row, INT_MAX)));
    else if (row >= first + page)
        verticalScrollBar()->setValue(int(std::min<qint64>(row - page + 1, INT_MAX)));

    const HexLayout::Cell cell = m_activeArea == HexLayout::Area::Ascii ? m_layout.asciiCell(offset, first)
                                                                         : m_layout.hexCell(offset, first);
    QScrollBar *bar = horizontalScrollBar();
    if (cell.x < bar->value())
        bar->setValue(cell.x - m_layout.charWidth());
    else if (cell.x + cell.width > bar->value() + viewport()->width())
        bar->setValue(cell.x + cell.width + m_layout.charWidth() - viewport()->width());
}

// --- input ---------------------------------------------------------------------------------------------

bool HexView::moveKeyTarget(const QKeyEvent *event, qint64 *target) const
{
    const qint64 from = std::max<qint64>(m_cursor, 0);
    const int perRow = m_layout.bytesPerRow();
    const qint64 perPage = qint64(m_layout.fullRowsPerPage(viewport()->height())) * perRow;
    const bool control = event->modifiers() & Qt::ControlModifier;
    switch (event->key()) {
    case Qt::Key_Left: *target = from - 1; break;
    case Qt::Key_Right: *target = from + 1; break;
    case Qt::Key_Up: *target = from - perRow; break;
    case Qt::Key_Down: *target = from + perRow; break;
    case Qt::Key_PageUp: *target = from - perPage; break;
    case Qt::Key_PageDown: *target = from + perPage; break;
    case Qt::Key_Home: *target = control ? 0 : from - m_layout.columnOf(from); break;
    case Qt::Key_End: *target = control ? sourceSize() - 1 : from - m_layout.columnOf(from) + perRow - 1; break;
    default: return false;
    }
    if (m_cursor < 0) // the first move from nothing selected lands on the first byte
        *target = 0;
    // A move past either end stops at the first or last byte rather than being ignored.
    *target = std::clamp<qint64>(*target, 0, std::max<qint64>(sourceSize() - 1, 0));
    return true;
}

void HexView::keyPressEvent(QKeyEvent *event)
{
    if (event == QKeySequence::SelectAll) {
        selectAll();
    } else if (event == QKeySequence::Copy) {
        copyAsHex();
    } else if (qint64 target = 0; sourceSize() > 0 && moveKeyTarget(event, &target)) {
        moveCursorTo(target, cursorMoveFor(event->modifiers()));
    } else {
        QAbstractScrollArea::keyPressEvent(event);
        return;
    }
    event->accept();
}

HexView::CursorMove HexView::cursorMoveFor(Qt::KeyboardModifiers modifiers)
{
    return modifiers & Qt::ShiftModifier ? CursorMove::ExtendSelection : CursorMove::Jump;
}

void HexView::moveCursorTo(qint64 offset, CursorMove move)
{
    const bool extend = move == CursorMove::ExtendSelection && m_anchor >= 0;
    setAnchorAndCursor(extend ? m_anchor : offset, offset);
    ensureOffsetVisible(offset);
}

HexLayout::Hit HexView::hitAt(const QPointF &position) const
{
    const QPoint point = position.toPoint();
    return m_layout.hitTest(point.x() + horizontalScrollBar()->value(), point.y(), firstVisibleRow());
}

void HexView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton) {
        QAbstractScrollArea::mousePressEvent(event);
        return;
    }
    const HexLayout::Hit hit = hitAt(event->position());
    if (hit.area == HexLayout::Area::None)
        return;
    m_activeArea = hit.area == HexLayout::Area::Ascii ? HexLayout::Area::Ascii : HexLayout::Area::Hex;
    m_dragging = true;
    moveCursorTo(hit.offset, cursorMoveFor(event->modifiers()));
}

void HexView::mouseMoveEvent(QMouseEvent *event)
{
    if (!m_dragging || !(event->buttons() & Qt::LeftButton))
        return;
    // Rows above or below the viewport hit as such, so dragging past an edge scrolls the view along.
    const HexLayout::Hit hit = hitAt(event->position());
    if (hit.area != HexLayout::Area::None)
        moveCursorTo(hit.offset, CursorMove::ExtendSelection);
}

void HexView::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton)
        m_dragging = false;
}

void HexView::contextMenuEvent(QContextMenuEvent *event)
{
    const bool hasSelection = selection().length > 0;
    QMenu menu(this);
    QAction *hex = menu.addAction(tr("Copy as &Hex"), this, &HexView::copyAsHex);
    hex->setShortcut(QKeySequence::Copy);
    QAction *text = menu.addAction(tr("Copy as &Text"), this, &HexView::copyAsText);
    QAction *array = menu.addAction(tr("Copy as &C Array"), this, &HexView::copyAsCArray);
    for (QAction *action : {hex, text, array})
        action->setEnabled(hasSelection);
    menu.addSeparator();
    QAction *all = menu.addAction(tr("Select &All"), this, &HexView::selectAll);
    all->setShortcut(QKeySequence::SelectAll);
    all->setEnabled(sourceSize() > 0);
    menu.exec(event->globalPos());
}

void HexView::focusInEvent(QFocusEvent *event)
{
    QAbstractScrollArea::focusInEvent(event);
    viewport()->update();
}

void HexView::focusOutEvent(QFocusEvent *event)
{
    QAbstractScrollArea::focusOutEvent(event);
    viewport()->update();
}

void HexView::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    updateScrollBars();
    noteAccessibleChange(); // more or fewer rows in view
}

void HexView::changeEvent(QEvent *event)
{
    QAbstractScrollArea::changeEvent(event);
    if (event->type() == QEvent::FontChange)
        updateMetrics();
    else if (event->type() == QEvent::PaletteChange)
        viewport()->update();
}

void HexView::scrollContentsBy(int, int)
{
    viewport()->update();
    noteAccessibleChange();
}

// --- clipboard -----------------------------------------------------------------------------------------

QString HexView::toHexText(const QByteArray &bytes)
{
    return core::toHex(bytes);
}

QString HexView::toPlainText(const QByteArray &bytes)
{
    QString text = QString::fromUtf8(bytes);
    text.replace(QChar(u'\0'), QChar(QChar::ReplacementCharacter));
    return text;
}

QString HexView::toCArray(const QByteArray &bytes)
{
    return core::toCArray(bytes, QStringLiteral("bytes"));
}

void HexView::copyText(const QString &text) const
{
    if (selection().length > 0)
        QGuiApplication::clipboard()->setText(text);
}

void HexView::copyAsHex() const
{
    copyText(toHexText(bytesToCopy()));
}

void HexView::copyAsText() const
{
    copyText(toPlainText(bytesToCopy()));
}

void HexView::copyAsCArray() const
{
    copyText(toCArray(bytesToCopy()));
}

// --- painting ------------------------------------------------------------------------------------------

void HexView::paintEvent(QPaintEvent *)
{
    QPainter painter(viewport());
    painter.setFont(m_cellFont);
    painter.translate(-horizontalScrollBar()->value(), 0);
    const HexRowPainter rows(m_layout, QFontMetrics(m_cellFont), palette(), hasFocus());
    const int height = viewport()->height();
    rows.paintBackground(painter, height);
    rows.paintHeader(painter);
    if (!m_source)
        return;

    const qint64 first = firstVisibleRow();
    const HexLayout::RowRange visible = visibleRows();
    const int perRow = m_layout.bytesPerRow();
    const qint64 firstOffset = m_layout.offsetAt(visible.first, 0);
    // One read for the whole page: a segmented source copies each visible piece once.
    const QByteArray bytes = m_source->read(firstOffset, visible.count * perRow);
    const Selection range = selection();
    HexRowPainter::State state;
    state.selectionStart = range.start;
    state.selectionEnd = range.start + range.length;
    state.cursor = m_cursor;
    state.asciiActive = m_activeArea == HexLayout::Area::Ascii;
    state.showCursor = hasFocus();
    std::array<ByteSource::Origin, 32> origins{};
    std::array<ByteSource::Part, 32> parts{};
    std::array<bool, 32> starts{};
    painter.setClipRect(QRect(0, m_layout.headerHeight(), std::max(m_layout.totalWidth(), width()), height));
    for (qint64 i = 0; i < visible.count; ++i) {
        HexRowPainter::Row row;
        row.offset = firstOffset + i * perRow;
        row.bytes = bytes.constData() + i * perRow;
        row.count = int(std::min<qint64>(perRow, bytes.size() - i * perRow));
        row.y = m_layout.rowY(visible.first + i, first);
        bool framed = false;
        bool bounded = false;
        for (int column = 0; column < row.count; ++column) {
            origins[size_t(column)] = m_source->originAt(row.offset + column);
            parts[size_t(column)] = m_source->partAt(row.offset + column);
            starts[size_t(column)] = m_source->startsMessage(row.offset + column);
            framed = framed || parts[size_t(column)] != ByteSource::Part::Body;
            bounded = bounded || starts[size_t(column)];
        }
        row.origins = origins.data();
        row.parts = framed ? parts.data() : nullptr;
        row.messageStarts = bounded ? starts.data() : nullptr;
        rows.paintRow(painter, row, state);
    }
}

} // namespace ui
