// The fields endpoint forms are made of, each validating itself as the user types with core's pure parsers:
// PortField, BindAddressCombo (numeric addresses, the machine's interfaces offered), HostCombo (names or
// addresses, with history) and FieldHint (the red sentence next to a field). UI thread only.
//
// The two combos are editable: the QLineEdit inside is what has focus while typing, and a screen reader
// announces it on its own, so it carries the combo's name too. Their setAccessibleName() hides QWidget's
// (which is not virtual) to name both; called through a QWidget pointer, the editor keeps its default name.
#pragma once

#include "core/net/endpoint.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>

#include <optional>

namespace ui {

// Where every endpoint field starts (and what a saved form without the field falls back to): this machine
// only, so a first Listen or Bind exposes nothing to the network.
inline const QString kLoopbackAddress = QStringLiteral("127.0.0.1");

// A one-line explanation of what is wrong with a field; hidden when nothing is.
class FieldHint : public QLabel
{
    Q_OBJECT
public:
    explicit FieldHint(QWidget *parent = nullptr);
    void setProblem(const QString &problem);
protected:
    void changeEvent(QEvent *event) override;
private:
    void applyColour();
};

class PortField : public QLineEdit
{
    Q_OBJECT
public:
    // What a 0 in the field means: any free port (where we listen or bind), or a mistake (where we send).
    enum class ZeroPort : quint8 { MeansAny, Refused };

    explicit PortField(ZeroPort zero, QWidget *parent = nullptr);
    std::optional<quint16> port() const;
    QString problem() const; // empty when valid
    void setPort(quint16 port) { setText(QString::number(port)); }
signals:
    void validityChanged();
private:
    bool allowsZero() const { return m_zero == ZeroPort::MeansAny; }

    ZeroPort m_zero;
};

// Where a server listens or a UDP socket binds, read by core::parseEndpoint: numeric IPv4 / IPv6 for now
// (a Unix path parses, and problem() says the tab does not take one yet).
class BindAddressCombo : public QComboBox
{
    Q_OBJECT
public:
    BindAddressCombo(core::SocketType type, core::EndpointPurpose purpose, QWidget *parent = nullptr);
    void setAccessibleName(const QString &name); // the combo's and its editor's
    QString address() const { return currentText().trimmed(); }
    // The endpoint to hand the session, or the sentence problem() shows.
    core::EndpointParse endpoint(quint16 port) const;
    QString problem() const;
    // A sentence to show when the address accepts connections from other machines; empty otherwise.
    QString exposureWarning() const;
signals:
    void validityChanged();
private:
    core::SocketType m_type;
    core::EndpointPurpose m_purpose;
};

// A host to reach: a name or a numeric address; remembers the last ones used.
class HostCombo : public QComboBox
{
    Q_OBJECT
public:
    static constexpr int kMaxHistory = 20;
    explicit HostCombo(QWidget *parent = nullptr);
    void setAccessibleName(const QString &name); // the combo's and its editor's
    QString host() const { return currentText().trimmed(); }
    QString problem() const;
    void remember(const QString &host);
    QStringList history() const;
    void setHistory(const QStringList &hosts);
signals:
    void validityChanged();
};

} // namespace ui
