// PayloadEditor: the send composer's text box. Ctrl+Enter (either Enter key) asks to send instead of adding a
// newline, Ctrl+Up / Ctrl+Down ask for older / newer history entries, the placeholder explains the current
// input mode, and the character an input error points at gets a wavy underline. A widget: UI thread only.
#pragma once

#include "core/payloadcodec.h"

#include <QPlainTextEdit>

namespace ui {

class PayloadEditor : public QPlainTextEdit
{
    Q_OBJECT

public:
    explicit PayloadEditor(QWidget *parent = nullptr);

    void setMode(core::PayloadMode mode);
    // Underlines the character at `error.position` (nothing when there is no error).
    void markError(const core::PayloadError &error);
    // Puts the cursor at a 0-based position (clamped to the text) and takes the focus.
    void moveCursorTo(qsizetype position);

signals:
    void sendRequested();
    void olderRequested();
    void newerRequested();

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    core::PayloadError m_error;
};

} // namespace ui
