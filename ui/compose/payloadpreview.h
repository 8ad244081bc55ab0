// PayloadPreview: the line under the send composer's editor. It shows the exact bytes a payload encodes to
// as hex (the first kPreviewBytes, then "… and N more bytes", so 50 MB costs what 512 bytes do) with their
// count, or the input error in a red that is readable on light and dark palettes, with positions counted
// from 1. Clicking the error (or Enter/Space on it)
// emits errorActivated() so the composer can put the cursor there. A widget: UI thread only.
#pragma once

#include "core/codec/payloadcodec.h"

#include <QWidget>

class QLabel;

namespace ui {

class PayloadPreview : public QWidget
{
    Q_OBJECT

public:
    static constexpr qsizetype kPreviewBytes = 512;

    explicit PayloadPreview(QWidget *parent = nullptr);

    void setPayload(const core::EncodedPayload &payload);
    // A payload held as bytes: `head` is its start (at least kPreviewBytes of it when it has that many).
    void setLargePayload(const QByteArray &head, qint64 size);
    // No bytes to show yet (a paste being converted): `note` says why.
    void setNote(const QString &note);
    // The hex of head's first kPreviewBytes, and how many of `size` bytes are left out.
    static QString previewOf(const QByteArray &head, qint64 size);
    // The full preview or error text (the label itself may be elided to its width).
    QString previewText() const { return m_text; }

    // Dark red on light windows, light red on dark ones.
    static QColor errorColour(const QPalette &palette);
    // core's message with every "position N" counted from 1 as people count.
    static QString describeError(const core::PayloadError &error);
    // Sets only the label's text colour (nullopt: back to the palette's), so the rest follows the theme.
    static void setTextColour(QLabel *label, const std::optional<QColor> &colour);
    // Elides `text` to the label's width; the full text stays available to screen readers.
    static void setElidedText(QLabel *label, const QString &text);

signals:
    void errorActivated();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void showBytes(const QString &text, qint64 size);

    QLabel *m_bytes = nullptr;
    QLabel *m_count = nullptr;
    QString m_text;
    bool m_isError = false;
};

} // namespace ui
