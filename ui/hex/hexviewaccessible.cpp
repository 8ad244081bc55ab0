#include "ui/hex/hexviewaccessible.h"

#include "ui/hex/bytesource.h"
#include "ui/hex/hexrowtext.h"
#include "ui/hex/hexview.h"

#include <QScrollBar>

#include <algorithm>

namespace ui {

namespace {

HexViewAccessible::EventSink g_eventSink = nullptr;

QAccessibleInterface *createForHexView(const QString &className, QObject *object)
{
    if (object && object->isWidgetType() && className == QLatin1StringView(HexView::staticMetaObject.className()))
        return new HexViewAccessible(static_cast<HexView *>(object));
    return nullptr;
}

} // namespace

HexViewAccessible::HexViewAccessible(HexView *view)
    : QAccessibleWidget(view, QAccessible::EditableText)
{
    // What assistive technology knows already: only later changes are announced.
    const Page current = page();
    m_announcedText = current.text;
    m_announcedSelection = selectionOn(current);
    m_announcedCursor = cursorOn(current);
}

void HexViewAccessible::install()
{
    static const bool installed = [] {
        QAccessible::installFactory(createForHexView);
        return true;
    }();
    Q_UNUSED(installed);
}

HexView *HexViewAccessible::view() const
{
    return static_cast<HexView *>(widget());
}

void *HexViewAccessible::interface_cast(QAccessible::InterfaceType type)
{
    if (type == QAccessible::TextInterface)
        return static_cast<QAccessibleTextInterface *>(this);
    return QAccessibleWidget::interface_cast(type);
}

QAccessible::Role HexViewAccessible::role() const
{
    return QAccessible::EditableText; // read-only, as Qt presents a read-only QPlainTextEdit
}

QAccessible::State HexViewAccessible::state() const
{
    QAccessible::State state = QAccessibleWidget::state();
    state.readOnly = true;
    state.multiLine = true;
    state.selectableText = true;
    return state;
}

HexViewAccessible::Page HexViewAccessible::page() const
{
    const HexView *hexView = view();
    const HexLayout &layout = hexView->layout();
    Page page;
    page.stride = HexRowText::fullLineLength(layout) + 1;
    const ByteSource *source = hexView->source();
    if (!source)
        return page;
    const HexLayout::RowRange rows = hexView->visibleRows();
    const int perRow = layout.bytesPerRow();
    page.firstRow = rows.first;
    page.firstOffset = layout.offsetAt(rows.first, 0);
    const QByteArray bytes = source->read(page.firstOffset, rows.count * perRow); // one read, as paintEvent
    page.endOffset = page.firstOffset + bytes.size();
    page.text.reserve(int(rows.count) * page.stride);
    for (qsizetype start = 0; start < bytes.size(); start += perRow) {
        if (start > 0)
            page.text += QLatin1Char('\n');
        const int count = int(std::min<qsizetype>(perRow, bytes.size() - start));
        page.text += HexRowText::line(layout, page.firstOffset + start, bytes.constData() + start, count);
    }
    return page;
}

int HexViewAccessible::positionOf(const Page &page, qint64 offset) const
{
    const HexLayout &layout = view()->layout();
    const int line = int(layout.rowOf(offset) - page.firstRow);
    const int column = layout.columnOf(offset);
    const bool textColumn = view()->activeArea() == HexLayout::Area::Ascii;
    return line * page.stride + (textColumn ? HexRowText::textColumnChar(layout, column)
                                            : HexRowText::hexColumnChar(layout, column));
}

// The byte a character belongs to, as a click on that character would choose it; -1 with nothing shown.
qint64 HexViewAccessible::byteAt(const Page &page, int position) const
{
    if (page.text.isEmpty())
        return -1;
    position = std::clamp(position, 0, int(page.text.size()) - 1);
    const HexLayout &layout = view()->layout();
    const int column = position % page.stride;
    const qint64 row = page.firstRow + position / page.stride;
    const int x = layout.offsetAreaX() + column * layout.charWidth() + layout.charWidth() / 2;
    return layout.hitTest(x, layout.rowY(row, page.firstRow), page.firstRow).offset;
}

HexViewAccessible::TextRange HexViewAccessible::selectionOn(const Page &page) const
{
    const HexView::Selection selected = view()->selection();
    const qint64 first = std::max(selected.start, page.firstOffset);
    const qint64 last = std::min(selected.start + selected.length, page.endOffset) - 1;
    if (selected.length <= 0 || first > last)
        return {};
    const int lastWidth = view()->activeArea() == HexLayout::Area::Ascii ? 1 : 2;
    return {positionOf(page, first), positionOf(page, last) + lastWidth};
}

int HexViewAccessible::cursorOn(const Page &page) const
{
    const qint64 cursor = view()->cursorOffset();
    return cursor >= page.firstOffset && cursor < page.endOffset ? positionOf(page, cursor) : 0;
}

void HexViewAccessible::selection(int selectionIndex, int *startOffset, int *endOffset) const
{
    const TextRange range = selectionIndex == 0 ? selectionOn(page()) : TextRange{};
    *startOffset = range.start;
    *endOffset = range.end;
}

int HexViewAccessible::selectionCount() const
{
    const TextRange range = selectionOn(page());
    return range.end > range.start ? 1 : 0;
}

void HexViewAccessible::addSelection(int startOffset, int endOffset)
{
    setSelection(0, startOffset, endOffset); // the view has one selection
}

void HexViewAccessible::removeSelection(int selectionIndex)
{
    if (selectionIndex == 0)
        view()->clearSelection();
}

void HexViewAccessible::setSelection(int selectionIndex, int startOffset, int endOffset)
{
    if (selectionIndex != 0)
        return;
    const Page current = page();
    const qint64 from = byteAt(current, std::min(startOffset, endOffset));
    const qint64 to = byteAt(current, std::max(startOffset, endOffset) - 1);
    if (from < 0 || startOffset == endOffset)
        view()->clearSelection();
    else
        view()->setSelection(std::min(from, to), std::abs(to - from) + 1);
}

int HexViewAccessible::cursorPosition() const
{
    return cursorOn(page());
}

void HexViewAccessible::setCursorPosition(int position)
{
    // The view's cursor is the moving end of its selection: the caret alone selects its byte.
    if (const qint64 offset = byteAt(page(), position); offset >= 0)
        view()->setSelection(offset, 1);
}

QString HexViewAccessible::text(int startOffset, int endOffset) const
{
    return page().text.mid(startOffset, std::max(0, endOffset - startOffset));
}

int HexViewAccessible::characterCount() const
{
    return int(page().text.size());
}

QRect HexViewAccessible::characterRect(int offset) const
{
    const Page current = page();
    if (offset < 0 || offset >= current.text.size())
        return {};
    const HexView *hexView = view();
    const HexLayout &layout = hexView->layout();
    const int x = layout.offsetAreaX() + (offset % current.stride) * layout.charWidth()
                  - hexView->horizontalScrollBar()->value();
    const int y = layout.rowY(current.firstRow + offset / current.stride, current.firstRow);
    return {hexView->viewport()->mapToGlobal(QPoint(x, y)), QSize(layout.charWidth(), layout.lineHeight())};
}

int HexViewAccessible::offsetAtPoint(const QPoint &point) const
{
    const Page current = page();
    const HexView *hexView = view();
    const HexLayout &layout = hexView->layout();
    const QPoint local = hexView->viewport()->mapFromGlobal(point);
    const int x = local.x() + hexView->horizontalScrollBar()->value() - layout.offsetAreaX();
    const int y = local.y() - layout.headerHeight();
    if (x < 0 || y < 0)
        return -1;
    const int line = y / layout.lineHeight();
    const int column = x / layout.charWidth();
    const int position = line * current.stride + column;
    return column < current.stride - 1 && position < current.text.size() ? position : -1;
}

void HexViewAccessible::scrollToSubstring(int, int)
{
    // The text is the visible rows only: whatever it addresses is on screen already.
}

QString HexViewAccessible::attributes(int, int *startOffset, int *endOffset) const
{
    *startOffset = 0; // one run without attributes
    *endOffset = characterCount();
    return {};
}

bool HexViewAccessible::isListening()
{
    return g_eventSink || QAccessible::isActive();
}

void HexViewAccessible::setEventSink(EventSink sink)
{
    g_eventSink = sink;
}

void HexViewAccessible::send(QAccessibleEvent *event)
{
    if (g_eventSink)
        g_eventSink(event);
    else
        QAccessible::updateAccessibility(event);
}

void HexViewAccessible::announceChanges(HexView *view)
{
    if (!isListening())
        return;
    if (auto *accessible = dynamic_cast<HexViewAccessible *>(QAccessible::queryAccessibleInterface(view)))
        accessible->announce();
}

void HexViewAccessible::announce()
{
    const Page current = page();
    if (current.text != m_announcedText) {
        QAccessibleTextUpdateEvent event(view(), 0, m_announcedText, current.text);
        send(&event);
        m_announcedText = current.text;
    }
    const int cursor = cursorOn(current);
    if (const TextRange selected = selectionOn(current); !(selected == m_announcedSelection)) {
        QAccessibleTextSelectionEvent event(view(), selected.start, selected.end);
        event.setCursorPosition(cursor);
        send(&event);
        m_announcedSelection = selected;
    }
    if (cursor != m_announcedCursor) {
        QAccessibleTextCursorEvent event(view(), cursor);
        send(&event);
        m_announcedCursor = cursor;
    }
}

} // namespace ui
