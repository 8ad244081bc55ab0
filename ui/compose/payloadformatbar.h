// PayloadFormatBar: the three combos that say how the send composer reads its editor: the input mode (Text,
// Hex, Escapes), the text encoding (core::availableEncodings(); unused and disabled in Hex mode) and the line
// ending appended. A widget: UI thread only.
#pragma once

#include "core/codec/payloadcodec.h"

#include <QWidget>

class QComboBox;

namespace ui {

class PayloadFormatBar : public QWidget
{
    Q_OBJECT

public:
    explicit PayloadFormatBar(QWidget *parent = nullptr);

    core::PayloadMode mode() const;
    void setMode(core::PayloadMode mode);
    QString encoding() const;
    // False (and no change) for a name not offered.
    bool setEncoding(const QString &encoding);
    core::LineEnding lineEnding() const;
    void setLineEnding(core::LineEnding ending);
    // Off while the tab's framing ends each message itself; `reason` becomes the combo's tooltip.
    void setLineEndingAvailable(bool available, const QString &reason = {});

    static QString modeName(core::PayloadMode mode);

signals:
    void formatChanged();
    void modeChanged(core::PayloadMode mode);

private:
    QComboBox *m_mode = nullptr;
    QComboBox *m_encoding = nullptr;
    QComboBox *m_lineEnding = nullptr;
};

} // namespace ui
