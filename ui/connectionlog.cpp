#include "ui/connectionlog.h"

#include "ui/pausedhint.h"

#include <QAbstractListModel>
#include <QApplication>
#include <QClipboard>
#include <QDateTime>
#include <QGuiApplication>
#include <QKeyEvent>
#include <QLabel>
#include <QListView>
#include <QLocale>
#include <QMenu>
#include <QPalette>
#include <QPushButton>
#include <QScrollBar>
#include <QVBoxLayout>

#include <algorithm>
#include <deque>

namespace ui {

namespace {

constexpr int kDarkBaseLightness = 128;

} // namespace

// The log's lines: a bounded deque of finished strings, so painting formats nothing.
class ConnectionLogModel : public QAbstractListModel
{
public:
    struct Line
    {
        EventDescription::Severity severity = EventDescription::Severity::Info;
        QString text; // time and sentence, as shown
    };

    using QAbstractListModel::QAbstractListModel;

    void append(Line line)
    {
        const int row = int(m_lines.size());
        beginInsertRows({}, row, row);
        m_lines.push_back(std::move(line));
        endInsertRows();
        if (m_lines.size() > std::size_t(ConnectionLog::kMaxLines)) {
            const int excess = int(m_lines.size()) - ConnectionLog::kMaxLines;
            beginRemoveRows({}, 0, excess - 1);
            m_lines.erase(m_lines.begin(), m_lines.begin() + excess);
            endRemoveRows();
            m_trimmed += quint64(excess);
        }
    }

    void clear()
    {
        beginResetModel();
        m_lines.clear();
        m_trimmed = 0;
        endResetModel();
    }

    void setDark(bool dark)
    {
        if (dark == m_dark)
            return;
        m_dark = dark;
        if (!m_lines.empty())
            emit dataChanged(index(0), index(rowCount() - 1), {Qt::ForegroundRole});
    }

    const Line &line(int row) const { return m_lines[std::size_t(row)]; }
    quint64 trimmed() const { return m_trimmed; }

    int rowCount(const QModelIndex &parent = {}) const override
    {
        return parent.isValid() ? 0 : int(m_lines.size());
    }

    QVariant data(const QModelIndex &index, int role) const override
    {
        if (!index.isValid() || index.row() >= rowCount())
            return {};
        const Line &entry = line(index.row());
        switch (role) {
        case Qt::DisplayRole: return entry.text;
        case Qt::ForegroundRole: return foreground(entry.severity);
        case Qt::AccessibleTextRole: return accessibleText(entry);
        case ConnectionLog::kSeverityRole: return int(entry.severity);
        default: return {};
        }
    }

private:
    QVariant foreground(EventDescription::Severity severity) const
    {
        // Deep shades on light bases, pale ones on dark bases; Info keeps the palette's own text colour.
        switch (severity) {
        case EventDescription::Severity::Info: return {};
        case EventDescription::Severity::Success: return m_dark ? QColor(0x8f, 0xe3, 0x88) : QColor(0x1e, 0x6b, 0x24);
        case EventDescription::Severity::Warning: return m_dark ? QColor(0xff, 0xcc, 0x66) : QColor(0x8a, 0x53, 0x00);
        case EventDescription::Severity::Error: return m_dark ? QColor(0xff, 0x8a, 0x80) : QColor(0xb0, 0x00, 0x20);
        }
        return {};
    }

    // Colour alone does not reach a screen reader: say the severity in words.
    static QString accessibleText(const Line &entry)
    {
        switch (entry.severity) {
        case EventDescription::Severity::Warning: return ConnectionLog::tr("Warning: %1").arg(entry.text);
        case EventDescription::Severity::Error: return ConnectionLog::tr("Error: %1").arg(entry.text);
        default: return entry.text;
        }
    }

    std::deque<Line> m_lines;
    quint64 m_trimmed = 0;
    bool m_dark = false;
};

ConnectionLog::ConnectionLog(QWidget *parent)
    : QWidget(parent)
    , m_model(new ConnectionLogModel(this))
{
    setAccessibleName(tr("Connection log"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);

    m_trimmedLabel = new QLabel(this);
    m_trimmedLabel->setAccessibleName(tr("Trimmed log lines"));
    m_trimmedLabel->setVisible(false);
    layout->addWidget(m_trimmedLabel);

    m_view = new QListView(this);
    m_view->setModel(m_model);
    m_view->setAccessibleName(tr("Connection log"));
    m_view->setToolTip(tr("Connection events, newest last. Ctrl+C copies the selected lines."));
    m_view->setAccessibleDescription(tr("Connection events, newest last. Ctrl+C copies the selected lines."));
    m_view->setUniformItemSizes(true); // row geometry by multiplication, whatever the line count
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->setTextElideMode(Qt::ElideRight);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setVerticalScrollMode(QAbstractItemView::ScrollPerItem);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->installEventFilter(this);
    connect(m_view, &QListView::customContextMenuRequested, this, &ConnectionLog::showContextMenu);
    layout->addWidget(m_view, 1);

    connectAutoScroll();
    m_model->setDark(palette().color(QPalette::Base).lightness() < kDarkBaseLightness);
}

ConnectionLog::~ConnectionLog() = default;

void ConnectionLog::connectAutoScroll()
{
    QScrollBar *bar = m_view->verticalScrollBar();
    connect(bar, &QScrollBar::valueChanged, this, &ConnectionLog::onScrollValueChanged);
    connect(bar, &QScrollBar::rangeChanged, this, [this, bar](int, int maximum) {
        if (m_following)
            bar->setValue(maximum);
    });
    // Trimming removes lines at the top; a paused reader keeps looking at the same lines.
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, [this, bar](const QModelIndex &, int first, int last) {
        if (m_following)
            return;
        const int above = std::min(bar->value(), last + 1) - std::min(bar->value(), first);
        const QSignalBlocker block(bar);
        bar->setValue(bar->value() - above);
    });

    m_pausedHint = new PausedHint(m_view, PausedHint::Unit::Lines, tr("Jump to the newest line and keep following new events"));
    connect(m_pausedHint, &QPushButton::clicked, this, &ConnectionLog::scrollToNewest);
}

void ConnectionLog::append(const core::SessionEvent &event)
{
    const EventDescription description = describeEvent(event);
    if (description.text.isEmpty())
        return;
    appendLine(event.timeUs, description.severity, description.text);
}

void ConnectionLog::appendNote(Severity severity, const QString &text)
{
    appendLine(core::nowMicroseconds(), severity, text);
}

void ConnectionLog::appendLine(qint64 timeUs, Severity severity, const QString &text)
{
    const qint64 stamp = timeUs > 0 ? timeUs : core::nowMicroseconds(); // an unstamped event: now
    const QString time = QDateTime::fromMSecsSinceEpoch(stamp / 1000).toString(QStringLiteral("hh:mm:ss.zzz"));
    m_model->append({severity, time + QStringLiteral("  ") + text});
    onLinesAdded(1);
}

void ConnectionLog::clear()
{
    m_model->clear();
    updateTrimmedLabel();
    scrollToNewest();
}

int ConnectionLog::lineCount() const
{
    return m_model->rowCount();
}

QString ConnectionLog::lineText(int row) const
{
    return m_model->line(row).text;
}

ConnectionLog::Severity ConnectionLog::lineSeverity(int row) const
{
    return m_model->line(row).severity;
}

quint64 ConnectionLog::trimmedCount() const
{
    return m_model->trimmed();
}

void ConnectionLog::onLinesAdded(int count)
{
    updateTrimmedLabel();
    if (m_following)
        return;
    m_newWhilePaused += count;
    updatePausedHint();
}

void ConnectionLog::onScrollValueChanged(int value)
{
    const bool atBottom = value >= m_view->verticalScrollBar()->maximum();
    if (atBottom == m_following)
        return;
    m_following = atBottom;
    m_newWhilePaused = 0;
    updatePausedHint();
}

void ConnectionLog::scrollToNewest()
{
    m_following = true;
    m_newWhilePaused = 0;
    m_view->scrollToBottom();
    updatePausedHint();
}

void ConnectionLog::updatePausedHint()
{
    m_pausedHint->showState(m_following, m_newWhilePaused);
}

void ConnectionLog::updateTrimmedLabel()
{
    const quint64 trimmed = m_model->trimmed();
    if (trimmed == 0) {
        m_trimmedLabel->setVisible(false);
        return;
    }
    m_trimmedLabel->setText(tr("%1 older lines were removed; the log keeps the newest %2.")
                                .arg(QLocale().toString(trimmed), QLocale().toString(kMaxLines)));
    m_trimmedLabel->setVisible(true);
}

QString ConnectionLog::selectedText() const
{
    QModelIndexList selected = m_view->selectionModel()->selectedIndexes();
    std::sort(selected.begin(), selected.end(),
              [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    QString text;
    for (const QModelIndex &index : selected)
        text += m_model->line(index.row()).text + QLatin1Char('\n');
    return text;
}

void ConnectionLog::copySelectedLines() const
{
    if (const QString text = selectedText(); !text.isEmpty())
        QApplication::clipboard()->setText(text);
}

void ConnectionLog::showContextMenu(const QPoint &position)
{
    QMenu menu(this);
    QAction *copy = menu.addAction(tr("&Copy"), this, &ConnectionLog::copySelectedLines);
    copy->setShortcut(QKeySequence::Copy);
    copy->setEnabled(m_view->selectionModel()->hasSelection());
    menu.addAction(tr("Select &all"), m_view, &QListView::selectAll)->setEnabled(lineCount() > 0);
    menu.addSeparator();
    menu.addAction(tr("C&lear log"), this, &ConnectionLog::clear)->setEnabled(lineCount() > 0);
    menu.exec(m_view->viewport()->mapToGlobal(position));
}

bool ConnectionLog::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view) {
        // The list's own Ctrl+C copies one line; copy the whole selection instead.
        const bool key = event->type() == QEvent::KeyPress || event->type() == QEvent::ShortcutOverride;
        if (key && static_cast<QKeyEvent *>(event)->matches(QKeySequence::Copy)) {
            event->accept();
            if (event->type() == QEvent::KeyPress)
                copySelectedLines();
            return true;
        }
        // Gaining focus without a current line makes the first line current and scrolls to the top, which
        // would throw a following reader off the newest lines. Pick the line the reader is looking at.
        if (event->type() == QEvent::FocusIn && !m_view->currentIndex().isValid() && lineCount() > 0) {
            const QModelIndex target = m_following ? m_model->index(lineCount() - 1) : m_view->indexAt(QPoint(0, 0));
            if (target.isValid())
                m_view->selectionModel()->setCurrentIndex(target, QItemSelectionModel::NoUpdate);
        }
    }
    return QWidget::eventFilter(watched, event);
}

void ConnectionLog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        m_model->setDark(palette().color(QPalette::Base).lightness() < kDarkBaseLightness);
    QWidget::changeEvent(event);
}

} // namespace ui
