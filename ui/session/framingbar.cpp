#include "ui/session/framingbar.h"

#include "core/codec/payloadcodec.h"
#include "core/codec/payloadformat.h"
#include "ui/session/endpointfields.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QSpinBox>

namespace ui {

namespace {

constexpr int kCustomDelimiter = -1; // the delimiter combo's last entry: the hex field says which bytes
constexpr int kMaxFrameKiB = 64 * 1024;
constexpr int kMaxFixedLength = 16 * 1024 * 1024;
constexpr int kMaxPreamble = 64;

QHBoxLayout *rowOf(QWidget *page)
{
    auto *row = new QHBoxLayout(page);
    row->setContentsMargins(0, 0, 0, 0);
    return row;
}

QLabel *labelFor(const QString &text, QWidget *buddy, QWidget *parent)
{
    // Over AT-SPI a combo box's name is its current value: the buddy label says what it chooses.
    auto *label = new QLabel(text, parent);
    label->setBuddy(buddy);
    return label;
}

} // namespace

FramingBar::FramingBar(QWidget *parent)
    : QWidget(parent)
    , m_kind(new QComboBox(this))
    , m_hint(new FieldHint(this))
{
    setObjectName(QStringLiteral("framingBar"));
    m_kind->setObjectName(QStringLiteral("framingKind"));
    m_kind->setAccessibleName(tr("Message framing"));
    m_kind->setToolTip(tr("How the byte stream is cut into messages: TCP keeps no message boundaries, so two "
                          "sends may arrive as one read and one send as several"));
    m_kind->addItem(tr("None (reads as they came)"), int(core::FramingKind::None));
    m_kind->addItem(tr("Delimiter"), int(core::FramingKind::Delimiter));
    m_kind->addItem(tr("Length header"), int(core::FramingKind::LengthPrefix));
    m_kind->addItem(tr("Fixed length"), int(core::FramingKind::FixedLength));
    m_kind->addItem(tr("HTTP/1.1"), int(core::FramingKind::Http));

    auto *delimiterPage = new QWidget(this);
    auto *lengthPage = new QWidget(this);
    auto *fixedPage = new QWidget(this);
    delimiterPage->setObjectName(QStringLiteral("delimiterControls"));
    lengthPage->setObjectName(QStringLiteral("lengthControls"));
    fixedPage->setObjectName(QStringLiteral("fixedControls"));
    buildDelimiterPage(delimiterPage);
    buildLengthPage(lengthPage);
    buildFixedPage(fixedPage);

    m_maxFrame = new QSpinBox(this);
    m_maxFrame->setObjectName(QStringLiteral("maxFrame"));
    m_maxFrame->setAccessibleName(tr("Largest message"));
    m_maxFrame->setToolTip(tr("A message longer than this is reported in the log and skipped (a delimiter not "
                              "found within it, a length header over it)"));
    m_maxFrame->setRange(1, kMaxFrameKiB);
    m_maxFrame->setSuffix(tr(" KiB", "largest message, in KiB"));
    m_maxFrame->setValue(int(m_spec.maxFrameBytes / 1024));
    m_rawReads = new QCheckBox(tr("Show ra&w reads"), this);
    m_rawReads->setObjectName(QStringLiteral("rawReads"));
    m_rawReads->setAccessibleName(tr("Show raw reads in the traffic list"));
    m_rawReads->setToolTip(tr("List every read as it came instead of the messages the framing finds"));
    m_hint->setObjectName(QStringLiteral("framingHint"));

    auto *row = rowOf(this);
    row->addWidget(labelFor(tr("Framin&g"), m_kind, this));
    row->addWidget(m_kind);
    row->addWidget(delimiterPage);
    row->addWidget(lengthPage);
    row->addWidget(fixedPage);
    m_maxLabel = labelFor(tr("Ma&x"), m_maxFrame, this);
    row->addWidget(m_maxLabel);
    row->addWidget(m_maxFrame);
    row->addWidget(m_rawReads);
    row->addWidget(m_hint);
    row->addStretch(1);
    m_pages = {delimiterPage, lengthPage, fixedPage};

    connect(m_kind, &QComboBox::currentIndexChanged, this, &FramingBar::readControls);
    connect(m_delimiter, &QComboBox::currentIndexChanged, this, [this] {
        if (m_delimiter->currentData().toInt() == kCustomDelimiter && m_customDelimiter->text().isEmpty())
            m_customDelimiter->setText(core::toHex(m_spec.effectiveDelimiter()));
        readControls();
    });
    connect(m_customDelimiter, &QLineEdit::textChanged, this, &FramingBar::readControls);
    connect(m_keepDelimiter, &QCheckBox::toggled, this, &FramingBar::readControls);
    connect(m_lengthWidth, &QComboBox::currentIndexChanged, this, &FramingBar::readControls);
    connect(m_byteOrder, &QComboBox::currentIndexChanged, this, &FramingBar::readControls);
    connect(m_preamble, &QSpinBox::valueChanged, this, &FramingBar::readControls);
    connect(m_countsHeader, &QCheckBox::toggled, this, &FramingBar::readControls);
    connect(m_fixedLength, &QSpinBox::valueChanged, this, &FramingBar::readControls);
    connect(m_maxFrame, &QSpinBox::valueChanged, this, &FramingBar::readControls);
    connect(m_rawReads, &QCheckBox::toggled, this, &FramingBar::rawReadsChanged);
    showControlsFor(m_spec.kind);
}

void FramingBar::buildDelimiterPage(QWidget *page)
{
    m_delimiter = new QComboBox(page);
    m_delimiter->setObjectName(QStringLiteral("delimiter"));
    m_delimiter->setAccessibleName(tr("Delimiter"));
    m_delimiter->setToolTip(tr("The bytes that end each message"));
    m_delimiter->addItem(tr("LF (\\n)"), QByteArrayLiteral("\n"));
    m_delimiter->addItem(tr("CRLF (\\r\\n)"), QByteArrayLiteral("\r\n"));
    m_delimiter->addItem(tr("NUL (\\0)"), QByteArray(1, '\0'));
    m_delimiter->addItem(tr("Hex bytes…"), kCustomDelimiter);
    m_customDelimiter = new QLineEdit(page);
    m_customDelimiter->setObjectName(QStringLiteral("customDelimiter"));
    m_customDelimiter->setAccessibleName(tr("Delimiter bytes in hex"));
    m_customDelimiter->setPlaceholderText(tr("e.g. 7e 7e"));
    m_customDelimiter->setToolTip(tr("The delimiter's bytes in hex, e.g. 7e 7e or 0d 0a"));
    m_customDelimiter->setMaximumWidth(120);
    m_keepDelimiter = new QCheckBox(tr("&Keep it"), page);
    m_keepDelimiter->setObjectName(QStringLiteral("keepDelimiter"));
    m_keepDelimiter->setAccessibleName(tr("Keep the delimiter in the list"));
    m_keepDelimiter->setToolTip(tr("Show each message with its delimiter, or without it"));
    auto *row = rowOf(page);
    row->addWidget(labelFor(tr("Ends w&ith"), m_delimiter, page));
    row->addWidget(m_delimiter);
    row->addWidget(m_customDelimiter);
    row->addWidget(m_keepDelimiter);
}

void FramingBar::buildLengthPage(QWidget *page)
{
    m_lengthWidth = new QComboBox(page);
    m_lengthWidth->setObjectName(QStringLiteral("lengthWidth"));
    m_lengthWidth->setAccessibleName(tr("Length header width"));
    for (int width : {1, 2, 4, 8})
        m_lengthWidth->addItem(tr("%n byte(s)", nullptr, width), width);
    m_lengthWidth->setToolTip(tr("How many bytes the length header takes"));
    m_byteOrder = new QComboBox(page);
    m_byteOrder->setObjectName(QStringLiteral("byteOrder"));
    m_byteOrder->setAccessibleName(tr("Length header byte order"));
    m_byteOrder->addItem(tr("big endian"), int(core::ByteOrder::BigEndian));
    m_byteOrder->addItem(tr("little endian"), int(core::ByteOrder::LittleEndian));
    m_byteOrder->setToolTip(tr("Big endian (network order) puts the most significant byte first"));
    m_preamble = new QSpinBox(page);
    m_preamble->setObjectName(QStringLiteral("preamble"));
    m_preamble->setAccessibleName(tr("Preamble bytes before the length"));
    m_preamble->setToolTip(tr("Fixed bytes before the length header (a sync word, a type byte)"));
    m_preamble->setRange(0, kMaxPreamble);
    m_preamble->setSuffix(tr(" bytes", "preamble length"));
    m_countsHeader = new QCheckBox(tr("Co&unts header"), page);
    m_countsHeader->setObjectName(QStringLiteral("countsHeader"));
    m_countsHeader->setAccessibleName(tr("Length counts the header"));
    m_countsHeader->setToolTip(tr("The length includes the preamble and the length header themselves"));
    auto *row = rowOf(page);
    row->addWidget(labelFor(tr("Header"), m_lengthWidth, page));
    row->addWidget(m_lengthWidth);
    row->addWidget(labelFor(tr("Order"), m_byteOrder, page));
    row->addWidget(m_byteOrder);
    row->addWidget(labelFor(tr("After"), m_preamble, page));
    row->addWidget(m_preamble);
    row->addWidget(m_countsHeader);
}

void FramingBar::buildFixedPage(QWidget *page)
{
    m_fixedLength = new QSpinBox(page);
    m_fixedLength->setObjectName(QStringLiteral("fixedLength"));
    m_fixedLength->setAccessibleName(tr("Message length"));
    m_fixedLength->setRange(1, kMaxFixedLength);
    m_fixedLength->setSuffix(tr(" bytes", "fixed message length"));
    m_fixedLength->setToolTip(tr("Every message is exactly this many bytes"));
    m_fixedLength->setValue(int(m_spec.fixedLength));
    auto *row = rowOf(page);
    row->addWidget(labelFor(tr("Ever&y"), m_fixedLength, page));
    row->addWidget(m_fixedLength);
}

void FramingBar::setSpec(const core::FramingSpec &spec)
{
    m_updating = true;
    m_kind->setCurrentIndex(std::max(0, m_kind->findData(int(spec.kind))));
    const int preset = m_delimiter->findData(spec.effectiveDelimiter());
    m_delimiter->setCurrentIndex(preset >= 0 ? preset : m_delimiter->findData(kCustomDelimiter));
    m_customDelimiter->setText(preset >= 0 ? QString() : core::toHex(spec.effectiveDelimiter()));
    m_keepDelimiter->setChecked(spec.keepDelimiter);
    m_lengthWidth->setCurrentIndex(std::max(0, m_lengthWidth->findData(spec.lengthWidth)));
    m_byteOrder->setCurrentIndex(std::max(0, m_byteOrder->findData(int(spec.byteOrder))));
    m_preamble->setValue(spec.preambleBytes);
    m_countsHeader->setChecked(spec.lengthCountsHeader);
    m_fixedLength->setValue(int(std::clamp<qint64>(spec.fixedLength, 1, kMaxFixedLength)));
    m_maxFrame->setValue(int(std::clamp<qint64>(spec.maxFrameBytes / 1024, 1, kMaxFrameKiB)));
    m_updating = false;
    readControls();
}

bool FramingBar::showsRawReads() const
{
    return m_rawReads->isChecked();
}

void FramingBar::setShowsRawReads(bool raw)
{
    m_rawReads->setChecked(raw);
}

QString FramingBar::problem() const
{
    return m_hint->isHidden() ? QString() : m_hint->text();
}

void FramingBar::showControlsFor(core::FramingKind kind)
{
    m_pages[0]->setVisible(kind == core::FramingKind::Delimiter);
    m_pages[1]->setVisible(kind == core::FramingKind::LengthPrefix);
    m_pages[2]->setVisible(kind == core::FramingKind::FixedLength);
    const bool framed = kind != core::FramingKind::None;
    m_maxLabel->setVisible(framed);
    m_maxFrame->setVisible(framed);
    m_rawReads->setVisible(framed);
    m_customDelimiter->setVisible(m_delimiter->currentData().toInt() == kCustomDelimiter);
}

void FramingBar::readControls()
{
    if (m_updating)
        return;
    core::FramingSpec spec = m_spec;
    spec.kind = core::FramingKind(m_kind->currentData().toInt());
    showControlsFor(spec.kind);
    QString problem;
    if (m_delimiter->currentData().toInt() == kCustomDelimiter) {
        const core::EncodedPayload parsed = core::parseHex(m_customDelimiter->text());
        if (parsed.error.isError())
            problem = tr("Delimiter: %1").arg(parsed.error.message);
        else if (parsed.bytes.isEmpty())
            problem = tr("Delimiter: type at least one byte in hex");
        else
            spec.delimiter = parsed.bytes;
    } else {
        spec.delimiter = m_delimiter->currentData().toByteArray();
    }
    spec.keepDelimiter = m_keepDelimiter->isChecked();
    spec.lengthWidth = m_lengthWidth->currentData().toInt();
    spec.byteOrder = core::ByteOrder(m_byteOrder->currentData().toInt());
    spec.preambleBytes = m_preamble->value();
    spec.lengthCountsHeader = m_countsHeader->isChecked();
    spec.fixedLength = m_fixedLength->value();
    spec.maxFrameBytes = qint64(m_maxFrame->value()) * 1024;
    // A custom delimiter only matters while the delimiter is the framing.
    m_hint->setProblem(spec.kind == core::FramingKind::Delimiter ? problem : QString());
    if (spec == m_spec)
        return;
    m_spec = spec;
    emit specChanged(m_spec);
}

void FramingBar::saveState(QSettings &settings, const QString &prefix) const
{
    settings.setValue(prefix + QStringLiteral("/kind"), int(m_spec.kind));
    settings.setValue(prefix + QStringLiteral("/delimiter"), core::toHex(m_spec.effectiveDelimiter()));
    settings.setValue(prefix + QStringLiteral("/keepDelimiter"), m_spec.keepDelimiter);
    settings.setValue(prefix + QStringLiteral("/lengthWidth"), m_spec.lengthWidth);
    settings.setValue(prefix + QStringLiteral("/byteOrder"), int(m_spec.byteOrder));
    settings.setValue(prefix + QStringLiteral("/preamble"), m_spec.preambleBytes);
    settings.setValue(prefix + QStringLiteral("/countsHeader"), m_spec.lengthCountsHeader);
    settings.setValue(prefix + QStringLiteral("/fixedLength"), m_spec.fixedLength);
    settings.setValue(prefix + QStringLiteral("/maxFrameBytes"), m_spec.maxFrameBytes);
    settings.setValue(prefix + QStringLiteral("/rawReads"), showsRawReads());
}

void FramingBar::restoreState(QSettings &settings, const QString &prefix)
{
    const core::FramingSpec defaults;
    core::FramingSpec spec;
    const auto value = [&](const char *key, const QVariant &fallback) {
        return settings.value(prefix + QLatin1Char('/') + QLatin1String(key), fallback);
    };
    const int kind = value("kind", 0).toInt();
    spec.kind = kind >= 0 && kind <= int(core::FramingKind::Http) ? core::FramingKind(kind) : defaults.kind;
    const core::EncodedPayload delimiter = core::parseHex(value("delimiter", QString()).toString());
    spec.delimiter = delimiter.error.isError() || delimiter.bytes.isEmpty() ? defaults.delimiter : delimiter.bytes;
    spec.keepDelimiter = value("keepDelimiter", false).toBool();
    const int width = value("lengthWidth", defaults.lengthWidth).toInt();
    spec.lengthWidth = width == 1 || width == 2 || width == 4 || width == 8 ? width : defaults.lengthWidth;
    spec.byteOrder = value("byteOrder", 0).toInt() == int(core::ByteOrder::LittleEndian) ? core::ByteOrder::LittleEndian
                                                                                       : core::ByteOrder::BigEndian;
    spec.preambleBytes = std::clamp(value("preamble", 0).toInt(), 0, kMaxPreamble);
    spec.lengthCountsHeader = value("countsHeader", false).toBool();
    spec.fixedLength = std::clamp<qint64>(value("fixedLength", defaults.fixedLength).toLongLong(), 1, kMaxFixedLength);
    spec.maxFrameBytes = std::clamp<qint64>(value("maxFrameBytes", defaults.maxFrameBytes).toLongLong(), 1024,
                                            qint64(kMaxFrameKiB) * 1024);
    setSpec(spec);
    setShowsRawReads(value("rawReads", false).toBool());
}

} // namespace ui
