#include "ui/traffic/trafficfilterbar.h"

#include "ui/traffic/trafficfilter.h"
#include "ui/widgets/palettetone.h"

#include <QAction>
#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

namespace ui {

namespace {

// setClearButtonEnabled() adds an icon-only button (and its action) with no name: name both, so a screen
// reader and a test driver can tell what the button clears.
void nameClearButton(QLineEdit *edit, const QString &name)
{
    for (QToolButton *button : edit->findChildren<QToolButton *>(Qt::FindDirectChildrenOnly)) {
        button->setAccessibleName(name);
        button->setToolTip(name);
        if (QAction *action = button->defaultAction())
            action->setToolTip(name); // the button takes its tooltip back from the action when that changes
    }
}

} // namespace

TrafficFilterBar::TrafficFilterBar(TrafficFilter *filter, QWidget *parent)
    : QWidget(parent)
    , m_filter(filter)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(createControlRow());
    m_errorLabel = new QLabel(this);
    m_errorLabel->setObjectName(QStringLiteral("filterError"));
    m_errorLabel->setVisible(false);
    layout->addWidget(m_errorLabel);
    connectControls();
    applyPalette();
    applyContentFilter(); // placeholder and tooltip for the text mode, and the first row count
}

QWidget *TrafficFilterBar::createControlRow()
{
    auto *row = new QWidget(this);
    m_directionBox = new QComboBox(row);
    m_directionBox->setObjectName(QStringLiteral("directionFilter"));
    m_directionBox->addItem(tr("Both directions"), int(TrafficFilter::DirectionFilter::All));
    m_directionBox->addItem(tr("Sent only"), int(TrafficFilter::DirectionFilter::Sent));
    m_directionBox->addItem(tr("Received only"), int(TrafficFilter::DirectionFilter::Received));
    m_directionBox->setAccessibleName(tr("Direction filter"));
    m_directionBox->setToolTip(tr("Show the traffic of both directions, or only what was sent or received"));
    // On Linux a combo box's name over AT-SPI is its current value: the buddy label is what identifies it.
    auto *directionLabel = new QLabel(tr("Direction"), row);
    directionLabel->setBuddy(m_directionBox);
    m_peerEdit = new QLineEdit(row);
    m_peerEdit->setPlaceholderText(tr("Peer"));
    m_peerEdit->setClearButtonEnabled(true);
    m_peerEdit->setAccessibleName(tr("Peer filter"));
    m_peerEdit->setToolTip(tr("Show only rows whose peer address contains this text, e.g. “:5000” or “::1”"));
    nameClearButton(m_peerEdit, tr("Clear the peer filter text"));
    m_contentEdit = new QLineEdit(row);
    m_contentEdit->setClearButtonEnabled(true);
    m_contentEdit->setAccessibleName(tr("Content filter"));
    nameClearButton(m_contentEdit, tr("Clear the content filter text"));
    m_hexToggle = new QToolButton(row);
    m_hexToggle->setText(tr("Hex"));
    m_hexToggle->setCheckable(true);
    m_hexToggle->setAccessibleName(tr("Search content as hex bytes"));
    m_hexToggle->setToolTip(tr("When on, the content filter is a byte sequence in hex (“de ad be ef”); "
                               "when off, it is text matched without regard to case"));
    m_connectionButton = new QToolButton(row);
    m_connectionButton->setAccessibleName(tr("Connection filter"));
    m_connectionButton->setToolTip(tr("Only this connection's traffic is shown; click to show every connection"));
    m_connectionButton->setVisible(false);
    m_clearFilterButton = new QPushButton(tr("Clear filter"), row);
    m_clearFilterButton->setAccessibleName(tr("Clear filter"));
    m_clearFilterButton->setToolTip(tr("Show every row again"));
    m_clearFilterButton->setEnabled(false);
    m_rowCountLabel = new QLabel(row);
    m_rowCountLabel->setObjectName(QStringLiteral("rowCount"));

    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(directionLabel);
    layout->addWidget(m_directionBox);
    layout->addWidget(m_peerEdit, 1);
    layout->addWidget(m_contentEdit, 2);
    layout->addWidget(m_hexToggle);
    layout->addWidget(m_connectionButton);
    layout->addWidget(m_clearFilterButton);
    layout->addWidget(m_rowCountLabel);
    return row;
}

void TrafficFilterBar::connectControls()
{
    connect(m_directionBox, &QComboBox::currentIndexChanged, this, [this] {
        m_filter->setDirectionFilter(TrafficFilter::DirectionFilter(m_directionBox->currentData().toInt()));
    });
    // Typing waits for a pause before refiltering: a refilter visits every row (~30 ms at 100k rows).
    m_typingPause.setSingleShot(true);
    m_typingPause.setInterval(kTypingPauseMs);
    connect(&m_typingPause, &QTimer::timeout, this, [this] {
        m_filter->setPeerFilter(m_peerEdit->text());
        applyContentFilter();
    });
    connect(m_peerEdit, &QLineEdit::textChanged, &m_typingPause, qOverload<>(&QTimer::start));
    connect(m_contentEdit, &QLineEdit::textChanged, &m_typingPause, qOverload<>(&QTimer::start));
    connect(m_hexToggle, &QToolButton::toggled, this, &TrafficFilterBar::applyContentFilter);
    connect(m_connectionButton, &QToolButton::clicked, this, [this] { m_filter->setConnectionFilter(0); });
    connect(m_clearFilterButton, &QPushButton::clicked, this, &TrafficFilterBar::clearFilter);

    connect(m_filter, &TrafficFilter::filterChanged, this, &TrafficFilterBar::showFilterState);
    connect(m_filter, &QAbstractItemModel::rowsInserted, this, &TrafficFilterBar::updateRowCount);
    connect(m_filter, &QAbstractItemModel::rowsRemoved, this, &TrafficFilterBar::updateRowCount);
    connect(m_filter, &QAbstractItemModel::modelReset, this, &TrafficFilterBar::updateRowCount);
    connect(m_filter, &QAbstractItemModel::layoutChanged, this, &TrafficFilterBar::updateRowCount);
}

void TrafficFilterBar::clearFilter()
{
    {
        const QSignalBlocker blockDirection(m_directionBox), blockPeer(m_peerEdit), blockContent(m_contentEdit),
            blockHex(m_hexToggle);
        m_directionBox->setCurrentIndex(m_directionBox->findData(int(TrafficFilter::DirectionFilter::All)));
        m_peerEdit->clear();
        m_contentEdit->clear();
        m_hexToggle->setChecked(false);
    }
    m_typingPause.stop();
    m_filter->clearFilters();
    applyContentFilter();
}

void TrafficFilterBar::applyContentFilter()
{
    const bool hex = m_hexToggle->isChecked();
    m_contentEdit->setPlaceholderText(hex ? tr("Hex bytes, e.g. de ad be ef") : tr("Text in the data"));
    m_contentEdit->setToolTip(hex ? tr("Show only rows whose data contains this byte sequence")
                                  : tr("Show only rows whose data contains this text (case does not matter)"));
    m_filter->setContentFilter(m_contentEdit->text(),
                               hex ? TrafficFilter::ContentMode::Hex : TrafficFilter::ContentMode::Text);
    showFilterState(); // also when nothing changed: the first call fills the row count
}

void TrafficFilterBar::showFilterState()
{
    const QString error = m_filter->contentError();
    m_errorLabel->setText(error);
    m_errorLabel->setVisible(!error.isEmpty());
    const core::ConnectionId connection = m_filter->connectionFilter();
    m_connectionButton->setText(tr("Connection #%1 ✕").arg(connection));
    m_connectionButton->setVisible(connection != 0);
    m_clearFilterButton->setEnabled(m_filter->isFiltering() || !error.isEmpty());
    updateRowCount();
}

void TrafficFilterBar::updateRowCount()
{
    const int shown = m_filter->rowCount();
    const int total = m_filter->sourceModel() ? m_filter->sourceModel()->rowCount() : 0;
    const QLocale locale;
    if (shown != total)
        m_rowCountLabel->setText(
            tr("%1 of %2 row(s)", nullptr, total).arg(locale.toString(shown), locale.toString(total)));
    else
        m_rowCountLabel->setText(tr("%1 row(s)", nullptr, total).arg(locale.toString(total)));
}

void TrafficFilterBar::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        applyPalette();
    QWidget::changeEvent(event);
}

void TrafficFilterBar::applyPalette()
{
    const bool dark = isDark(palette(), QPalette::Base);
    m_errorLabel->setStyleSheet(dark ? QStringLiteral("color: #ff8a80;") : QStringLiteral("color: #b00020;"));
}

} // namespace ui
