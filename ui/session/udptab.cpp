#include "ui/session/udptab.h"
#include "ui/session/autoreplycontrols.h"

#include "core/codec/autoreplyresponder.h"
#include "core/codec/datagramechoresponder.h"

#include "ui/session/tabkinds.h"
#include "ui/log/connectionlog.h"
#include "ui/session/endpointfields.h"
#include "ui/compose/sendcomposer.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QGridLayout>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSignalBlocker>
#include <QVBoxLayout>

namespace ui {

TabKind UdpTab::tabKind()
{
    // 2: what saved sessions have held for this kind since the first release.
    return {kKindId, 2, tr("UDP"), {}, [](core::IoThread &io, QWidget *parent) { return new UdpTab(io, parent); }};
}

UdpTab::UdpTab(core::IoThread &io, QWidget *parent)
    : SessionTab(new core::UdpSession(io), parent)
    , m_udp(static_cast<core::UdpSession *>(session()))
{
    setEndpointForm(buildForm());
    log()->setNamesConnections(false);
    using Udp = core::UdpSession;
    connect(m_udp, &Udp::bound, this, &UdpTab::onBoundChanged);
    connect(m_udp, &Udp::unbound, this, &UdpTab::onBoundChanged);
    // Once per delivery batch, not per datagram: the last sender shows, and reply mode may become possible.
    connect(m_udp, &core::Session::countersChanged, this, &UdpTab::updateControls);
    connect(m_udp, &Udp::errorOccurred, this, [this](const core::SocketError &error) {
        m_actionHint->setProblem(error.message);
    });
    connect(composer(), &SendComposer::sendRequested, this, &UdpTab::send);
    updateControls();
}

QWidget *UdpTab::buildForm()
{
    auto *form = new QWidget(this);
    m_kind = new SocketKindCombo(SocketKindCombo::Offer::Datagrams, form);
    m_kind->setObjectName(QStringLiteral("socketKind"));
    m_kind->setAccessibleName(tr("Socket family"));
    m_kind->setToolTip(tr("UDP over IPv4 or IPv6, or Unix datagrams on a path or an @abstract name"));
    m_bindAddress = new BindAddressCombo(core::SocketType::Datagram, core::EndpointPurpose::Bind, form);
    m_bindAddress->setObjectName(QStringLiteral("bindAddress"));
    m_bindAddress->setAccessibleName(tr("Bind address"));
    m_bindAddress->setToolTip(tr("Local address to receive on: 127.0.0.1 (this machine only), 0.0.0.0 / :: (all), or "
                                 "a Unix socket path or @name"));
    m_bindPort = new PortField(PortField::ZeroPort::MeansAny, form);
    m_bindPort->setObjectName(QStringLiteral("bindPort"));
    m_bindPort->setAccessibleName(tr("Bind port"));
    m_bindPort->setToolTip(tr("Local UDP port; 0 lets the system pick a free one"));
    m_bindPort->setText(QStringLiteral("0"));
    m_bindPort->setMaximumWidth(90);
    m_bind = new QPushButton(form);
    m_bind->setObjectName(QStringLiteral("bindButton"));
    m_bind->setAccessibleName(tr("Bind or unbind"));
    m_bind->setMinimumWidth(100);
    m_targetHost = new HostCombo(form);
    m_targetHost->setObjectName(QStringLiteral("targetHost"));
    m_targetHost->setAccessibleName(tr("Target host"));
    m_targetHost->setToolTip(tr("Where datagrams go: a name or an address, or a Unix socket path or @name"));
    m_targetHost->setEditText(kLoopbackAddress);
    m_targetPort = new PortField(PortField::ZeroPort::Refused, form);
    m_targetPort->setObjectName(QStringLiteral("targetPort"));
    m_targetPort->setAccessibleName(tr("Target port"));
    m_targetPort->setToolTip(tr("Target UDP port, 1–65535"));
    m_targetPort->setText(QStringLiteral("9000"));
    m_targetPort->setMaximumWidth(90);
    m_replyToSender = new QCheckBox(tr("&Reply to last sender"), form);
    m_replyToSender->setObjectName(QStringLiteral("replyToSender"));
    m_replyToSender->setAccessibleName(tr("Reply to last sender"));
    m_replyToSender->setToolTip(tr("Send to whoever sent the last datagram instead of the target"));
    m_stateLabel = new QLabel(form);
    m_stateLabel->setObjectName(QStringLiteral("stateLabel"));
    m_exposure = new QLabel(form);
    m_exposure->setObjectName(QStringLiteral("exposureWarning"));
    m_exposure->hide();
    m_bindHint = new FieldHint(form);
    m_targetHint = new FieldHint(form);
    m_actionHint = new FieldHint(form);
    m_actionHint->setObjectName(QStringLiteral("actionHint"));

    auto *grid = new QGridLayout;
    auto label = [form](const QString &text, QWidget *buddy) {
        auto *l = new QLabel(text, form);
        l->setBuddy(buddy);
        return l;
    };
    grid->addWidget(label(tr("&Bind"), m_bindAddress), 0, 0);
    grid->addWidget(m_bindAddress, 0, 1);
    grid->addWidget(label(tr("P&ort"), m_bindPort), 0, 2);
    grid->addWidget(m_bindPort, 0, 3);
    grid->addWidget(m_bind, 0, 4);
    grid->addWidget(m_stateLabel, 0, 5);
    grid->addWidget(label(tr("&Target"), m_targetHost), 1, 0);
    grid->addWidget(m_targetHost, 1, 1);
    grid->addWidget(label(tr("Po&rt"), m_targetPort), 1, 2);
    grid->addWidget(m_targetPort, 1, 3);
    grid->addWidget(m_replyToSender, 1, 4, 1, 1);
    auto *answers = new QHBoxLayout;
    answers->addWidget(buildEcho(form));
    m_autoReply = new AutoReplyControls(tr("Auto-reply by rule&s"), tr("Auto-reply rules — UDP"), form);
    m_autoReply->editor()->setSavedMessages([this] {
        return composer() ? composer()->savedMessages().messages() : QList<SavedMessage>{};
    });
    connect(m_autoReply, &AutoReplyControls::changed, this, &UdpTab::applyResponder);
    answers->addWidget(m_autoReply);
    answers->addStretch(1);
    grid->addLayout(answers, 1, 5);
    grid->setColumnStretch(1, 1);
    grid->setColumnStretch(5, 2);
    auto *family = new QHBoxLayout;
    family->addWidget(label(tr("Famil&y"), m_kind));
    family->addWidget(m_kind);
    family->addStretch(1);
    auto *layout = new QVBoxLayout(form);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(family);
    layout->addLayout(grid);
    layout->addWidget(m_exposure);
    layout->addWidget(m_bindHint);
    layout->addWidget(m_targetHint);
    layout->addWidget(m_actionHint);

    connect(m_kind, &SocketKindCombo::kindChanged, this, [this](SocketKind kind) {
        m_bindAddress->setSocketKind(kind);
        updateControls();
    });
    // The family follows what is typed in Bind: "/run/x.sock" is a Unix socket, "::" IPv6.
    connect(m_bindAddress, &QComboBox::editTextChanged, this, [this](const QString &text) {
        const std::optional<SocketKind> typed = kindOfAddress(text, m_kind->kind());
        if (!typed || *typed == m_kind->kind())
            return;
        const QSignalBlocker quiet(m_kind);
        m_kind->setKind(*typed);
        m_bindAddress->setSocketKind(m_kind->kind());
        updateControls();
    });
    connect(m_bindAddress, &BindAddressCombo::validityChanged, this, &UdpTab::updateControls);
    connect(m_bindPort, &PortField::validityChanged, this, &UdpTab::updateControls);
    connect(m_targetHost, &HostCombo::validityChanged, this, &UdpTab::updateControls);
    connect(m_targetPort, &PortField::validityChanged, this, &UdpTab::updateControls);
    connect(m_replyToSender, &QCheckBox::toggled, this, &UdpTab::updateControls);
    // A bind error or a refusal is about the values it was tried with: once they change, it is stale.
    const auto clearActionHint = [this] { m_actionHint->setProblem({}); };
    for (QComboBox *field : std::initializer_list<QComboBox *>{m_bindAddress, m_targetHost})
        connect(field, &QComboBox::currentTextChanged, m_actionHint, clearActionHint);
    for (PortField *field : {m_bindPort, m_targetPort})
        connect(field, &QLineEdit::textChanged, m_actionHint, clearActionHint);
    connect(m_bind, &QPushButton::clicked, this, &UdpTab::toggleActive);
    return form;
}

// Echo runs on the I/O thread (core::DatagramEchoResponder), so it keeps up with a flood.
QWidget *UdpTab::buildEcho(QWidget *form)
{
    m_echo = new QCheckBox(tr("Echo every datagram to its sen&der"), form);
    m_echo->setObjectName(QStringLiteral("echo"));
    m_echo->setAccessibleName(m_echo->text().remove(QLatin1Char('&')));
    m_echo->setToolTip(tr("Sends every datagram that arrives straight back to the address it came from, "
                          "without waiting for the window"));
    connect(m_echo, &QCheckBox::toggled, this, &UdpTab::applyResponder);
    return m_echo;
}

// Rules answer the datagrams they match; echo, when on too, sends back the rest.
void UdpTab::applyResponder()
{
    const bool echo = m_echo->isChecked();
    if (m_autoReply->isOn())
        m_udp->setConsumer(std::make_shared<core::DatagramAutoReplyResponder>(
            m_autoReply->activeRules(), echo ? core::Unmatched::Echo : core::Unmatched::Ignore));
    else
        m_udp->setConsumer(echo ? std::make_shared<core::DatagramEchoResponder>() : nullptr);
}

void UdpTab::toggleActive()
{
    if (isBound()) {
        m_udp->unbind();
        return;
    }
    const auto port = bindPort();
    if (!port)
        return;
    const auto endpoint = m_bindAddress->endpoint(*port).value;
    if (!endpoint)
        return; // the field already says why
    m_actionHint->setProblem({});
    m_udp->bind(*endpoint);
}

void UdpTab::onBoundChanged()
{
    // The state label and the window's status line change in this call, not at the next refresh.
    updateControls();
    noteLiveChanged();
}

// A Unix socket has no port: its path or @name is all of its address.
std::optional<quint16> UdpTab::bindPort() const
{
    return isUnix(m_kind->kind()) ? std::optional<quint16>(0) : m_bindPort->port();
}

bool UdpTab::targetIsUnix() const
{
    return core::isUnixAddressText(m_targetHost->host());
}

QString UdpTab::bindFieldsProblem() const
{
    if (!m_bindAddress->problem().isEmpty())
        return m_bindAddress->problem();
    return isUnix(m_kind->kind()) ? QString() : m_bindPort->problem();
}

void UdpTab::send(const QByteArray &bytes)
{
    m_actionHint->setProblem({});
    if (!isBound()) {
        // Sending binds first, where Bind would. Fields that do not parse send nothing: their sentence is
        // already next to them and on the disabled Send button; it goes to the action line too.
        if (const QString problem = bindFieldsProblem(); !problem.isEmpty()) {
            m_actionHint->setProblem(tr("Sending binds to the Bind address and port first: %1").arg(problem));
            return;
        }
        m_udp->setImplicitBind(m_bindAddress->endpoint(bindPort().value_or(0)).value);
    }
    if (m_replyToSender->isChecked()) {
        m_udp->replyToLastSender(bytes);
        return;
    }
    const auto port = targetIsUnix() ? std::optional<quint16>(0) : m_targetPort->port();
    if (!port)
        return;
    m_targetHost->remember(m_targetHost->host());
    m_udp->sendTo(m_targetHost->host(), *port, bytes);
}

QString UdpTab::stateText() const
{
    QString text = isBound() ? tr("Bound to %1").arg(m_udp->localAddress().toString()) : tr("Not bound");
    if (m_udp->lastSender().isValid())
        text += tr(" · last sender %1").arg(m_udp->lastSender().toString());
    return text;
}

void UdpTab::updateControls()
{
    const bool bound = isBound();
    const QString bindProblem = bindFieldsProblem();
    const QString targetProblem = !m_targetHost->problem().isEmpty() ? m_targetHost->problem()
                                  : targetIsUnix()                   ? QString()
                                                                     : m_targetPort->problem();
    m_bindHint->setProblem(bound ? QString() : bindProblem);
    // While bound the field is locked to the bound address; unbound, a send would bind there.
    m_exposure->setText(m_bindAddress->exposureWarning());
    m_exposure->setVisible(!m_exposure->text().isEmpty());
    const bool reply = m_replyToSender->isChecked();
    m_targetHint->setProblem(reply ? QString() : targetProblem);
    m_kind->setEnabled(!bound);
    m_bindAddress->setEnabled(!bound);
    m_bindPort->setEnabled(!bound && !isUnix(m_kind->kind()));
    m_targetHost->setEnabled(!reply);
    m_targetPort->setEnabled(!reply && !targetIsUnix());
    m_bind->setText(bound ? tr("&Unbind") : tr("&Bind"));
    m_bind->setEnabled(bound || bindProblem.isEmpty());
    m_bind->setToolTip(bound ? tr("Close the socket (F5)") : bindProblem.isEmpty() ? tr("Bind the socket (F5)") : bindProblem);
    m_stateLabel->setText(stateText());
    if (reply && !m_udp->lastSender().isValid())
        composer()->setSendEnabled(false, tr("No datagram has arrived yet: there is no sender to reply to."));
    else if (!reply && !targetProblem.isEmpty())
        composer()->setSendEnabled(false, targetProblem);
    else if (!bound && !bindProblem.isEmpty())
        composer()->setSendEnabled(false, tr("Sending binds to the Bind address and port first: %1").arg(bindProblem));
    else
        composer()->setSendEnabled(true, {});
    emit statusChanged();
}

void UdpTab::saveState(QSettings &settings) const
{
    SessionTab::saveState(settings);
    settings.setValue(QStringLiteral("socketKind"), int(m_kind->kind()));
    settings.setValue(QStringLiteral("bindAddress"), m_bindAddress->address());
    settings.setValue(QStringLiteral("bindPort"), m_bindPort->text());
    settings.setValue(QStringLiteral("targetHistory"), m_targetHost->history());
    settings.setValue(QStringLiteral("targetHost"), m_targetHost->host());
    settings.setValue(QStringLiteral("targetPort"), m_targetPort->text());
    settings.setValue(QStringLiteral("replyToSender"), m_replyToSender->isChecked());
    settings.setValue(QStringLiteral("echo"), m_echo->isChecked());
    m_autoReply->save(settings);
}

void UdpTab::restoreState(QSettings &settings)
{
    SessionTab::restoreState(settings);
    const int kind = settings.value(QStringLiteral("socketKind"), int(SocketKind::IPv4)).toInt();
    m_kind->setKind(kind == int(SocketKind::IPv6) || kind == int(SocketKind::UnixDatagram) ? SocketKind(kind)
                                                                                          : SocketKind::IPv4);
    m_bindAddress->setEditText(settings.value(QStringLiteral("bindAddress"), kLoopbackAddress).toString());
    m_bindPort->setText(settings.value(QStringLiteral("bindPort"), QStringLiteral("0")).toString());
    m_targetHost->setHistory(settings.value(QStringLiteral("targetHistory")).toStringList());
    m_targetHost->setEditText(settings.value(QStringLiteral("targetHost"), kLoopbackAddress).toString());
    m_targetPort->setText(settings.value(QStringLiteral("targetPort"), QStringLiteral("9000")).toString());
    m_replyToSender->setChecked(settings.value(QStringLiteral("replyToSender"), false).toBool());
    m_echo->setChecked(settings.value(QStringLiteral("echo"), false).toBool());
    m_autoReply->restore(settings);
    updateControls();
}

} // namespace ui
