// HexViewAccessible: what assistive technology sees of a HexView — a read-only, multi-line text whose lines
// are the visible rows exactly as painted (offset, hex bytes, text; HexRowText makes both), with the byte
// selection as the text selection and the cursor byte as the caret. Setting the text selection or the caret
// selects bytes. Only the visible rows are ever formatted, so a 100 MB capture costs what 1 KB does.
// Installed once, as a QAccessible factory, by the first HexView. UI thread only, like its view.
#pragma once

#include <QAccessibleWidget>

namespace ui {

class HexView;

class HexViewAccessible : public QAccessibleWidget, public QAccessibleTextInterface
{
public:
    explicit HexViewAccessible(HexView *view);

    // Registers the factory with QAccessible; later calls do nothing.
    static void install();
    // Tells assistive technology what changed since it was last told: the visible text, the selection, the
    // caret. The view calls it at most every HexView::kAccessibilityNotifyMs while it changes.
    static void announceChanges(HexView *view);
    // True while something listens: assistive technology, or a test's event sink.
    static bool isListening();
    // Where announcements go; nullptr: QAccessible::updateAccessibility (which drops them unless assistive
    // technology is active). Tests, which run with no accessibility bridge, pass their own.
    using EventSink = void (*)(QAccessibleEvent *event);
    static void setEventSink(EventSink sink);

    void *interface_cast(QAccessible::InterfaceType type) override;
    QAccessible::Role role() const override;
    QAccessible::State state() const override;

    void selection(int selectionIndex, int *startOffset, int *endOffset) const override;
    int selectionCount() const override;
    void addSelection(int startOffset, int endOffset) override;
    void removeSelection(int selectionIndex) override;
    void setSelection(int selectionIndex, int startOffset, int endOffset) override;
    int cursorPosition() const override;
    void setCursorPosition(int position) override;
    QString text(int startOffset, int endOffset) const override;
    int characterCount() const override;
    QRect characterRect(int offset) const override;
    int offsetAtPoint(const QPoint &point) const override;
    void scrollToSubstring(int startIndex, int endIndex) override;
    QString attributes(int offset, int *startOffset, int *endOffset) const override;

    using QAccessibleWidget::text; // text(QAccessible::Text): the name and description

private:
    // The visible rows as text, and where they sit.
    struct Page
    {
        qint64 firstRow = 0;
        qint64 firstOffset = 0; // of the first visible byte
        qint64 endOffset = 0;   // one past the last visible byte
        int stride = 1;         // characters per line, its newline included
        QString text;
    };
    struct TextRange
    {
        int start = 0;
        int end = 0;
        friend bool operator==(const TextRange &, const TextRange &) = default;
    };

    HexView *view() const;
    Page page() const;
    TextRange selectionOn(const Page &page) const;
    int cursorOn(const Page &page) const;
    int positionOf(const Page &page, qint64 offset) const;
    qint64 byteAt(const Page &page, int position) const;
    void announce();
    static void send(QAccessibleEvent *event);

    QString m_announcedText;
    TextRange m_announcedSelection;
    int m_announcedCursor = 0;
};

} // namespace ui
