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
    // How a message reads: in the palette's text colour, or in the error red.
    enum class Tone : quint8 { Info, Error };

    explicit ComposerMessageLine(QWidget *parent = nullptr);

    void showMessage(const QString &message, Tone tone = Tone::Info);
    QString message() const { return m_message; }
    Tone tone() const { return m_tone; }

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    QString m_message;
    Tone m_tone = Tone::Info;
};

} // namespace ui
