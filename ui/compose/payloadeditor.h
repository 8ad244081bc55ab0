// PayloadEditor: the send composer's text box. Ctrl+Enter (either Enter key) asks to send instead of adding a
// newline, Ctrl+Up / Ctrl+Down ask for older / newer history entries, the placeholder explains the current
// input mode, and the character an input error points at gets a wavy underline.
// It never holds text whose layout would stall the window: at most kMaxChars characters and kMaxLineChars
// per line (a 64 KiB line without spaces takes 0.2-0.3 s to lay out, 16 KiB about 20 ms). A paste or drop
// that alone is over a cap is not inserted but offered as large text (sent as bytes); a local file URL is
// offered as a file; typing, pasting or input-method text that would take the editor past a cap is refused
// with a message. Only lengths are checked, never layout. A widget: UI thread only.
#pragma once

#include "core/codec/payloadcodec.h"

#include <QPlainTextEdit>

#include <optional>

namespace ui {

class PayloadEditor : public QPlainTextEdit
{
    Q_OBJECT

public:
    static constexpr qsizetype kMaxChars = 1024 * 1024;
    static constexpr qsizetype kMaxLineChars = 16 * 1024;

    explicit PayloadEditor(QWidget *parent = nullptr);

    void setMode(core::PayloadMode mode);
    // Underlines the character at `error.position` (nothing when there is no error).
    void markError(const core::PayloadError &error);
    // Puts the cursor at a 0-based position (clamped to the text) and takes the focus.
    void moveCursorTo(qsizetype position);

    // True when `text` alone is over a cap (its length, then its longest line, stopping at the first long one).
    static bool exceedsCaps(QStringView text);
    // Why inserting `text` at the cursor (replacing the selection) is refused, or nullopt when it fits.
    std::optional<QString> refusalFor(QStringView text) const;

signals:
    void sendRequested();
    void olderRequested();
    void newerRequested();
    // A paste or drop too large for the editor; `text` was not inserted.
    void largeTextOffered(const QString &text);
    // A pasted or dropped local file (URL).
    void fileOffered(const QString &path);
    // Typing or a paste was refused; `message` says why, for people.
    void inputRefused(const QString &message);

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void inputMethodEvent(QInputMethodEvent *event) override;
    bool canInsertFromMimeData(const QMimeData *source) const override;
    void insertFromMimeData(const QMimeData *source) override;
    void changeEvent(QEvent *event) override;

private:
    core::PayloadError m_error;
};

} // namespace ui
