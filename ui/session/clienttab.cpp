#include "ui/session/clienttab.h"

#include "ui/session/tabkinds.h"
#include "ui/log/connectionlog.h"
#include "ui/session/endpointfields.h"
#include "ui/session/framingbar.h"
#include "core/codec/httptemplates.h"
#include "core/codec/payloadformat.h"
#include "ui/compose/sendcomposer.h"

#include <QCheckBox>
#include <QGridLayout>
#include <QLineEdit>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalBlocker>
#include <QSpinBox>

namespace ui {

using State = core::SessionState;

TabKind ClientTab::tabKind()
{
    // 1: what saved sessions have held for this kind since the first release.
    return {kKindId, 1, tr("TCP Client"), {}, [](core::IoThread &io, QWidget *parent) { return new ClientTab(io, parent); }};
}

ClientTab::ClientTab(core::IoThread &io, QWidget *parent)
    : SessionTab(new core::TcpClientSession(io), parent)
    , m_client(static_cast<core::TcpClientSession *>(session()))
{
    setEndpointForm(buildForm());
    // The GET names the host and port typed when the menu opens (Host: is what a virtual host answers to).
    composer()->setTemplates([this] {
        const QString host = m_host->currentText().trimmed().isEmpty() ? QStringLiteral("localhost")
                                                                         : m_host->currentText().trimmed();
        const quint16 port = m_port->port().value_or(80);
        return QList<SavedMessage>{{tr("HTTP/1.1 GET request (Host: %1)").arg(host),
                                    core::escapedPreview(core::httpGetRequest(host, port), -1),
                                    core::PayloadMode::Escapes, QStringLiteral("UTF-8")}};
    });
    log()->setNamesConnections(false);
    connect(m_client, &core::TcpClientSession::stateChanged, this, &ClientTab::onStateChanged);
    connect(m_client, &core::TcpClientSession::errorOccurred, this, &ClientTab::showError);
    connect(m_client, &core::TcpClientSession::connected, this, [this] { updateControls(); });
    connect(m_client, &core::TcpClientSession::peerClosed, this, [this] { updateControls(); });
    connect(m_client, &core::TcpClientSession::backPressureChanged, composer(), &SendComposer::setBackPressure);
    connect(composer(), &SendComposer::sendRequested, m_client, &core::TcpClientSession::send);
    updateControls();
}

QWidget *ClientTab::buildForm()
{
    auto *form = new QWidget(this);
    m_kind = new SocketKindCombo(SocketKindCombo::Offer::AnyIpToo, form);
    m_kind->setObjectName(QStringLiteral("socketKind"));
    m_kind->setAccessibleName(tr("Socket family"));
    m_kind->setToolTip(tr("Which of the host's addresses to try (IPv4, IPv6 or either), or a Unix domain socket "
                          "on a path or an @abstract name: stream, or seqpacket, which keeps message boundaries"));
    m_host = new HostCombo(form);
    m_host->setObjectName(QStringLiteral("host"));
    m_host->setAccessibleName(tr("Host"));
    m_host->setToolTip(tr("Host name or address to connect to (localhost, 127.0.0.1, ::1, …), or a Unix socket "
                          "path or @name"));
    m_host->setEditText(kLoopbackAddress);
    m_host->setMinimumContentsLength(18);
    m_port = new PortField(PortField::ZeroPort::Refused, form);
    m_port->setObjectName(QStringLiteral("port"));
    m_port->setAccessibleName(tr("Port"));
    m_port->setToolTip(tr("TCP port to connect to, 1–65535"));
    m_port->setText(QStringLiteral("8080"));
    m_port->setMaximumWidth(90);
    m_timeout = new QSpinBox(form);
    m_timeout->setObjectName(QStringLiteral("timeout"));
    m_timeout->setAccessibleName(tr("Connect timeout"));
    m_timeout->setToolTip(tr("How long to wait for each address to answer"));
    m_timeout->setRange(100, 120000);
    m_timeout->setSingleStep(500);
    m_timeout->setValue(5000);
    m_timeout->setSuffix(tr(" ms"));
    m_connect = new QPushButton(form);
    m_connect->setObjectName(QStringLiteral("connectButton"));
    m_connect->setAccessibleName(tr("Connect, cancel or disconnect"));
    m_connect->setMinimumWidth(110);
    m_connect->setDefault(true);
    m_halfClose = new QPushButton(tr("Half-close"), form);
    m_halfClose->setObjectName(QStringLiteral("halfCloseButton"));
    m_halfClose->setAccessibleName(tr("Half-close"));
    m_halfClose->setToolTip(tr("Send FIN after queued bytes (shutdown write); keep receiving"));
    m_abort = new QPushButton(tr("Abort (RST)"), form);
    m_abort->setObjectName(QStringLiteral("abortButton"));
    m_abort->setAccessibleName(tr("Abort"));
    m_abort->setToolTip(tr("Close at once with a reset (RST); queued bytes are discarded"));
    m_busy = new QProgressBar(form);
    m_busy->setRange(0, 0);
    m_busy->setMaximumWidth(80);
    m_busy->setMaximumHeight(12);
    m_busy->setTextVisible(false);
    m_busy->setAccessibleName(tr("Connecting"));
    m_stateLabel = new QLabel(form);
    m_stateLabel->setObjectName(QStringLiteral("stateLabel"));
    m_hostHint = new FieldHint(form);
    m_hostHint->setObjectName(QStringLiteral("hostHint"));
    m_portHint = new FieldHint(form);
    m_portHint->setObjectName(QStringLiteral("portHint"));
    m_actionHint = new FieldHint(form);
    m_actionHint->setObjectName(QStringLiteral("actionHint"));

    auto *row = new QHBoxLayout;
    auto *kindLabel = new QLabel(tr("Famil&y"), form);
    kindLabel->setBuddy(m_kind);
    row->addWidget(kindLabel);
    row->addWidget(m_kind);
    auto *hostLabel = new QLabel(tr("&Host"), form);
    hostLabel->setBuddy(m_host);
    auto *portLabel = new QLabel(tr("&Port"), form);
    portLabel->setBuddy(m_port);
    auto *timeoutLabel = new QLabel(tr("&Timeout"), form);
    timeoutLabel->setBuddy(m_timeout);
    row->addWidget(hostLabel);
    row->addWidget(m_host, 2);
    row->addWidget(portLabel);
    row->addWidget(m_port);
    row->addWidget(timeoutLabel);
    row->addWidget(m_timeout);
    row->addWidget(m_connect);
    row->addWidget(m_halfClose);
    row->addWidget(m_abort);
    row->addWidget(m_busy);
    row->addWidget(m_stateLabel, 1);
    auto *layout = new QVBoxLayout(form);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(row);
    layout->addWidget(buildCloseOnFin(form));
    layout->addWidget(makeFramingBar(form));
    layout->addWidget(m_hostHint);
    layout->addWidget(m_portHint);
    layout->addWidget(m_actionHint);
    setTabOrder(m_kind, m_host);
    setTabOrder(m_host, m_port);
    setTabOrder(m_port, m_timeout);
    setTabOrder(m_timeout, m_connect);

    connect(m_kind, &SocketKindCombo::kindChanged, this, &ClientTab::onKindChosen);
    connect(m_host, &QComboBox::editTextChanged, this, &ClientTab::followHost);
    connect(m_host, &HostCombo::validityChanged, this, &ClientTab::updateControls);
    connect(m_port, &PortField::validityChanged, this, &ClientTab::updateControls);
    // The last attempt's error is about the old host or port: a new one makes it stale.
    connect(m_host, &QComboBox::editTextChanged, m_actionHint, [this] { m_actionHint->setProblem({}); });
    connect(m_port, &QLineEdit::textChanged, m_actionHint, [this] { m_actionHint->setProblem({}); });
    connect(m_connect, &QPushButton::clicked, this, &ClientTab::toggleActive);
    connect(m_halfClose, &QPushButton::clicked, m_client, &core::TcpClientSession::shutdownWrite);
    connect(m_halfClose, &QPushButton::clicked, this, &ClientTab::updateControls);
    connect(m_abort, &QPushButton::clicked, m_client, &core::TcpClientSession::abort);
    return form;
}

QWidget *ClientTab::buildCloseOnFin(QWidget *form)
{
    m_closeOnFin = new QCheckBox(tr("&Close when the server finishes sending (FIN)"), form);
    m_closeOnFin->setObjectName(QStringLiteral("closeOnPeerFin"));
    m_closeOnFin->setAccessibleName(m_closeOnFin->text().remove(QLatin1Char('&')));
    m_closeOnFin->setChecked(true);
    m_closeOnFin->setToolTip(tr("On: when the server sends FIN, this side finishes too (after what is queued). "
                                "Off: the connection stays half-closed and you can still send."));
    connect(m_closeOnFin, &QCheckBox::toggled, m_client, &core::TcpClientSession::setCloseOnPeerFin);
    return m_closeOnFin;
}

bool ClientTab::isLive() const
{
    return m_client->state() != State::Idle;
}

// A family picked: a host of another family gives way to that family's own address (a name stays, as long
// as the family is an IP one).
void ClientTab::onKindChosen(SocketKind kind)
{
    const std::optional<SocketKind> typed = kindOfAddress(m_host->host(), kind);
    const QSignalBlocker quiet(m_host);
    if (isUnix(kind) && !(typed && isUnix(*typed)))
        m_host->setEditText(defaultUnixSocketPath());
    else if (!isUnix(kind) && typed && (isUnix(*typed) || (kind != SocketKind::AnyIp && *typed != kind)))
        m_host->setEditText(kind == SocketKind::IPv6 ? QStringLiteral("::1") : kLoopbackAddress);
    m_actionHint->setProblem({});
    updateControls();
}

// What is typed says the family when it can: a path is a Unix socket, a numeric address its own family.
void ClientTab::followHost(const QString &text)
{
    const SocketKind current = m_kind->kind();
    const std::optional<SocketKind> typed = kindOfAddress(text, current);
    SocketKind wanted = current;
    if (typed && isUnix(*typed))
        wanted = *typed;
    else if (typed)
        wanted = current == SocketKind::AnyIp ? current : *typed;
    else if (!text.trimmed().isEmpty() && isUnix(current))
        wanted = SocketKind::AnyIp; // a host name
    if (wanted == current)
        return;
    const QSignalBlocker quiet(m_kind);
    m_kind->setKind(wanted);
    updateControls();
}

void ClientTab::toggleActive()
{
    switch (m_client->state()) {
    case State::Idle: {
        const SocketKind kind = m_kind->kind();
        const auto port = isUnix(kind) ? std::optional<quint16>(0) : m_port->port(); // a Unix socket has none
        if (!m_host->problem().isEmpty() || !port)
            return;
        m_actionHint->setProblem({});
        m_host->remember(m_host->host());
        core::TcpClientSession::Options options;
        options.connectTimeout = std::chrono::milliseconds(m_timeout->value());
        options.connection.closeOnPeerFin = m_closeOnFin->isChecked();
        options.type = socketTypeOf(kind);
        options.family = kind == SocketKind::IPv4   ? core::Family::IPv4
                         : kind == SocketKind::IPv6 ? core::Family::IPv6
                                                    : core::Family::Unspecified;
        m_client->connectToHost(m_host->host(), *port, options);
        break;
    }
    case State::Resolving:
    case State::Connecting:
        m_client->cancel();
        break;
    case State::Connected:
        m_client->disconnectFromHost();
        break;
    case State::Closing:
    case State::Listening: // a client is never listening or bound
    case State::Bound:
        break;
    }
}

void ClientTab::onStateChanged()
{
    updateControls();
    noteLiveChanged();
}

void ClientTab::showError(const core::SocketError &error)
{
    m_actionHint->setProblem(error.message);
}

QString ClientTab::stateText() const
{
    switch (m_client->state()) {
    case State::Idle: return tr("Not connected");
    case State::Resolving: return tr("Looking up %1…").arg(m_host->host());
    case State::Connecting: return tr("Connecting…");
    case State::Connected:
        if (m_client->isPeerFinished() && !m_client->isWriteShutdown())
            return tr("Connected to %1 (the server finished sending; you can still send)")
                .arg(m_client->peerAddress().toString());
        return m_client->isWriteShutdown()
                   ? tr("Connected to %1 (half-closed: receiving only)").arg(m_client->peerAddress().toString())
                   : tr("Connected to %1 from %2").arg(m_client->peerAddress().toString(),
                                                       m_client->localAddress().toString());
    case State::Closing: return tr("Closing…");
    case State::Listening: // a client is never listening or bound
    case State::Bound: break;
    }
    return {};
}

void ClientTab::updateControls()
{
    const State state = m_client->state();
    const bool unixSocket = isUnix(m_kind->kind());
    const QString hostProblem = m_host->problem();
    const QString portProblem = unixSocket ? QString() : m_port->problem();
    m_hostHint->setProblem(hostProblem);
    m_portHint->setProblem(portProblem);
    const bool idle = state == State::Idle;
    m_kind->setEnabled(idle);
    m_host->setEnabled(idle);
    m_port->setEnabled(idle && !unixSocket);
    m_port->setToolTip(unixSocket ? tr("A Unix socket has no port: its path or @name is its address")
                                  : tr("TCP port to connect to, 1–65535"));
    m_timeout->setEnabled(idle);
    switch (state) {
    case State::Idle:
        m_connect->setText(tr("&Connect"));
        m_connect->setEnabled(hostProblem.isEmpty() && portProblem.isEmpty());
        m_connect->setToolTip(!hostProblem.isEmpty() ? hostProblem
                              : !portProblem.isEmpty() ? portProblem
                                                       : tr("Connect to the host (F5)"));
        break;
    case State::Resolving:
    case State::Connecting:
        m_connect->setText(tr("&Cancel"));
        m_connect->setEnabled(true);
        m_connect->setToolTip(tr("Stop looking up / connecting (F5)"));
        break;
    case State::Connected:
        m_connect->setText(tr("&Disconnect"));
        m_connect->setEnabled(true);
        m_connect->setToolTip(tr("Send what is queued, then FIN, and close (F5)"));
        break;
    case State::Closing:
    case State::Listening: // a client is never listening or bound
    case State::Bound:
        m_connect->setText(tr("Closing…"));
        m_connect->setEnabled(false);
        break;
    }
    const bool connected = state == State::Connected;
    m_halfClose->setEnabled(connected && !m_client->isWriteShutdown());
    m_abort->setEnabled(connected || state == State::Closing);
    m_busy->setVisible(state == State::Resolving || state == State::Connecting);
    m_stateLabel->setText(stateText());
    if (!connected)
        composer()->setSendEnabled(false, tr("Not connected — connect first."));
    else if (m_client->isWriteShutdown())
        composer()->setSendEnabled(false, tr("Half-closed: this side sent FIN and can only receive."));
    else
        composer()->setSendEnabled(true, {});
}

void ClientTab::saveState(QSettings &settings) const
{
    SessionTab::saveState(settings);
    settings.setValue(QStringLiteral("hostHistory"), m_host->history());
    settings.setValue(QStringLiteral("socketKind"), int(m_kind->kind()));
    settings.setValue(QStringLiteral("host"), m_host->host());
    settings.setValue(QStringLiteral("port"), m_port->text());
    settings.setValue(QStringLiteral("timeoutMs"), m_timeout->value());
    settings.setValue(QStringLiteral("closeOnPeerFin"), m_closeOnFin->isChecked());
}

void ClientTab::restoreState(QSettings &settings)
{
    SessionTab::restoreState(settings);
    m_host->setHistory(settings.value(QStringLiteral("hostHistory")).toStringList());
    const int kind = settings.value(QStringLiteral("socketKind"), int(SocketKind::AnyIp)).toInt();
    m_kind->setKind(kind >= int(SocketKind::AnyIp) && kind <= int(SocketKind::UnixSeqPacket) ? SocketKind(kind)
                                                                                             : SocketKind::AnyIp);
    m_host->setEditText(settings.value(QStringLiteral("host"), kLoopbackAddress).toString());
    m_port->setText(settings.value(QStringLiteral("port"), QStringLiteral("8080")).toString());
    m_timeout->setValue(settings.value(QStringLiteral("timeoutMs"), 5000).toInt());
    m_closeOnFin->setChecked(settings.value(QStringLiteral("closeOnPeerFin"), true).toBool());
    updateControls();
}

} // namespace ui
