// LargePayloadCard: what the send composer shows in place of its editor while it holds a payload too large
// to lay out as text: one line saying what it is ("Pasted 50.0 MiB (52,428,800 bytes) — sent as raw
// bytes"), Discard, and Save as File… for pasted bytes. It owns the LargePayload: a paste is encoded off the
// UI thread (the card says "Converting…" meanwhile), a file is referenced, never read here, and a paste
// saved to a file is then held as that file, so its bytes leave memory. A widget: UI thread only.
#pragma once

#include "core/codec/payloadcodec.h"
#include "ui/compose/composermessageline.h"
#include "ui/compose/largepayload.h"

#include <QFrame>

#include <functional>

class QLabel;
class QPushButton;

namespace ui {

class LargePayloadCard : public QFrame
{
    Q_OBJECT

public:
    // Asked for a path to save pasted bytes to (empty: cancelled). The default opens a QFileDialog.
    using SaveFileChooser = std::function<QString(QWidget *parent)>;

    explicit LargePayloadCard(QWidget *parent = nullptr);

    void setSaveFileChooser(SaveFileChooser chooser) { m_chooser = std::move(chooser); }

    // Encodes `text` as the composer would (mode, encoding, line ending) on a worker thread, then holds the
    // bytes. An encoding error is reported through message() and nothing is held.
    void offerText(const QString &text, core::PayloadMode mode, const QString &encoding, core::LineEnding ending);
    // Holds a reference to a readable file; false (and message()) for a folder or a missing file.
    bool offerFile(const QString &path);
    // Drops what is held, or the paste being converted.
    void discard();
    // Writes held bytes to a file the chooser names (on a worker thread), then holds that file instead.
    void saveAs();

    // Showing: converting a paste or holding a payload.
    bool isActive() const { return m_converting || !m_payload.isNull(); }
    bool isConverting() const { return m_converting; }
    const LargePayload &payload() const { return m_payload; }
    QString text() const { return m_text; } // the line as shown (before eliding)

signals:
    void changed();
    void message(const QString &text, ui::ComposerMessageLine::Tone tone);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void hold(const LargePayload &payload);
    void onEncoded(quint64 job, const core::EncodedPayload &encoded);
    void onSaved(quint64 job, const QString &path, const QString &error);
    void showText(const QString &text);

    QLabel *m_label = nullptr;
    QPushButton *m_save = nullptr;
    QPushButton *m_discard = nullptr;
    SaveFileChooser m_chooser;
    LargePayload m_payload;
    QString m_text;
    quint64 m_job = 0; // the paste or save whose result still counts; older ones are dropped
    bool m_converting = false;
    bool m_saving = false;
};

} // namespace ui
