// TabKinds: the registry of tab kinds the window can open. Each TabKind says what the New session menu and
// toolbar show (title, icon), how a tab of that kind is made (its factory) and what a saved session set
// writes for it (its settings value); the main window, its menus and the settings restore iterate the
// registry and know no kind by name. A new kind (a relay tab with two endpoints, a lookup or port-check tool
// with none) plugs in by registering: give its tab class a static tabKind() and add it to standard(), or
// hand MainWindow a registry of your own. UI thread only (the factories make widgets).
#pragma once

#include <QIcon>
#include <QString>

#include <functional>
#include <vector>

class QWidget;

namespace core {
class IoThread;
}

namespace ui {

class SessionTab;

struct TabKind
{
    using Factory = std::function<SessionTab *(core::IoThread &io, QWidget *parent)>;

    QString id;            // stable name for code and tests ("tcp-server"); never shown
    int settingsValue = 0; // what a saved tab's `kind` key holds: fixed once released, never reused
    QString title;         // the menu entry and a new tab's title, translated
    QIcon icon;            // beside the title in the menu; may be null
    Factory create;
};

class TabKinds
{
public:
    // TCP Server, TCP Client, UDP: the kinds a first start opens, in menu order.
    static TabKinds standard();

    // Appends `kind` to the menu order. Its id and settings value must be new (asserted).
    void add(TabKind kind);
    const std::vector<TabKind> &all() const { return m_kinds; }
    // nullptr when no registered kind has this id / settings value (a settings file from a newer build).
    const TabKind *find(const QString &id) const;
    const TabKind *findBySettingsValue(int value) const;

private:
    std::vector<TabKind> m_kinds;
};

} // namespace ui
