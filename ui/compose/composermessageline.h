// ComposerMessageLine: the send composer's message line: how a repeat run or a file send went, why a paste
// or typing was refused. One line elided to its width (the full text stays in the tooltip and the accessible
// description), errors in a red readable on light and dark palettes (the owner calls showMessage() again
// when its palette changes: the label's own palette is the one set for the colour). A live label: it has no accessible name,
// so screen readers read its text. A widget: UI thread only.
#pragma once

#include <QLabel>

namespace ui {

class ComposerMessageLine : public QLabel
{
    Q_OBJECT

public:
    explicit ComposerMessageLine(QWidget *parent = nullptr);

    void showMessage(const QString &message, bool isError);
    QString message() const { return m_message; }
    bool isError() const { return m_isError; }

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    QString m_message;
    bool m_isError = false;
};

} // namespace ui
