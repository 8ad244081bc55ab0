#include "ui/session/servertab.h"

#include "core/codec/autoreplyresponder.h"
#include "core/codec/echoresponder.h"

#include "ui/session/tabkinds.h"
#include "ui/session/clientsmodel.h"
#include "ui/session/clientspanel.h"
#include "ui/log/connectionlog.h"
#include "ui/session/endpointfields.h"
#include "ui/session/framingbar.h"
#include "core/codec/httptemplates.h"
#include "core/codec/payloadformat.h"
#include "ui/session/autoreplycontrols.h"
#include "ui/compose/sendcomposer.h"
#include "ui/traffic/trafficview.h"
#include "ui/hex/hexpanel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace ui {

TabKind ServerTab::tabKind()
{
    // 0: what saved sessions have held for this kind since the first release.
    return {kKindId, 0, tr("TCP Server"), {}, [](core::IoThread &io, QWidget *parent) { return new ServerTab(io, parent); }};
}

ServerTab::ServerTab(core::IoThread &io, QWidget *parent)
    : SessionTab(new core::TcpServerSession(io), parent)
    , m_server(static_cast<core::TcpServerSession *>(session()))
    , m_model(new ClientsModel(m_server, this))
{
    setEndpointForm(buildForm());
    composer()->setTemplates([] {
        return QList<SavedMessage>{{tr("Minimal HTTP/1.1 response (200, text/plain)"),
                                    core::escapedPreview(core::httpResponse(200, "text/plain; charset=utf-8",
                                                                            "Hello from Sockscope\n"),
                                                         -1),
                                    core::PayloadMode::Escapes, QStringLiteral("UTF-8")}};
    });
    log()->setNamesConnections(true);
    setSidePanel(buildClientsPanel(), tr("Clients"));
    using Server = core::TcpServerSession;
    connect(m_server, &Server::listening, this, [this] {
        m_listenRequested = false; // the real port (when 0 was asked) shows in the state line
        noteLiveChanged();
        updateControls();
    });
    connect(m_server, &Server::stopped, this, [this] {
        m_listenRequested = false;
        noteLiveChanged();
        updateControls();
    });
    connect(m_server, &Server::errorOccurred, this, [this](core::ConnectionId client, const core::SocketError &error) {
        if (client != 0)
            return;
        m_actionHint->setProblem(error.message);
        m_removeStale->setVisible(error.kind == core::SocketError::Kind::StaleUnixSocket);
    });
    // Thousands of clients arriving or closing in one delivery cost two updates, not thousands: the first
    // change shows at once, the rest of the burst in one update on the next pass of the event loop.
    auto *clientsChanged = new QTimer(this);
    clientsChanged->setSingleShot(true);
    clientsChanged->setInterval(0);
    connect(clientsChanged, &QTimer::timeout, this, &ServerTab::updateControls);
    const auto onClientsChanged = [this, clientsChanged] {
        if (clientsChanged->isActive())
            return;
        updateControls();
        clientsChanged->start();
    };
    connect(m_server, &Server::clientConnected, this, onClientsChanged);
    connect(m_server, &Server::clientClosed, this, onClientsChanged);
    connect(m_server, &Server::backPressureChanged, this, [this](core::ConnectionId client, bool high) {
        if (high)
            m_pressured.insert(client);
        else
            m_pressured.remove(client);
        updateBackPressure();
    });
    connect(m_server, &Server::clientClosed, this, [this](core::ConnectionId client) {
        if (m_pressured.remove(client))
            updateBackPressure();
    });
    connect(composer(), &SendComposer::sendRequested, this, &ServerTab::send);
    updateControls();
}

QWidget *ServerTab::buildForm()
{
    auto *form = new QWidget(this);
    m_kind = new SocketKindCombo(SocketKindCombo::Offer::FamiliesOnly, form);
    m_kind->setObjectName(QStringLiteral("socketKind"));
    m_kind->setAccessibleName(tr("Socket family"));
    m_kind->setToolTip(tr("IPv4 or IPv6 (TCP), or a Unix domain socket on a path or an @abstract name: stream, "
                          "or seqpacket, which keeps message boundaries"));
    m_address = new BindAddressCombo(core::SocketType::Stream, core::EndpointPurpose::Listen, form);
    m_address->setObjectName(QStringLiteral("bindAddress"));
    m_address->setAccessibleName(tr("Listen address"));
    m_address->setToolTip(tr("Address to listen on: 127.0.0.1 (this machine only), 0.0.0.0 / :: (every "
                             "interface), one interface's address, or a Unix socket path or @name"));
    m_removeStale = new QPushButton(tr("Remove the stale file and listen"), form);
    m_removeStale->setObjectName(QStringLiteral("removeStaleSocket"));
    m_removeStale->setAccessibleName(tr("Remove the stale socket file and listen"));
    m_removeStale->setToolTip(tr("Delete the socket file a server that is gone left at this path, then listen "
                                 "there"));
    m_removeStale->hide();
    m_dualStack = new QCheckBox(tr("IPv4 clients too (dual stack)"), form);
    m_dualStack->setObjectName(QStringLiteral("dualStack"));
    m_dualStack->setAccessibleName(tr("Accept IPv4 clients on :: (dual stack)"));
    m_dualStack->setToolTip(tr("Listening on :: also accepts IPv4 clients (IPV6_V6ONLY off), shown as plain IPv4 "
                               "addresses; off, only IPv6 clients connect"));
    m_dualStack->setChecked(true);
    m_port = new PortField(PortField::ZeroPort::MeansAny, form);
    m_port->setObjectName(QStringLiteral("port"));
    m_port->setAccessibleName(tr("Listen port"));
    m_port->setToolTip(tr("TCP port to listen on; 0 lets the system pick a free one"));
    m_port->setText(QStringLiteral("0"));
    m_port->setMaximumWidth(90);
    m_maxClients = new QSpinBox(form);
    m_maxClients->setObjectName(QStringLiteral("maxClients"));
    m_maxClients->setAccessibleName(tr("Maximum clients"));
    m_maxClients->setToolTip(tr("Connections beyond this many are closed at once and logged"));
    m_maxClients->setRange(1, 100000);
    m_maxClients->setValue(100);
    m_listen = new QPushButton(form);
    m_listen->setObjectName(QStringLiteral("listenButton"));
    m_listen->setAccessibleName(tr("Listen or stop"));
    m_listen->setMinimumWidth(100);
    m_stateLabel = new QLabel(form);
    m_stateLabel->setObjectName(QStringLiteral("stateLabel"));
    m_addressHint = new FieldHint(form);
    m_portHint = new FieldHint(form);
    m_actionHint = new FieldHint(form);
    m_actionHint->setObjectName(QStringLiteral("actionHint"));
    m_exposure = new QLabel(form);
    m_exposure->setObjectName(QStringLiteral("exposureWarning"));
    m_exposure->setText(QString());

    auto *kindLabel = new QLabel(tr("Famil&y"), form);
    kindLabel->setBuddy(m_kind);
    auto *addressLabel = new QLabel(tr("&Address"), form);
    addressLabel->setBuddy(m_address);
    auto *portLabel = new QLabel(tr("&Port"), form);
    portLabel->setBuddy(m_port);
    auto *maxLabel = new QLabel(tr("&Max clients"), form);
    maxLabel->setBuddy(m_maxClients);
    auto *row = new QHBoxLayout;
    row->addWidget(kindLabel);
    row->addWidget(m_kind);
    row->addWidget(addressLabel);
    row->addWidget(m_address, 1);
    row->addWidget(portLabel);
    row->addWidget(m_port);
    row->addWidget(maxLabel);
    row->addWidget(m_maxClients);
    row->addWidget(m_listen);
    row->addWidget(m_stateLabel, 2);
    auto *layout = new QVBoxLayout(form);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(row);
    auto *options = new QHBoxLayout;
    options->addWidget(m_dualStack);
    options->addWidget(buildCloseOnFin(form));
    options->addWidget(buildEcho(form));
    m_autoReply = new AutoReplyControls(tr("Auto-reply by &rules"), tr("Auto-reply rules — TCP Server"), form);
    m_autoReply->editor()->setSavedMessages([this] {
        return composer() ? composer()->savedMessages().messages() : QList<SavedMessage>{};
    });
    connect(m_autoReply, &AutoReplyControls::changed, this, &ServerTab::applyResponder);
    options->addWidget(m_autoReply);
    options->addStretch(1);
    layout->addLayout(options);
    layout->addWidget(makeFramingBar(form));
    layout->addWidget(m_exposure);
    layout->addWidget(m_addressHint);
    layout->addWidget(m_portHint);
    auto *action = new QHBoxLayout;
    action->addWidget(m_actionHint, 1);
    action->addWidget(m_removeStale);
    layout->addLayout(action);

    connect(m_kind, &SocketKindCombo::kindChanged, this, [this](SocketKind kind) {
        m_address->setSocketKind(kind);
        updateControls();
    });
    // The family follows what is typed: "/run/x.sock" is a Unix socket, "::1" IPv6.
    connect(m_address, &QComboBox::editTextChanged, this, [this](const QString &text) {
        const std::optional<SocketKind> typed = kindOfAddress(text, m_kind->kind());
        if (!typed || *typed == m_kind->kind())
            return;
        const QSignalBlocker quiet(m_kind);
        m_kind->setKind(*typed);
        m_address->setSocketKind(*typed); // keeps the text, which names this kind
        updateControls();
    });
    connect(m_removeStale, &QPushButton::clicked, this, [this] { listen(RemoveStale::Yes); });
    connect(m_address, &BindAddressCombo::validityChanged, this, &ServerTab::updateControls);
    connect(m_port, &PortField::validityChanged, this, &ServerTab::updateControls);
    // The last attempt's error is about the old address: a new one makes it stale.
    connect(m_address, &QComboBox::editTextChanged, m_actionHint, [this] { clearActionHint(); });
    connect(m_port, &QLineEdit::textChanged, m_actionHint, [this] { clearActionHint(); });
    connect(m_listen, &QPushButton::clicked, this, &ServerTab::toggleActive);
    return form;
}

QWidget *ServerTab::buildCloseOnFin(QWidget *form)
{
    m_closeOnFin = new QCheckBox(tr("&Close a client when it finishes sending (FIN)"), form);
    m_closeOnFin->setObjectName(QStringLiteral("closeOnPeerFin"));
    m_closeOnFin->setAccessibleName(m_closeOnFin->text().remove(QLatin1Char('&')));
    m_closeOnFin->setToolTip(tr("Off: a client that sent FIN stays in the table, half-closed, and still gets "
                                "replies (request/response clients such as “echo PING | ncat” wait for one). "
                                "On: its connection is closed as soon as it finishes sending."));
    connect(m_closeOnFin, &QCheckBox::toggled, m_server, &core::TcpServerSession::setCloseOnPeerFin);
    return m_closeOnFin;
}

// Echo runs on the I/O thread (core::EchoResponder), so it keeps up with a flood; every client, at once.
QWidget *ServerTab::buildEcho(QWidget *form)
{
    m_echo = new QCheckBox(tr("Ech&o what each client sends"), form);
    m_echo->setObjectName(QStringLiteral("echo"));
    m_echo->setAccessibleName(m_echo->text().remove(QLatin1Char('&')));
    m_echo->setToolTip(tr("Sends every message (every read, without framing) straight back to the client it "
                          "came from, as it arrives, without waiting for the window. Applies to connected "
                          "clients at once."));
    connect(m_echo, &QCheckBox::toggled, this, &ServerTab::applyResponder);
    return m_echo;
}

// With a framing, whole messages are answered (a half message waits for its rest; a bad one is not). Rules
// answer what they match; echo, when on too, sends back the rest.
void ServerTab::applyResponder()
{
    const core::FramingSpec spec = framingBar()->spec();
    std::vector<core::ReplyRule> rules = m_autoReply->activeRules();
    const bool echo = m_echo->isChecked();
    if (m_autoReply->isOn())
        m_server->setConsumerFactory(core::autoReplyFactory(spec, std::move(rules),
                                                            echo ? core::Unmatched::Echo : core::Unmatched::Ignore));
    else
        m_server->setConsumerFactory(echo ? core::echoFactory(spec) : core::StreamConsumerFactory());
}

void ServerTab::framingChanged(const core::FramingSpec &spec)
{
    Q_UNUSED(spec);
    if (m_echo && (m_echo->isChecked() || m_autoReply->isOn()))
        applyResponder();
}

QWidget *ServerTab::buildClientsPanel()
{
    auto *panel = new ClientsPanel(m_server, m_model, this);
    m_panel = panel;
    m_clients = panel->table();
    connect(m_clients->selectionModel(), &QItemSelectionModel::selectionChanged, this, &ServerTab::updateControls);
    connect(panel, &ClientsPanel::sendToSelectedRequested, this, [this] {
        m_target->setCurrentIndex(kToSelected);
        composer()->setFocus();
    });
    connect(panel, &ClientsPanel::trafficFilterRequested, this, [this](core::ConnectionId id) {
        traffic()->setConnectionFilter(id);
        hexPanel()->setConnectionFilter(id);
    });

    m_target = new QComboBox(this);
    m_target->setObjectName(QStringLiteral("sendTarget"));
    m_target->setAccessibleName(tr("Send to"));
    m_target->setToolTip(tr("Send to the clients selected in the table, or to every connected client"));
    m_target->addItem(tr("All clients"));
    m_target->addItem(tr("Selected clients"));
    connect(m_target, &QComboBox::currentIndexChanged, this, &ServerTab::updateControls);
    connect(m_target, &QComboBox::currentIndexChanged, this, &ServerTab::updateBackPressure);
    connect(m_clients->selectionModel(), &QItemSelectionModel::selectionChanged, this, &ServerTab::updateBackPressure);
    // Over AT-SPI a combo box's name is its current value: the buddy label says what it chooses.
    auto *targetLabel = new QLabel(tr("Send to"), this);
    targetLabel->setBuddy(m_target);
    composer()->addActionWidget(targetLabel);
    composer()->addActionWidget(m_target);
    return panel;
}

QList<core::ConnectionId> ServerTab::selectedClients() const
{
    return m_panel->selectedOpenClients();
}

void ServerTab::toggleActive()
{
    if (m_server->state() == core::SessionState::Listening || m_listenRequested) {
        m_server->stop();
        return;
    }
    listen(RemoveStale::No);
}

void ServerTab::listen(RemoveStale removeStale)
{
    const bool unixSocket = isUnix(m_kind->kind());
    const auto port = unixSocket ? std::optional<quint16>(0) : m_port->port(); // a Unix socket has no port
    if (!port)
        return;
    const auto endpoint = m_address->endpoint(*port).value;
    if (!endpoint)
        return; // the field already says why
    clearActionHint();
    core::ListenOptions options;
    options.maxClients = m_maxClients->value();
    options.connection.closeOnPeerFin = m_closeOnFin->isChecked();
    options.removeStaleSocketFile = removeStale == RemoveStale::Yes;
    if (endpoint->family() == core::Family::IPv6)
        options.socketOptions.set(core::SocketOption::IPv6Only, m_dualStack->isChecked() ? 0 : 1);
    m_listenRequested = true;
    m_server->listen(*endpoint, options);
    updateControls();
}

void ServerTab::clearActionHint()
{
    m_actionHint->setProblem({});
    m_removeStale->hide();
}

// Files and repeats wait while any client they go to is above its high-water mark: sending to all is
// paced by the slowest reader, so no client's queue grows without bound.
void ServerTab::updateBackPressure()
{
    bool high = false;
    if (m_target->currentIndex() == kToAll) {
        high = !m_pressured.isEmpty();
    } else {
        for (core::ConnectionId id : selectedClients())
            high = high || m_pressured.contains(id);
    }
    composer()->setBackPressure(high);
}

void ServerTab::send(const QByteArray &bytes)
{
    if (m_target->currentIndex() == kToAll) {
        m_server->sendToAll(bytes);
        return;
    }
    for (core::ConnectionId id : selectedClients())
        m_server->send(id, bytes);
}

QString ServerTab::stateText() const
{
    if (m_server->state() == core::SessionState::Listening)
        return tr("Listening on %1 · %Ln client(s)", nullptr, m_server->clientCount())
            .arg(m_server->listenAddress().toString());
    return m_listenRequested ? tr("Starting…") : tr("Not listening");
}

void ServerTab::updateControls()
{
    const bool listening = m_server->state() == core::SessionState::Listening;
    const bool unixSocket = isUnix(m_kind->kind());
    const QString addressProblem = m_address->problem();
    const QString portProblem = unixSocket ? QString() : m_port->problem();
    m_addressHint->setProblem(addressProblem);
    m_portHint->setProblem(portProblem);
    m_exposure->setText(m_address->exposureWarning());
    m_exposure->setVisible(!m_exposure->text().isEmpty());
    const bool editable = !listening && !m_listenRequested;
    m_kind->setEnabled(editable);
    m_address->setEnabled(editable);
    // IPV6_V6ONLY only matters where IPv4 could arrive: on ::, every IPv6 address.
    const auto parsed = m_address->endpoint(0).value;
    m_dualStack->setEnabled(editable && parsed && parsed->family() == core::Family::IPv6 &&
                            parsed->address.isAnyAddress());
    m_port->setEnabled(editable && !unixSocket);
    m_port->setToolTip(unixSocket ? tr("A Unix socket has no port: its path or @name is its address")
                            : tr("TCP port to listen on; 0 lets the system pick a free one"));
    m_maxClients->setEnabled(editable);
    if (editable) {
        m_listen->setText(tr("&Listen"));
        const QString problem = !addressProblem.isEmpty() ? addressProblem : portProblem;
        m_listen->setEnabled(problem.isEmpty());
        m_listen->setToolTip(problem.isEmpty() ? tr("Start listening (F5)") : problem);
    } else {
        m_listen->setText(tr("&Stop"));
        m_listen->setEnabled(true);
        m_listen->setToolTip(tr("Stop listening and close every client (F5)"));
    }
    m_stateLabel->setText(stateText());
    const bool toSelected = m_target && m_target->currentIndex() == kToSelected;
    if (m_server->clientCount() == 0)
        composer()->setSendEnabled(false, tr("No client is connected."));
    else if (toSelected && selectedClients().isEmpty())
        composer()->setSendEnabled(false, tr("Select one or more connected clients in the table."));
    else
        composer()->setSendEnabled(true, {});
    emit statusChanged();
}

void ServerTab::saveState(QSettings &settings) const
{
    SessionTab::saveState(settings);
    settings.setValue(QStringLiteral("socketKind"), int(m_kind->kind()));
    settings.setValue(QStringLiteral("dualStack"), m_dualStack->isChecked());
    settings.setValue(QStringLiteral("address"), m_address->address());
    settings.setValue(QStringLiteral("port"), m_port->text());
    settings.setValue(QStringLiteral("maxClients"), m_maxClients->value());
    settings.setValue(QStringLiteral("sendTarget"), m_target->currentIndex());
    settings.setValue(QStringLiteral("closeOnPeerFin"), m_closeOnFin->isChecked());
    settings.setValue(QStringLiteral("echo"), m_echo->isChecked());
    m_autoReply->save(settings);
}

void ServerTab::restoreState(QSettings &settings)
{
    SessionTab::restoreState(settings);
    // The family first (its default address), then the address, which the family follows when they differ.
    const int kind = settings.value(QStringLiteral("socketKind"), int(SocketKind::IPv4)).toInt();
    m_kind->setKind(kind >= int(SocketKind::IPv4) && kind <= int(SocketKind::UnixSeqPacket) ? SocketKind(kind)
                                                                                            : SocketKind::IPv4);
    m_address->setEditText(settings.value(QStringLiteral("address"), kLoopbackAddress).toString());
    m_dualStack->setChecked(settings.value(QStringLiteral("dualStack"), true).toBool());
    m_port->setText(settings.value(QStringLiteral("port"), QStringLiteral("0")).toString());
    m_maxClients->setValue(settings.value(QStringLiteral("maxClients"), 100).toInt());
    m_target->setCurrentIndex(qBound(0, settings.value(QStringLiteral("sendTarget"), kToAll).toInt(), kToSelected));
    m_closeOnFin->setChecked(settings.value(QStringLiteral("closeOnPeerFin"), false).toBool());
    m_echo->setChecked(settings.value(QStringLiteral("echo"), false).toBool());
    m_autoReply->restore(settings);
    updateControls();
}

} // namespace ui
