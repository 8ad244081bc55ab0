#include "ui/log/connectionlog.h"

#include "core/i18n/translations.h"
#include "ui/log/connectionlogmodel.h"
#include "ui/widgets/pausedhint.h"
#include "ui/widgets/palettetone.h"

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
#include <limits>

namespace ui {

namespace {

ConnectionLogModel::Line makeLine(qint64 timeUs, core::EventDescription::Severity severity, const QString &text)
{
    const qint64 stamp = timeUs > 0 ? timeUs : core::nowMicroseconds(); // an unstamped event: now
    const QString time = QDateTime::fromMSecsSinceEpoch(stamp / 1000).toString(QStringLiteral("hh:mm:ss.zzz"));
    return {severity, time + QStringLiteral("  ") + text};
}

} // namespace

ConnectionLog::ConnectionLog(QWidget *parent)
    : QWidget(parent)
    , m_model(new ConnectionLogModel(this))
{
    setAccessibleName(tr("Connection log"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);

    m_trimmedLabel = new QLabel(this); // a live label: no accessible name, so screen readers read its text
    m_trimmedLabel->setObjectName(QStringLiteral("trimmedLines"));
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
    connect(m_model, &ConnectionLogModel::linesAdded, this, &ConnectionLog::onLinesAdded);
    layout->addWidget(m_view, 1);

    connectAutoScroll();
    m_model->setDark(isDark(palette(), QPalette::Base));
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

void ConnectionLog::setNamesConnections(bool names)
{
    m_namesConnections = names;
    m_clients.clear();
}

void ConnectionLog::append(const core::SessionEvent &event)
{
    using Kind = core::SessionEvent::Kind;
    // Only a client this log saw accepted has a number worth showing; the listening socket's own id (in a
    // failed listen's error, say) means nothing to the reader. The set holds the open clients only.
    if (m_namesConnections && event.kind == Kind::Accepted)
        m_clients.insert(event.connection);
    m_context.namesConnections = m_namesConnections && m_clients.contains(event.connection);
    if (event.kind == Kind::Closed)
        m_clients.remove(event.connection);
    const core::EventDescription description = core::describeEvent(event, m_context);
    // What the session's socket started decides what a later Stopped says ("Stopped listening on …").
    if (event.kind == Kind::Listening || event.kind == Kind::Bound) {
        m_context.started = event.kind == Kind::Listening ? core::EventContext::Started::Listening : core::EventContext::Started::Bound;
        m_context.startedAt = event.local;
    } else if (event.kind == Kind::Stopped) {
        m_context.started = core::EventContext::Started::Nothing;
    }
    if (description.text.isEmpty())
        return;
    m_model->appendLater(makeLine(event.timeUs, description.severity, description.text));
}

void ConnectionLog::appendFramingErrors(const std::vector<core::MessageFramingError> &errors)
{
    const std::size_t shown = std::min(errors.size(), std::size_t(kMaxFramingLinesPerCall));
    for (std::size_t i = 0; i < shown; ++i) {
        core::EventContext context = m_context;
        context.namesConnections = m_namesConnections && m_clients.contains(errors[i].connection);
        const core::EventDescription description = core::describeFramingError(errors[i], context);
        m_model->appendLater(makeLine(errors[i].timeUs, description.severity, description.text));
    }
    if (errors.size() > shown) {
        const qint64 more = qint64(errors.size() - shown);
        m_model->appendLater(makeLine(errors.back().timeUs, Severity::Warning,
                                      tr("… and %Ln more framing error(s) in the same bytes", nullptr,
                                         core::pluralCount(more))));
    }
}

void ConnectionLog::appendNote(Severity severity, const QString &text)
{
    appendLine(core::nowMicroseconds(), severity, text);
}

void ConnectionLog::appendLine(qint64 timeUs, Severity severity, const QString &text)
{
    // A line the UI says itself comes one at a time: in the view at once, after the events queued before it.
    m_model->appendLater(makeLine(timeUs, severity, text));
    m_model->flush();
}

void ConnectionLog::flush() const
{
    m_model->flush();
}

void ConnectionLog::clear()
{
    m_model->clear();
    updateTrimmedLabel();
    scrollToNewest();
}

int ConnectionLog::lineCount() const
{
    flush();
    return m_model->rowCount();
}

QString ConnectionLog::lineText(int row) const
{
    flush();
    return m_model->line(row).text;
}

ConnectionLog::Severity ConnectionLog::lineSeverity(int row) const
{
    flush();
    return m_model->line(row).severity;
}

quint64 ConnectionLog::trimmedCount() const
{
    flush();
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
    // English reads right without a translation file; the %Ln form (digits grouped by the locale) is there for
    // languages with more plurals.
    const QString kept = QLocale().toString(kMaxLines);
    if (trimmed == 1) {
        m_trimmedLabel->setText(tr("1 older line removed; the log keeps the newest %1.").arg(kept));
    } else {
        const int count = int(qMin(trimmed, quint64(std::numeric_limits<int>::max())));
        m_trimmedLabel->setText(tr("%Ln older lines removed; the log keeps the newest %1.", nullptr, count).arg(kept));
    }
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
        m_model->setDark(isDark(palette(), QPalette::Base));
    QWidget::changeEvent(event);
}

} // namespace ui
