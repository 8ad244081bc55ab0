// UdpTab: the UDP tab — bind address and port with Bind/Unbind, a target host and port, and "reply to last
// sender"; every datagram shows with its sender in the traffic list. Drives a core::UdpSession.
// Sending while unbound binds first exactly where Bind would: the Bind field's address AND its port (0: any
// free port), so what the form shows is what opens — the same address, state line and all-interfaces
// warning as an explicit bind. A hint next to the buttons (a bind error, a refused datagram) belongs to the
// attempt that caused it: editing any endpoint field clears it. UI thread only.
#pragma once

#include "core/session/udpsession.h"
#include "ui/session/sessiontab.h"

#include <optional>

class QCheckBox;
class QLabel;
class QPushButton;

namespace ui {

class AutoReplyControls;

struct TabKind;
class BindAddressCombo;
class SocketKindCombo;
class FieldHint;
class HostCombo;
class PortField;

class UdpTab : public SessionTab
{
    Q_OBJECT

public:
    explicit UdpTab(core::IoThread &io, QWidget *parent = nullptr);

    static inline const QString kKindId = QStringLiteral("udp");
    // This kind for the registry (ui/session/tabkinds.h): id, settings value, title, factory.
    static TabKind tabKind();

    bool isLive() const override { return isBound(); }
    void toggleActive() override;
    void saveState(QSettings &settings) const override;
    void restoreState(QSettings &settings) override;

    core::UdpSession *udpSession() const { return m_udp; }
    AutoReplyControls *autoReply() const { return m_autoReply; }

protected:
    QString stateText() const override;

private:
    QWidget *buildForm();
    void updateControls();
    void send(const QByteArray &bytes);
    void onBoundChanged();
    QString bindFieldsProblem() const;
    std::optional<quint16> bindPort() const;
    bool targetIsUnix() const;
    QWidget *buildEcho(QWidget *form);
    void applyResponder();
    bool isBound() const { return m_udp->state() == core::SessionState::Bound; }

    core::UdpSession *m_udp;
    SocketKindCombo *m_kind = nullptr;
    BindAddressCombo *m_bindAddress = nullptr;
    PortField *m_bindPort = nullptr;
    QPushButton *m_bind = nullptr;
    HostCombo *m_targetHost = nullptr;
    PortField *m_targetPort = nullptr;
    QCheckBox *m_echo = nullptr;
    AutoReplyControls *m_autoReply = nullptr;
    QCheckBox *m_replyToSender = nullptr;
    QLabel *m_stateLabel = nullptr;
    QLabel *m_exposure = nullptr;
    FieldHint *m_bindHint = nullptr;
    FieldHint *m_targetHint = nullptr;
    FieldHint *m_actionHint = nullptr;
};

} // namespace ui
