// MainWindow: composes session tabs (one of each registered kind at first start, more of any kind on demand),
// the menus, the toolbar and the status bar, and remembers every tab and the window layout across restarts.
// It holds no session logic and knows no kind by name: each tab is its own widget, made by the factory of its
// kind in the TabKinds registry (ui/session/tabkinds.h). UI thread only.
#pragma once

#include "ui/session/sessiontab.h"
#include "ui/session/tabkinds.h"

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
    // With the kinds of tab the New session menu offers (in its order) instead of TabKinds::standard().
    MainWindow(core::IoThread &io, QSettings &settings, TabKinds kinds, QWidget *parent = nullptr);
    ~MainWindow() override;

    const TabKinds &tabKinds() const { return m_kinds; }
    // Opens a tab of the registered kind `kindId` (titled after the kind when `title` is empty) and makes it
    // current; nullptr for a kind not registered.
    SessionTab *addSession(const QString &kindId, const QString &title = {});
    // The kind the tab at `index` was made as; nullptr for no tab there.
    const TabKind *kindOf(int index) const;
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
    QString newSessionToolTip() const;
    void updateStatus();
    void saveCapture();
    void showAbout();
    void askRename(int index);
    void applyViewOptions(SessionTab *session) const;

    core::IoThread &m_io;
    QSettings &m_settings;
    TabKinds m_kinds;
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
