// ClientTab: the TCP Client tab — host (with history), port and connect timeout; one button that follows
// the state (Connect / Cancel / Disconnect), Half-close and Abort; drives a core::TcpClientSession.
// UI thread only.
#pragma once

#include "core/session/tcpclientsession.h"
#include "ui/session/endpointfields.h"
#include "ui/session/sessiontab.h"

class QLabel;
class QProgressBar;
class QPushButton;
class QCheckBox;
class QSpinBox;

namespace ui {

struct TabKind;

class ClientTab : public SessionTab
{
    Q_OBJECT

public:
    explicit ClientTab(core::IoThread &io, QWidget *parent = nullptr);

    static inline const QString kKindId = QStringLiteral("tcp-client");
    // This kind for the registry (ui/session/tabkinds.h): id, settings value, title, factory.
    static TabKind tabKind();

    bool isLive() const override;
    void toggleActive() override;
    void saveState(QSettings &settings) const override;
    void restoreState(QSettings &settings) override;

    core::TcpClientSession *clientSession() const { return m_client; }

protected:
    QString stateText() const override;

private:
    QWidget *buildForm();
    QWidget *buildCloseOnFin(QWidget *form);
    void updateControls();
    void onStateChanged();
    void showError(const core::SocketError &error);
    void onKindChosen(SocketKind kind);
    void followHost(const QString &text);

    core::TcpClientSession *m_client;
    SocketKindCombo *m_kind = nullptr;
    HostCombo *m_host = nullptr;
    PortField *m_port = nullptr;
    QSpinBox *m_timeout = nullptr;
    QCheckBox *m_closeOnFin = nullptr;
    QPushButton *m_connect = nullptr;
    QPushButton *m_halfClose = nullptr;
    QPushButton *m_abort = nullptr;
    QProgressBar *m_busy = nullptr;
    QLabel *m_stateLabel = nullptr;
    FieldHint *m_hostHint = nullptr;
    FieldHint *m_portHint = nullptr;
    FieldHint *m_actionHint = nullptr;
};

} // namespace ui
