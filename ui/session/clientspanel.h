// ClientsPanel: the server tab's clients table and what a person does with the selected clients — send to
// them, disconnect (FIN after queued bytes), abort (RST) — as buttons under the table and as items of its
// context menu. One QAction each backs both, so they are enabled together: while an open client is
// selected. The menu opens with a right click, or at the current row with the Menu key or Shift+F10; the
// actions also answer Delete and Shift+Delete in the table. The buttons make the actions reachable where a
// popup menu is not (screen readers, test drivers). A widget: UI thread only.
#pragma once

#include "core/session/sessionevent.h"

#include <QWidget>

class QAction;
class QTableView;

namespace core {
class TcpServerSession;
}

namespace ui {

class ClientsModel;

class ClientsPanel : public QWidget
{
    Q_OBJECT

public:
    // The session and the model must outlive the panel (the server tab owns all three).
    ClientsPanel(core::TcpServerSession *server, ClientsModel *model, QWidget *parent = nullptr);

    QTableView *table() const { return m_table; }
    QAction *sendToSelectedAction() const { return m_sendTo; }
    QAction *disconnectAction() const { return m_disconnect; }
    QAction *abortAction() const { return m_abort; }
    // The open clients among the selected rows, in row order.
    QList<core::ConnectionId> selectedOpenClients() const;

signals:
    // "Send to selected": the tab points its composer at the selected clients.
    void sendToSelectedRequested();
    // Narrow the tab's traffic to one client; 0 shows every client's again.
    void trafficFilterRequested(core::ConnectionId client);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void createTable();
    void createActions();
    QWidget *createButtonRow();
    void updateActions();
    bool hasOpenSelection() const;
    void disconnectSelected();
    void abortSelected();
    void showMenuAtCurrentRow();
    void showMenu(const QPoint &viewportPosition);

    core::TcpServerSession *m_server;
    ClientsModel *m_model;
    QTableView *m_table = nullptr;
    QAction *m_sendTo = nullptr;
    QAction *m_disconnect = nullptr;
    QAction *m_abort = nullptr;
};

} // namespace ui
