#include "ui/session/endpointfields.h"

#include "core/net/addressparser.h"
#include "core/session/session.h"
#include "ui/widgets/palettetone.h"

#include <QDir>
#include <QEvent>
#include <QFileInfo>
#include <QHostAddress>
#include <QNetworkInterface>
#include <QSignalBlocker>

namespace ui {

namespace {

void nameComboAndEditor(QComboBox *combo, const QString &name)
{
    combo->QComboBox::setAccessibleName(name);
    combo->lineEdit()->setAccessibleName(name);
}

} // namespace

bool isUnix(SocketKind kind)
{
    return kind == SocketKind::UnixStream || kind == SocketKind::UnixSeqPacket || kind == SocketKind::UnixDatagram;
}

core::SocketType socketTypeOf(SocketKind kind)
{
    switch (kind) {
    case SocketKind::UnixSeqPacket: return core::SocketType::SeqPacket;
    case SocketKind::UnixDatagram: return core::SocketType::Datagram;
    default: return core::SocketType::Stream;
    }
}

std::optional<SocketKind> kindOfAddress(const QString &text, SocketKind current)
{
    const QString trimmed = text.trimmed();
    if (core::isUnixAddressText(trimmed))
        return isUnix(current) ? current : SocketKind::UnixStream;
    QString host = trimmed;
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    const qsizetype percent = host.indexOf(QLatin1Char('%'));
    const auto address = core::SocketAddress::fromNumericHost(percent > 0 ? host.left(percent) : host, 0);
    if (!address)
        return std::nullopt;
    return address->family() == core::Family::IPv6 ? SocketKind::IPv6 : SocketKind::IPv4;
}

QString defaultUnixSocketPath()
{
    const QString runtime = qEnvironmentVariable("XDG_RUNTIME_DIR");
    const QString folder = !runtime.isEmpty() && QFileInfo(runtime).isDir() ? runtime : QDir::tempPath();
    return QDir(folder).filePath(QStringLiteral("sockscope.sock"));
}

SocketKindCombo::SocketKindCombo(Offer offer, QWidget *parent)
    : QComboBox(parent)
{
    if (offer == Offer::AnyIpToo)
        addItem(tr("IPv4 or IPv6"), int(SocketKind::AnyIp));
    addItem(tr("IPv4"), int(SocketKind::IPv4));
    addItem(tr("IPv6"), int(SocketKind::IPv6));
    if (offer == Offer::Datagrams) {
        addItem(tr("Unix datagram"), int(SocketKind::UnixDatagram));
    } else {
        addItem(tr("Unix stream"), int(SocketKind::UnixStream));
        addItem(tr("Unix seqpacket"), int(SocketKind::UnixSeqPacket));
        setItemData(findData(int(SocketKind::UnixSeqPacket)),
                    tr("A Unix socket that keeps message boundaries: each message is its own row"), Qt::ToolTipRole);
    }
    connect(this, &QComboBox::currentIndexChanged, this, [this] { emit kindChanged(kind()); });
}

void SocketKindCombo::setKind(SocketKind kind)
{
    int index = findData(int(kind));
    for (int i = 0; index < 0 && isUnix(kind) && i < count(); ++i)
        if (isUnix(SocketKind(itemData(i).toInt())))
            index = i;
    setCurrentIndex(index >= 0 ? index : 0);
}

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

namespace {

// The addresses a form of this kind offers: loopback first (so a first Listen exposes nothing), then "all",
// then the machine's own (QNetworkInterface reads the kernel's interface table locally; it sends nothing).
QStringList offeredAddresses(SocketKind kind)
{
    if (isUnix(kind))
        return {defaultUnixSocketPath(), QStringLiteral("@sockscope")};
    QStringList addresses;
    if (kind != SocketKind::IPv6)
        addresses << kLoopbackAddress;
    if (kind != SocketKind::IPv4)
        addresses << QStringLiteral("::1");
    if (kind != SocketKind::IPv6)
        addresses << QStringLiteral("0.0.0.0");
    if (kind != SocketKind::IPv4)
        addresses << QStringLiteral("::");
    for (const QHostAddress &address : QNetworkInterface::allAddresses()) {
        const bool v6 = address.protocol() == QAbstractSocket::IPv6Protocol;
        if ((kind == SocketKind::IPv4 && v6) || (kind == SocketKind::IPv6 && !v6))
            continue;
        const QString text = address.toString();
        if (!addresses.contains(text))
            addresses.append(text);
    }
    return addresses;
}

} // namespace

BindAddressCombo::BindAddressCombo(core::SocketType type, core::EndpointPurpose purpose, QWidget *parent)
    : QComboBox(parent)
    , m_type(type)
    , m_ipType(type)
    , m_purpose(purpose)
{
    setEditable(true);
    setInsertPolicy(QComboBox::NoInsert);
    addItems(offeredAddresses(SocketKind::AnyIp));
    setAccessibleName(tr("Address"));
    connect(this, &QComboBox::currentTextChanged, this, &BindAddressCombo::validityChanged);
}

void BindAddressCombo::setSocketKind(SocketKind kind)
{
    const core::SocketType type = isUnix(kind) ? socketTypeOf(kind) : m_ipType;
    const QString text = currentText();
    const std::optional<SocketKind> typed = kindOfAddress(text, kind);
    const bool keepText = typed && (isUnix(*typed) ? isUnix(kind) : *typed == kind || kind == SocketKind::AnyIp);
    const QSignalBlocker quiet(this);
    clear();
    const QStringList offered = offeredAddresses(kind);
    addItems(offered);
    setEditText(keepText ? text : offered.value(0));
    m_type = type;
    emit validityChanged();
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
    if (core::isUnixAddressText(host())) // a Unix path or @name: sun_path's limits, not a host name's
        return core::parseUnixEndpoint(host(), core::SocketType::Stream).error;
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
