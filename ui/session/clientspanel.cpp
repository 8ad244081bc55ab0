#include "ui/session/clientspanel.h"

#include "core/session/tcpserversession.h"
#include "ui/session/clientsmodel.h"

#include <QAction>
#include <QContextMenuEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QMenu>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace ui {

ClientsPanel::ClientsPanel(core::TcpServerSession *server, ClientsModel *model, QWidget *parent)
    : QWidget(parent)
    , m_server(server)
    , m_model(model)
{
    createTable();
    createActions();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_table, 1);
    layout->addWidget(createButtonRow());

    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &ClientsPanel::updateActions);
    // A selected client that closes takes its actions' reason to be enabled with it.
    connect(m_model, &QAbstractItemModel::dataChanged, this, &ClientsPanel::updateActions);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &ClientsPanel::updateActions);
    connect(m_model, &QAbstractItemModel::modelReset, this, &ClientsPanel::updateActions);
    updateActions();
}

void ClientsPanel::createTable()
{
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("clientsTable"));
    m_table->setAccessibleName(tr("Clients"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    // Widths from what each column holds at most, so the peer address is never the one squeezed.
    QHeaderView *header = m_table->horizontalHeader();
    header->setStretchLastSection(true);
    const QFontMetrics metrics = m_table->fontMetrics();
    const auto fit = [&](int column, const QString &widest) {
        const QString title = m_model->headerData(column, Qt::Horizontal, Qt::DisplayRole).toString();
        m_table->setColumnWidth(column, qMax(metrics.horizontalAdvance(widest), metrics.horizontalAdvance(title)) + 16);
    };
    fit(ClientsModel::IdColumn, QStringLiteral("#99999"));
    fit(ClientsModel::PeerColumn, QStringLiteral("255.255.255.255:65535"));
    // Wide enough for the common states; longer ones elide and show whole in the tooltip.
    fit(ClientsModel::StateColumn, ClientsModel::tr("peer finished sending"));
    fit(ClientsModel::SinceColumn, QStringLiteral("00:00:00"));
    fit(ClientsModel::InColumn, QStringLiteral("999,999,999"));
    fit(ClientsModel::OutColumn, QStringLiteral("999,999,999"));
    fit(ClientsModel::MessagesColumn, QStringLiteral("99,999 / 99,999"));
    fit(ClientsModel::RateColumn, QStringLiteral("999.9 KiB/s / 0"));
    m_table->setToolTip(tr("Connected clients; the buttons below and the context menu (right click, Menu key, "
                           "Shift+F10) act on the selected ones"));
    // The mouse's context menu arrives at the viewport, the keyboard's (and its keys) at the table itself.
    m_table->installEventFilter(this);
    m_table->viewport()->installEventFilter(this);
}

void ClientsPanel::createActions()
{
    m_sendTo = new QAction(tr("Send to selected"), this);
    m_sendTo->setToolTip(tr("Send the composer's payload to the selected clients"));
    connect(m_sendTo, &QAction::triggered, this, &ClientsPanel::sendToSelectedRequested);
    m_disconnect = new QAction(tr("Disconnect"), this);
    m_disconnect->setToolTip(tr("Close the selected clients' connections: queued bytes, then FIN (Delete)"));
    m_disconnect->setShortcut(QKeySequence::Delete);
    connect(m_disconnect, &QAction::triggered, this, &ClientsPanel::disconnectSelected);
    m_abort = new QAction(tr("Abort (RST)"), this);
    m_abort->setToolTip(tr("Reset the selected clients' connections at once; queued bytes are discarded "
                           "(Shift+Delete)"));
    m_abort->setShortcut(QKeySequence(Qt::ShiftModifier | Qt::Key_Delete));
    connect(m_abort, &QAction::triggered, this, &ClientsPanel::abortSelected);
    for (QAction *action : {m_disconnect, m_abort}) {
        action->setShortcutContext(Qt::WidgetShortcut); // the keys mean this only in the table
        m_table->addAction(action);
    }
}

QWidget *ClientsPanel::createButtonRow()
{
    auto *row = new QWidget(this);
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    const std::pair<QAction *, QString> buttons[] = {{m_sendTo, QStringLiteral("sendToSelectedButton")},
                                                     {m_disconnect, QStringLiteral("disconnectClientButton")},
                                                     {m_abort, QStringLiteral("abortClientButton")}};
    for (const auto &[action, objectName] : buttons) {
        auto *button = new QToolButton(row);
        button->setDefaultAction(action);
        button->setObjectName(objectName);
        button->setAccessibleName(action->text());
        button->setFocusPolicy(Qt::StrongFocus);
        layout->addWidget(button);
    }
    layout->addStretch(1);
    return row;
}

bool ClientsPanel::hasOpenSelection() const
{
    // Range by range with an early exit: a selection of every row of a big table stays cheap.
    for (const QItemSelectionRange &range : m_table->selectionModel()->selection())
        for (int row = range.top(); row <= range.bottom(); ++row)
            if (m_model->isOpen(row))
                return true;
    return false;
}

void ClientsPanel::updateActions()
{
    const bool enabled = hasOpenSelection();
    for (QAction *action : {m_sendTo, m_disconnect, m_abort})
        action->setEnabled(enabled);
}

QList<core::ConnectionId> ClientsPanel::selectedOpenClients() const
{
    QList<core::ConnectionId> ids;
    for (const QModelIndex &index : m_table->selectionModel()->selectedRows())
        if (m_model->isOpen(index.row()))
            ids.append(m_model->idAt(index.row()));
    return ids;
}

void ClientsPanel::disconnectSelected()
{
    for (const core::ConnectionId id : selectedOpenClients()) {
        m_model->markClosing(id);
        m_server->disconnectClient(id);
    }
}

void ClientsPanel::abortSelected()
{
    for (const core::ConnectionId id : selectedOpenClients()) {
        m_model->markClosing(id);
        m_server->abortClient(id);
    }
}

bool ClientsPanel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_table->viewport() && event->type() == QEvent::ContextMenu) {
        showMenu(static_cast<QContextMenuEvent *>(event)->pos());
        return true;
    }
    if (watched == m_table) {
        const bool menuKey = [event] {
            if (event->type() != QEvent::KeyPress)
                return false;
            const auto *key = static_cast<QKeyEvent *>(event);
            return key->key() == Qt::Key_Menu || (key->key() == Qt::Key_F10 && key->modifiers() == Qt::ShiftModifier);
        }();
        if (menuKey || event->type() == QEvent::ContextMenu) {
            showMenuAtCurrentRow();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void ClientsPanel::showMenuAtCurrentRow()
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid()) {
        showMenu(QPoint(0, 0));
        return;
    }
    m_table->scrollTo(current);
    showMenu(m_table->visualRect(current).center());
}

void ClientsPanel::showMenu(const QPoint &viewportPosition)
{
    const QModelIndex index = m_table->indexAt(viewportPosition);
    // The menu's actions act on the row it opens at: a row outside the selection becomes the selection.
    // (Not selectRow(): it reads the keyboard's modifiers, and Shift+F10 would extend the selection.)
    if (index.isValid() && !m_table->selectionModel()->isRowSelected(index.row()))
        m_table->selectionModel()->select(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    QMenu menu(this);
    menu.addActions({m_sendTo, m_disconnect, m_abort});
    menu.addSeparator();
    if (index.isValid()) {
        const core::ConnectionId id = m_model->idAt(index.row());
        menu.addAction(tr("Show only #%1's traffic").arg(id), this, [this, id] { emit trafficFilterRequested(id); });
    }
    menu.addAction(tr("Show every client's traffic"), this, [this] { emit trafficFilterRequested(0); });
    menu.addAction(tr("Remove closed clients from the list"), m_model, &ClientsModel::removeClosed);
    menu.exec(m_table->viewport()->mapToGlobal(viewportPosition));
}

} // namespace ui
