#include "ui/compose/payloadformatbar.h"

#include <QComboBox>
#include <QGridLayout>
#include <QLabel>

namespace ui {

PayloadFormatBar::PayloadFormatBar(QWidget *parent)
    : QWidget(parent)
    , m_mode(new QComboBox(this))
    , m_encoding(new QComboBox(this))
    , m_lineEnding(new QComboBox(this))
{
    m_mode->setObjectName(QStringLiteral("payloadMode"));
    for (const auto mode : {core::PayloadMode::Text, core::PayloadMode::Hex, core::PayloadMode::Escapes})
        m_mode->addItem(modeName(mode));
    m_mode->setAccessibleName(tr("Input mode"));
    m_mode->setToolTip(tr("How the editor is read: Text as typed, Hex as byte values (48 65 6c, 0x48, 48:65), "
                          "or text with escapes (\\n \\r \\t \\0 \\\\ \\xHH)"));
    m_encoding->setObjectName(QStringLiteral("payloadEncoding"));
    m_encoding->addItems(core::availableEncodings());
    m_encoding->setAccessibleName(tr("Text encoding"));
    m_lineEnding->setObjectName(QStringLiteral("lineEnding"));
    // In core::LineEnding order.
    m_lineEnding->addItems({tr("No line end"), tr("+ LF  \\n"), tr("+ CRLF  \\r\\n"), tr("+ CR  \\r")});
    m_lineEnding->setAccessibleName(tr("Line ending"));
    m_lineEnding->setToolTip(tr("Appended to the payload; in Text and Escapes mode in the chosen encoding"));

    // Over AT-SPI a combo box's name is its current value ("Text", "UTF-8"): a buddy label says what it is.
    // Each label sits above its combo, so the labels cost the composer no width.
    const std::pair<QString, QComboBox *> labelled[] = {
        {tr("Input"), m_mode}, {tr("Encoding"), m_encoding}, {tr("Line end"), m_lineEnding}};
    auto *layout = new QGridLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setHorizontalSpacing(4);
    layout->setVerticalSpacing(0);
    int column = 0;
    for (const auto &[text, combo] : labelled) {
        auto *label = new QLabel(text, this);
        label->setBuddy(combo);
        layout->addWidget(label, 0, column);
        layout->addWidget(combo, 1, column++);
        connect(combo, &QComboBox::currentIndexChanged, this, &PayloadFormatBar::formatChanged);
    }

    const auto onMode = [this] {
        const bool hex = mode() == core::PayloadMode::Hex;
        m_encoding->setEnabled(!hex);
        m_encoding->setToolTip(hex ? tr("Not used in Hex mode: the bytes are sent exactly as written")
                                   : tr("How the text is turned into bytes"));
        emit modeChanged(mode());
    };
    connect(m_mode, &QComboBox::currentIndexChanged, this, onMode);
    onMode();
}

core::PayloadMode PayloadFormatBar::mode() const
{
    return static_cast<core::PayloadMode>(m_mode->currentIndex());
}

void PayloadFormatBar::setMode(core::PayloadMode mode)
{
    m_mode->setCurrentIndex(int(mode));
}

QString PayloadFormatBar::encoding() const
{
    return m_encoding->currentText();
}

bool PayloadFormatBar::setEncoding(const QString &encoding)
{
    const int index = m_encoding->findText(encoding);
    if (index < 0)
        return false;
    m_encoding->setCurrentIndex(index);
    return true;
}

void PayloadFormatBar::setLineEndingAvailable(bool available, const QString &reason)
{
    m_lineEnding->setEnabled(available);
    m_lineEnding->setToolTip(available ? tr("Appended to the payload; in Text and Escapes mode in the chosen encoding")
                                       : reason);
}

core::LineEnding PayloadFormatBar::lineEnding() const
{
    return static_cast<core::LineEnding>(m_lineEnding->currentIndex());
}

void PayloadFormatBar::setLineEnding(core::LineEnding ending)
{
    m_lineEnding->setCurrentIndex(int(ending));
}

QString PayloadFormatBar::modeName(core::PayloadMode mode)
{
    switch (mode) {
    case core::PayloadMode::Hex: return tr("Hex");
    case core::PayloadMode::Escapes: return tr("Escapes");
    case core::PayloadMode::Text: break;
    }
    return tr("Text");
}

} // namespace ui
