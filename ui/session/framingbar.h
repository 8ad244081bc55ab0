// FramingBar: the row of a TCP tab that says how its streams are cut into messages — none (reads as they
// came), a delimiter (LF, CRLF, NUL or any hex bytes; kept in the view or stripped), a length header (1, 2,
// 4 or 8 bytes, big or little endian, after a fixed preamble, counting the header or not), a fixed length,
// or HTTP/1.1 — with the largest message the user allows, and whether the traffic list shows the messages
// or the raw reads. It edits a core::FramingSpec and says when it changed; a custom delimiter that is not
// hex keeps the last good spec and says why next to the field. UI thread only.
#pragma once

#include "core/codec/framingspec.h"

#include <QWidget>

#include <array>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QSettings;
class QSpinBox;
class QLabel;

namespace ui {

class FieldHint;

class FramingBar : public QWidget
{
    Q_OBJECT

public:
    explicit FramingBar(QWidget *parent = nullptr);

    // The spec the controls describe (the last valid one while a custom delimiter is being typed).
    core::FramingSpec spec() const { return m_spec; }
    void setSpec(const core::FramingSpec &spec);
    // True: the traffic list shows raw reads even though the tab frames its streams.
    bool showsRawReads() const;
    void setShowsRawReads(bool raw);
    // What is wrong with the custom delimiter; empty when nothing is.
    QString problem() const;

    // Under `prefix` in the tab's group ("framing/kind", "framing/delimiter"...); a value out of range falls
    // back to the default for that field.
    void saveState(QSettings &settings, const QString &prefix) const;
    void restoreState(QSettings &settings, const QString &prefix);

    QComboBox *kindBox() const { return m_kind; }

signals:
    void specChanged(const core::FramingSpec &spec);
    void rawReadsChanged(bool raw);

private:
    void buildDelimiterPage(QWidget *page);
    void buildLengthPage(QWidget *page);
    void buildFixedPage(QWidget *page);
    void showControlsFor(core::FramingKind kind);
    void readControls();

    core::FramingSpec m_spec;
    bool m_updating = false; // setSpec() is moving the controls: no signal per control
    QComboBox *m_kind = nullptr;
    std::array<QWidget *, 3> m_pages{}; // delimiter, length header, fixed length: one shows at a time
    QComboBox *m_delimiter = nullptr;
    QLineEdit *m_customDelimiter = nullptr;
    QCheckBox *m_keepDelimiter = nullptr;
    QComboBox *m_lengthWidth = nullptr;
    QComboBox *m_byteOrder = nullptr;
    QSpinBox *m_preamble = nullptr;
    QCheckBox *m_countsHeader = nullptr;
    QSpinBox *m_fixedLength = nullptr;
    QLabel *m_maxLabel = nullptr;
    QSpinBox *m_maxFrame = nullptr;
    QCheckBox *m_rawReads = nullptr;
    FieldHint *m_hint = nullptr;
};

} // namespace ui
