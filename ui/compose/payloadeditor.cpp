#include "ui/compose/payloadeditor.h"

#include "core/i18n/translations.h"
#include "ui/compose/payloadpreview.h"

#include <QFontDatabase>
#include <QInputMethodEvent>
#include <QKeyEvent>
#include <QMimeData>
#include <QTextBlock>
#include <QUrl>

#include <algorithm>

namespace ui {

namespace {

bool isLineBreak(QChar c)
{
    return c == u'\n' || c == u'\r' || c == QChar::ParagraphSeparator || c == QChar::LineSeparator;
}

// Line lengths of `text`: its first line, its last, and its longest (the scan stops once one is over
// `stopAbove`: the answer is already "too long").
struct LineLengths
{
    qsizetype first = 0;
    qsizetype last = 0;
    qsizetype longest = 0;
    bool multiLine = false;
};

LineLengths lineLengths(QStringView text, qsizetype stopAbove)
{
    LineLengths lengths;
    qsizetype start = 0;
    for (qsizetype i = 0; i <= text.size(); ++i) {
        if (i < text.size() && !isLineBreak(text[i]))
            continue;
        const qsizetype length = i - start;
        if (!lengths.multiLine && i < text.size())
            lengths.first = length;
        lengths.longest = qMax(lengths.longest, length);
        lengths.last = length;
        if (lengths.longest > stopAbove)
            break;
        lengths.multiLine = lengths.multiLine || i < text.size();
        start = i + 1;
    }
    if (!lengths.multiLine)
        lengths.first = lengths.last;
    return lengths;
}

// The one local file a paste or drop names, or an empty string.
QString localFile(const QMimeData *source)
{
    if (!source->hasUrls())
        return {};
    const QList<QUrl> urls = source->urls();
    return urls.size() == 1 && urls.first().isLocalFile() ? urls.first().toLocalFile() : QString();
}

} // namespace

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

bool PayloadEditor::exceedsCaps(QStringView text)
{
    return text.size() > kMaxChars || lineLengths(text, kMaxLineChars).longest > kMaxLineChars;
}

std::optional<QString> PayloadEditor::refusalFor(QStringView text) const
{
    const QTextCursor cursor = textCursor();
    const qsizetype selected = cursor.selectionEnd() - cursor.selectionStart();
    const qsizetype total = document()->characterCount() - 1 - selected + text.size();
    if (total > kMaxChars)
        return tr("Not inserted: the editor holds at most %L1 character(s) and this would make %L2. Clear it and "
                  "paste again to send a larger payload as raw bytes, or send it as a file.",
                  nullptr, core::pluralCount(kMaxChars))
            .arg(kMaxChars)
            .arg(total);
    // The new text joins what is left of the lines at either end of the selection.
    const QTextBlock startBlock = document()->findBlock(cursor.selectionStart());
    const QTextBlock endBlock = document()->findBlock(cursor.selectionEnd());
    const qsizetype before = cursor.selectionStart() - startBlock.position();
    const qsizetype after = endBlock.position() + endBlock.length() - 1 - cursor.selectionEnd();
    const LineLengths lines = lineLengths(text, kMaxLineChars);
    const qsizetype longest = lines.multiLine ? std::max({before + lines.first, lines.longest, lines.last + after})
                                              : before + lines.first + after;
    if (longest > kMaxLineChars)
        return tr("Not inserted: a line holds at most %L1 character(s) (longer lines stall the window) and this "
                  "would make one of %L2. Break the line, or paste it into an empty editor to send it as raw "
                  "bytes.", nullptr, core::pluralCount(kMaxLineChars))
            .arg(kMaxLineChars)
            .arg(longest);
    return std::nullopt;
}

bool PayloadEditor::canInsertFromMimeData(const QMimeData *source) const
{
    return !localFile(source).isEmpty() || QPlainTextEdit::canInsertFromMimeData(source);
}

void PayloadEditor::insertFromMimeData(const QMimeData *source)
{
    if (const QString path = localFile(source); !path.isEmpty()) {
        emit fileOffered(path);
        return;
    }
    // text() of an in-process clipboard shares the string: the checks below cost its length, not a copy.
    const QString text = source->text();
    if (exceedsCaps(text)) {
        emit largeTextOffered(text);
        return;
    }
    if (const auto refusal = refusalFor(text)) {
        emit inputRefused(*refusal);
        return;
    }
    QPlainTextEdit::insertFromMimeData(source);
}

void PayloadEditor::inputMethodEvent(QInputMethodEvent *event)
{
    if (!event->commitString().isEmpty()) {
        if (const auto refusal = refusalFor(event->commitString())) {
            event->setCommitString({});
            emit inputRefused(*refusal);
        }
    }
    QPlainTextEdit::inputMethodEvent(event);
}

void PayloadEditor::keyPressEvent(QKeyEvent *event)
{
    const QString typed = event->text();
    const bool inserts = !typed.isEmpty() && !(event->modifiers() & (Qt::ControlModifier | Qt::MetaModifier))
                         && (typed.at(0).isPrint() || typed.at(0) == u'\r' || typed.at(0) == u'\n');
    if (inserts) {
        if (const auto refusal = refusalFor(typed.at(0) == u'\r' ? QStringLiteral("\n") : typed)) {
            emit inputRefused(*refusal);
            return;
        }
    }
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
