// The fields endpoint forms are made of, each validating itself as the user types with core's pure parsers:
// SocketKindCombo (IPv4, IPv6 or Unix stream / seqpacket), PortField, BindAddressCombo (numeric addresses or a
// Unix path / @name, the machine's interfaces offered), HostCombo (names, addresses or Unix paths, with
// history) and FieldHint (the red sentence next to a field). UI thread only.
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

// What kind of socket a form makes: the family, and for Unix the socket type. Saved as these numbers.
enum class SocketKind : quint8 { AnyIp = 0, IPv4 = 1, IPv6 = 2, UnixStream = 3, UnixSeqPacket = 4, UnixDatagram = 5 };
bool isUnix(SocketKind kind);
core::SocketType socketTypeOf(SocketKind kind); // Stream; SeqPacket or Datagram for those Unix kinds
// The kind an address text names (a Unix path keeps `current`'s stream or seqpacket); nullopt when the text
// names no family (a host name, or nothing yet).
std::optional<SocketKind> kindOfAddress(const QString &text, SocketKind current);
// Where a Unix socket goes by default: $XDG_RUNTIME_DIR (or the temporary folder)/sockscope.sock.
QString defaultUnixSocketPath();

class SocketKindCombo : public QComboBox
{
    Q_OBJECT
public:
    // FamiliesOnly: IPv4, IPv6, Unix stream and seqpacket (a server); AnyIpToo: also "IPv4 or IPv6" first (a
    // client resolving a name takes either); Datagrams: IPv4, IPv6 and Unix datagram (the UDP tab).
    enum class Offer : quint8 { FamiliesOnly, AnyIpToo, Datagrams };
    explicit SocketKindCombo(Offer offer, QWidget *parent = nullptr);
    SocketKind kind() const { return SocketKind(currentData().toInt()); }
    // A Unix kind not offered becomes the Unix kind that is; any other kind not offered, the first item.
    void setKind(SocketKind kind);
signals:
    void kindChanged(ui::SocketKind kind);
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

// Where a server listens or a UDP socket binds, read by core::parseEndpoint: numeric IPv4 / IPv6, or a Unix
// path / @name (problem() says when the tab's session cannot take one, as UDP cannot yet).
class BindAddressCombo : public QComboBox
{
    Q_OBJECT
public:
    BindAddressCombo(core::SocketType type, core::EndpointPurpose purpose, QWidget *parent = nullptr);
    // Offers that kind's addresses (the machine's of that family, or the default Unix path and an @name) and
    // takes the first when the text names another family; a Unix kind also sets stream or seqpacket.
    void setSocketKind(SocketKind kind);
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
    core::SocketType m_ipType; // what IP addresses use: the type given at construction
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
