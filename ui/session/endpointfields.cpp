#include "ui/session/endpointfields.h"

#include "core/net/addressparser.h"
#include "core/session/session.h"
#include "ui/widgets/palettetone.h"

#include <QEvent>
#include <QHostAddress>
#include <QNetworkInterface>

namespace ui {

namespace {

void nameComboAndEditor(QComboBox *combo, const QString &name)
{
    combo->QComboBox::setAccessibleName(name);
    combo->lineEdit()->setAccessibleName(name);
}

} // namespace

FieldHint::FieldHint(QWidget *parent)
    : QLabel(parent)
{
    setWordWrap(true);
    setObjectName(QStringLiteral("fieldHint"));
    hide();
    applyColour();
}

void FieldHint::setProblem(const QString &problem)
{
    setText(problem);
    setVisible(!problem.isEmpty());
}

void FieldHint::changeEvent(QEvent *event)
{
    QLabel::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyColour();
}

void FieldHint::applyColour()
{
    // A red that reads on light and dark window backgrounds alike.
    const bool dark = isDark(palette(), QPalette::Window);
    QPalette p = palette();
    p.setColor(QPalette::WindowText, dark ? QColor(0xff, 0x8a, 0x80) : QColor(0xb0, 0x00, 0x20));
    setPalette(p);
}

PortField::PortField(ZeroPort zero, QWidget *parent)
    : QLineEdit(parent)
    , m_zero(zero)
{
    setMaxLength(8);
    setPlaceholderText(allowsZero() ? tr("0 = any") : tr("port"));
    connect(this, &QLineEdit::textChanged, this, &PortField::validityChanged);
}

std::optional<quint16> PortField::port() const
{
    return core::parsePort(text(), allowsZero()).port;
}

QString PortField::problem() const
{
    return core::parsePort(text(), allowsZero()).error;
}

BindAddressCombo::BindAddressCombo(core::SocketType type, core::EndpointPurpose purpose, QWidget *parent)
    : QComboBox(parent)
    , m_type(type)
    , m_purpose(purpose)
{
    setEditable(true);
    setInsertPolicy(QComboBox::NoInsert);
    QStringList addresses{kLoopbackAddress, QStringLiteral("::1"), QStringLiteral("0.0.0.0"),
                          QStringLiteral("::")};
    // QNetworkInterface reads the kernel's interface table locally; it sends nothing.
    for (const QHostAddress &address : QNetworkInterface::allAddresses()) {
        const QString text = address.toString();
        if (!addresses.contains(text))
            addresses.append(text);
    }
    addItems(addresses);
    setAccessibleName(tr("Address"));
    connect(this, &QComboBox::currentTextChanged, this, &BindAddressCombo::validityChanged);
}

void BindAddressCombo::setAccessibleName(const QString &name)
{
    nameComboAndEditor(this, name);
}

core::EndpointParse BindAddressCombo::endpoint(quint16 port) const
{
    core::EndpointParse parsed = core::parseEndpoint(address(), port, m_type, m_purpose);
    if (parsed.value) {
        // The sessions behind these fields take IP endpoints only, for now: say so before anything is tried.
        if (QString problem = core::Session::unsupportedEndpointProblem(*parsed.value); !problem.isEmpty())
            return {std::nullopt, std::move(problem)};
    }
    return parsed;
}

QString BindAddressCombo::problem() const
{
    return endpoint(0).error;
}

QString BindAddressCombo::exposureWarning() const
{
    const auto parsed = endpoint(0).value;
    if (!parsed || !parsed->address.isIp() || parsed->address.isLoopback())
        return {};
    if (parsed->address.isAnyAddress())
        return tr("All interfaces: other machines on your network can now connect.");
    return tr("This address is reachable from other machines on its network.");
}

HostCombo::HostCombo(QWidget *parent)
    : QComboBox(parent)
{
    setEditable(true);
    setInsertPolicy(QComboBox::NoInsert);
    setMaxCount(kMaxHistory);
    setAccessibleName(tr("Host"));
    connect(this, &QComboBox::currentTextChanged, this, &HostCombo::validityChanged);
}

void HostCombo::setAccessibleName(const QString &name)
{
    nameComboAndEditor(this, name);
}

QString HostCombo::problem() const
{
    return core::validateHostName(host());
}

void HostCombo::remember(const QString &host)
{
    const QString text = host.trimmed();
    if (text.isEmpty())
        return;
    const int existing = findText(text);
    if (existing >= 0)
        removeItem(existing);
    insertItem(0, text);
    setCurrentIndex(0);
}

QStringList HostCombo::history() const
{
    QStringList hosts;
    for (int i = 0; i < count(); ++i)
        hosts.append(itemText(i));
    return hosts;
}

void HostCombo::setHistory(const QStringList &hosts)
{
    clear();
    addItems(hosts.mid(0, kMaxHistory));
}

} // namespace ui
