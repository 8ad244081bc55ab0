#include "ui/traffic/trafficview.h"

#include "ui/widgets/pausedhint.h"
#include "ui/traffic/trafficfilterbar.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QEvent>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QKeyEvent>
#include <QMenu>
#include <QScrollBar>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace ui {

namespace {

constexpr int kCellPadding = 16; // room for the cell margins and a little air

int textWidth(const QFontMetrics &metrics, std::initializer_list<QString> samples)
{
    int widest = 0;
    for (const QString &sample : samples)
        widest = std::max(widest, metrics.horizontalAdvance(sample));
    return widest + kCellPadding;
}

} // namespace

TrafficView::TrafficView(QWidget *parent)
    : QWidget(parent)
    , m_model(new TrafficModel(this))
    , m_filter(new TrafficFilter(this))
{
    m_filter->setSourceModel(m_model);
    setAccessibleName(tr("Traffic list"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    m_filterBar = new TrafficFilterBar(m_filter, this);
    layout->addWidget(m_filterBar);
    createTable();
    layout->addWidget(m_table, 1);
    connectAutoScroll();
    m_model->setPalette(palette());

    connect(m_filter, &TrafficFilter::filterChanged, this, &TrafficView::onFilterChanged);
}

void TrafficView::createTable()
{
    m_table = new QTableView(this);
    m_table->setModel(m_filter);
    m_table->setAccessibleName(tr("Captured traffic"));
    m_table->setToolTip(tr("Every chunk sent and received. Select a row to see its bytes in the hex view; Ctrl+C "
                           "copies the selected rows."));
    m_table->setAccessibleDescription(tr("One row per chunk sent or received. Ctrl+C copies the selected rows "
                                         "as tab-separated text."));
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideRight);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setVerticalScrollMode(QAbstractItemView::ScrollPerItem);
    m_table->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    m_table->setSortingEnabled(false);
    m_table->setAlternatingRowColors(true);
    m_table->setShowGrid(false);
    m_table->verticalHeader()->setVisible(false);
    // Every row one line high: fixed sections keep the height maths O(1) however many rows there are.
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setStretchLastSection(true); // Data
    header->setHighlightSections(false);
    const QFontMetrics metrics = m_table->fontMetrics();
    m_table->setColumnWidth(TrafficModel::TimeColumn,
                            textWidth(metrics, {QStringLiteral("00:00:00.000"), QStringLiteral("+0000.000000 s")}));
    m_table->setColumnWidth(TrafficModel::DirectionColumn,
                            textWidth(metrics, {TrafficModel::directionText(core::Direction::Sent),
                                                TrafficModel::directionText(core::Direction::Received)}));
    m_table->setColumnWidth(TrafficModel::PeerColumn, textWidth(metrics, {QStringLiteral("255.255.255.255:65535")}));
    m_table->setColumnWidth(TrafficModel::LengthColumn,
                            textWidth(metrics, {QStringLiteral("0000000"), tr("Length")}));
    m_table->installEventFilter(this);

    connect(m_table, &QTableView::customContextMenuRequested, this, &TrafficView::showContextMenu);
    connect(m_table, &QTableView::activated, this, [this](const QModelIndex &index) {
        if (const quint64 seq = seqAt(index))
            emit chunkActivated(seq);
    });
    // Both: a click or an arrow key moves the current row, selecting through accessibility (a screen reader,
    // a test driver) changes only the selection. updateShownChunk emits once per change of chunk.
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this] { updateShownChunk({}); });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            [this](const QItemSelection &selected) { updateShownChunk(selected); });
}

void TrafficView::connectAutoScroll()
{
    QScrollBar *bar = m_table->verticalScrollBar();
    connect(bar, &QScrollBar::valueChanged, this, &TrafficView::onScrollValueChanged);
    // New rows grow the range after the view's delayed layout; that is when following moves to the end.
    connect(bar, &QScrollBar::rangeChanged, this, [this, bar](int, int maximum) {
        if (m_following)
            bar->setValue(maximum);
    });
    connect(m_filter, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &, int first, int last) { onRowsInserted(first, last); });
    connect(m_filter, &QAbstractItemModel::rowsRemoved, this,
            [this](const QModelIndex &, int first, int last) { onRowsRemoved(first, last); });

    m_pausedHint = new PausedHint(m_table, PausedHint::Unit::Rows, tr("Jump to the newest row and keep following new traffic"));
    connect(m_pausedHint, &QPushButton::clicked, this, &TrafficView::scrollToNewest);
}

void TrafficView::setFeed(CaptureFeed *feed)
{
    if (CaptureFeed *previous = m_model->feed())
        disconnect(previous, nullptr, this, nullptr);
    m_model->setFeed(feed);
    if (feed)
        connect(feed, &CaptureFeed::cleared, this, &TrafficView::scrollToNewest);
    scrollToNewest();
}

void TrafficView::setConnectionFilter(core::ConnectionId connection)
{
    m_filter->setConnectionFilter(connection); // the filter bar shows the chip
}

void TrafficView::setTimeFormat(TrafficModel::TimeFormat format)
{
    m_model->setTimeFormat(format);
}

void TrafficView::clear()
{
    m_model->clear();
    scrollToNewest();
}

void TrafficView::refresh()
{
    m_model->refresh();
}

void TrafficView::scrollToNewest()
{
    m_following = true;
    m_newWhilePaused = 0;
    m_table->scrollToBottom();
    updatePausedHint();
}

void TrafficView::onFilterChanged()
{
    if (m_following)
        m_table->scrollToBottom();
}

void TrafficView::onScrollValueChanged(int value)
{
    const bool atBottom = value >= m_table->verticalScrollBar()->maximum();
    if (atBottom == m_following)
        return;
    m_following = atBottom;
    m_newWhilePaused = 0;
    updatePausedHint();
}

void TrafficView::onRowsInserted(int first, int last)
{
    if (!m_following) {
        m_newWhilePaused += last - first + 1;
        updatePausedHint();
    }
}

void TrafficView::onRowsRemoved(int first, int last)
{
    // Rows leave at the front when the store's budget drops old chunks. A paused reader keeps looking at
    // the same rows: scroll up by as many rows as vanished above the top one.
    if (!m_following) {
        QScrollBar *bar = m_table->verticalScrollBar();
        const int above = std::min(bar->value(), last + 1) - std::min(bar->value(), first);
        if (above > 0) {
            const QSignalBlocker block(bar);
            bar->setValue(bar->value() - above);
        }
    }
}

void TrafficView::updateShownChunk(const QItemSelection &justSelected)
{
    const QItemSelectionModel *selection = m_table->selectionModel();
    const QModelIndex current = m_table->currentIndex();
    QModelIndex shown = current;
    if (selection->hasSelection() && !(current.isValid() && selection->isRowSelected(current.row()))) {
        // The first range only: select-all over 100k rows must not become a loop over every row.
        const QItemSelection &ranges = justSelected.isEmpty() ? selection->selection() : justSelected;
        shown = ranges.isEmpty() ? QModelIndex() : QModelIndex(ranges.first().topLeft());
    }
    const quint64 seq = seqAt(shown);
    if (seq == m_currentSeq)
        return;
    m_currentSeq = seq;
    emit currentChunkChanged(seq);
}

void TrafficView::updatePausedHint()
{
    m_pausedHint->showState(m_following, m_newWhilePaused);
}

quint64 TrafficView::seqAt(const QModelIndex &proxyIndex) const
{
    return proxyIndex.isValid() ? proxyIndex.data(TrafficModel::ChunkRole).toULongLong() : 0;
}

QList<int> TrafficView::selectedSourceRows() const
{
    QList<int> rows;
    const QModelIndexList selected = m_table->selectionModel()->selectedRows();
    rows.reserve(selected.size());
    for (const QModelIndex &index : selected)
        rows.append(m_filter->mapToSource(index).row());
    std::sort(rows.begin(), rows.end());
    return rows;
}

QString TrafficView::selectedRowsText() const
{
    return m_model->rowsAsText(selectedSourceRows());
}

QString TrafficView::selectedRowsHex() const
{
    return m_model->rowsAsHex(selectedSourceRows());
}

void TrafficView::copySelectedRows() const
{
    if (const QString text = selectedRowsText(); !text.isEmpty())
        QApplication::clipboard()->setText(text);
}

void TrafficView::copySelectedHex() const
{
    if (const QString text = selectedRowsHex(); !text.isEmpty())
        QApplication::clipboard()->setText(text);
}

void TrafficView::showContextMenu(const QPoint &position)
{
    QMenu menu(this);
    const bool hasSelection = m_table->selectionModel()->hasSelection();
    QAction *copy = menu.addAction(tr("&Copy rows"), this, &TrafficView::copySelectedRows);
    copy->setShortcut(QKeySequence::Copy);
    copy->setEnabled(hasSelection);
    menu.addAction(tr("Copy data as &hex"), this, &TrafficView::copySelectedHex)->setEnabled(hasSelection);
    menu.addSeparator();
    const QModelIndex index = m_table->indexAt(position);
    if (index.isValid()) {
        const auto connection = index.data(TrafficModel::ConnectionRole).value<core::ConnectionId>();
        menu.addAction(tr("Show only connection #%1").arg(connection), this,
                       [this, connection] { setConnectionFilter(connection); });
    }
    if (m_filter->connectionFilter() != 0)
        menu.addAction(tr("Show all connections"), this, [this] { setConnectionFilter(0); });
    QAction *relative = menu.addAction(tr("&Relative time"));
    relative->setCheckable(true);
    relative->setChecked(m_model->timeFormat() == TrafficModel::TimeFormat::Relative);
    connect(relative, &QAction::toggled, this, [this](bool on) {
        setTimeFormat(on ? TrafficModel::TimeFormat::Relative : TrafficModel::TimeFormat::Absolute);
    });
    menu.addSeparator();
    menu.addAction(tr("C&lear capture"), this, &TrafficView::clear);
    menu.exec(m_table->viewport()->mapToGlobal(position));
}

bool TrafficView::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_table) {
        // QTableView's own Ctrl+C copies one cell; the whole selected rows are what a user means here.
        // Claiming the override keeps a window-wide Copy shortcut from taking the key first.
        const bool key = event->type() == QEvent::KeyPress || event->type() == QEvent::ShortcutOverride;
        if (key && static_cast<QKeyEvent *>(event)->matches(QKeySequence::Copy)) {
            event->accept();
            if (event->type() == QEvent::KeyPress)
                copySelectedRows();
            return true;
        }
        if (event->type() == QEvent::FocusIn)
            chooseCurrentBeforeFocus();
    }
    return QWidget::eventFilter(watched, event);
}

// A view that gains focus without a current row makes the first row current and scrolls to the top, which
// would throw a following reader off the newest rows. Pick the row the reader is looking at instead.
void TrafficView::chooseCurrentBeforeFocus()
{
    if (m_table->currentIndex().isValid() || m_filter->rowCount() == 0)
        return;
    const QModelIndex target = m_following ? m_filter->index(m_filter->rowCount() - 1, 0)
                                           : m_table->indexAt(QPoint(0, 0));
    if (target.isValid())
        m_table->selectionModel()->setCurrentIndex(target, QItemSelectionModel::NoUpdate);
}

void TrafficView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        m_model->setPalette(palette());
    QWidget::changeEvent(event);
}

} // namespace ui
