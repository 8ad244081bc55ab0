// ServerTab: the TCP Server tab — bind address (loopback, any, the machine's interfaces), port (0 = any,
// the real one shown once listening), max clients, Listen/Stop; the clients panel (table, actions on the
// selected clients, filter traffic); sending to the selected clients or to all.
// Drives a core::TcpServerSession. UI thread only.
#pragma once

#include "core/session/tcpserversession.h"
#include "ui/session/sessiontab.h"

#include <QSet>

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QTableView;

namespace ui {

struct TabKind;
class AutoReplyControls;
class BindAddressCombo;
class SocketKindCombo;
class ClientsModel;
class ClientsPanel;
class FieldHint;
class PortField;

class ServerTab : public SessionTab
{
    Q_OBJECT

public:
    explicit ServerTab(core::IoThread &io, QWidget *parent = nullptr);

    static inline const QString kKindId = QStringLiteral("tcp-server");
    // This kind for the registry (ui/session/tabkinds.h): id, settings value, title, factory.
    static TabKind tabKind();

    bool isLive() const override { return m_server->state() == core::SessionState::Listening; }
    void toggleActive() override;
    void saveState(QSettings &settings) const override;
    void restoreState(QSettings &settings) override;

    core::TcpServerSession *serverSession() const { return m_server; }
    AutoReplyControls *autoReply() const { return m_autoReply; }
    QTableView *clientsTable() const { return m_clients; }
    ClientsModel *clientsModel() const { return m_model; }
    QList<core::ConnectionId> selectedClients() const;

protected:
    QString stateText() const override;
    void framingChanged(const core::FramingSpec &spec) override;

private:
    enum class RemoveStale : quint8 { No, Yes };
    void listen(RemoveStale removeStale);
    void clearActionHint();
    static constexpr int kToAll = 0;      // send target combo's entries
    static constexpr int kToSelected = 1;

    QWidget *buildForm();
    QWidget *buildClientsPanel();
    QWidget *buildCloseOnFin(QWidget *form);
    QWidget *buildEcho(QWidget *form);
    void applyResponder(); // echo, auto-reply, both or neither, for the tab's framing
    void updateBackPressure();
    void updateControls();
    void send(const QByteArray &bytes);

    core::TcpServerSession *m_server;
    ClientsModel *m_model;
    SocketKindCombo *m_kind = nullptr;
    BindAddressCombo *m_address = nullptr;
    QPushButton *m_removeStale = nullptr; // offered when a dead server's socket file holds the path
    QCheckBox *m_dualStack = nullptr;     // on ::, IPv4 clients too (IPV6_V6ONLY off)
    PortField *m_port = nullptr;
    QSpinBox *m_maxClients = nullptr;
    QPushButton *m_listen = nullptr;
    QLabel *m_stateLabel = nullptr;
    FieldHint *m_addressHint = nullptr;
    FieldHint *m_portHint = nullptr;
    FieldHint *m_actionHint = nullptr;
    QLabel *m_exposure = nullptr;
    QTableView *m_clients = nullptr;
    ClientsPanel *m_panel = nullptr;
    QComboBox *m_target = nullptr; // kToAll or kToSelected
    QCheckBox *m_closeOnFin = nullptr;
    QCheckBox *m_echo = nullptr;
    AutoReplyControls *m_autoReply = nullptr;
    QSet<core::ConnectionId> m_pressured; // clients above their send queue's high-water mark
    bool m_listenRequested = false;
};

} // namespace ui
