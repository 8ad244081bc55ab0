#include "ui/payloadeditor.h"

#include "ui/payloadpreview.h"

#include <QFontDatabase>
#include <QKeyEvent>

namespace ui {

PayloadEditor::PayloadEditor(QWidget *parent)
    : QPlainTextEdit(parent)
{
    setObjectName(QStringLiteral("payloadEditor"));
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setTabChangesFocus(true); // Tab moves on, as everywhere else; \t in Escapes mode sends a tab
    setAccessibleName(tr("Payload"));
    setToolTip(tr("What to send. Ctrl+Enter sends; Ctrl+Up and Ctrl+Down step through the history."));
    setMinimumHeight(fontMetrics().lineSpacing() + 12);
    setMode(core::PayloadMode::Text);
}

void PayloadEditor::setMode(core::PayloadMode mode)
{
    switch (mode) {
    case core::PayloadMode::Text:
        setPlaceholderText(tr("Text to send. Ctrl+Enter sends, Ctrl+Up recalls earlier payloads."));
        break;
    case core::PayloadMode::Hex:
        setPlaceholderText(tr("Bytes in hex: 48 65 6c 6c 6f, 0x48 0x65 or 48:65:6c. Ctrl+Enter sends."));
        break;
    case core::PayloadMode::Escapes:
        setPlaceholderText(tr("Text with escapes: \\r \\n \\t \\0 \\\\ \\xHH. Ctrl+Enter sends."));
        break;
    }
}

void PayloadEditor::markError(const core::PayloadError &error)
{
    m_error = error;
    QList<QTextEdit::ExtraSelection> marks;
    if (error.isError()) {
        QTextEdit::ExtraSelection mark;
        mark.cursor = QTextCursor(document());
        mark.cursor.setPosition(int(qMin<qsizetype>(error.position, document()->characterCount() - 1)));
        mark.cursor.movePosition(QTextCursor::NextCharacter, QTextCursor::KeepAnchor);
        mark.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
        mark.format.setUnderlineColor(PayloadPreview::errorColour(palette()));
        marks.append(mark);
    }
    setExtraSelections(marks);
}

void PayloadEditor::moveCursorTo(qsizetype position)
{
    QTextCursor cursor = textCursor();
    cursor.setPosition(int(qBound(qsizetype(0), position, qsizetype(document()->characterCount() - 1))));
    setTextCursor(cursor);
    setFocus(Qt::OtherFocusReason);
}

void PayloadEditor::keyPressEvent(QKeyEvent *event)
{
    if (event->modifiers() & Qt::ControlModifier) {
        switch (event->key()) {
        case Qt::Key_Return:
        case Qt::Key_Enter: emit sendRequested(); return; // never a newline, even when sending is blocked
        case Qt::Key_Up: emit olderRequested(); return;
        case Qt::Key_Down: emit newerRequested(); return;
        default: break;
        }
    }
    QPlainTextEdit::keyPressEvent(event);
}

void PayloadEditor::changeEvent(QEvent *event)
{
    QPlainTextEdit::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        markError(m_error); // the underline follows light and dark palettes
}

} // namespace ui
