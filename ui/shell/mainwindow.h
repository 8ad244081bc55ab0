// MainWindow: composes session tabs (TCP Server, TCP Client, UDP; more of any kind on demand), the menus,
// the toolbar and the status bar, and remembers every tab and the window layout across restarts.
// It holds no session logic: each tab is its own widget. UI thread only.
#pragma once

#include "ui/session/sessiontab.h"

#include <QMainWindow>
#include <QTimer>

#include <functional>

class QMenu;
class QSettings;
class QTabWidget;
class QLabel;

namespace core {
class IoThread;
}

namespace ui {

class ElidedLabel;

class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    // Asked before a live tab closes; returns whether to close. Tests replace the dialog.
    using CloseConfirmer = std::function<bool(const QString &tabTitle)>;

    MainWindow(core::IoThread &io, QSettings &settings, QWidget *parent = nullptr);
    ~MainWindow() override;

    SessionTab *addSession(SessionTab::Kind kind, const QString &title = {});
    bool closeSession(int index);
    SessionTab *currentTab() const;
    SessionTab *tab(int index) const;
    int tabCount() const;
    QTabWidget *tabs() const { return m_tabs; }
    void renameSession(int index, const QString &title);
    void setCloseConfirmer(CloseConfirmer confirmer) { m_confirmClose = std::move(confirmer); }

    void saveSettings();
    void restoreSettings();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildMenus();
    void updateStatus();
    void saveCapture();
    void showAbout();
    void askRename(int index);
    void applyViewOptions(SessionTab *session) const;

    core::IoThread &m_io;
    QSettings &m_settings;
    QTabWidget *m_tabs = nullptr;
    QMenu *m_newSessionMenu = nullptr;
    QAction *m_relativeTime = nullptr;
    QAction *m_hexData = nullptr;
    QAction *m_wrapLog = nullptr;
    ElidedLabel *m_status = nullptr;
    QTimer m_statusTimer;
    CloseConfirmer m_confirmClose;
};

} // namespace ui
