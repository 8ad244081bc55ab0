// TabKinds, the registry of tab kinds: the standard three in menu order with their titles and settings values,
// every registered kind opened through the window's New session menu (a kind registered by a test too, with
// no special case anywhere), and a saved session set that round-trips, in today's settings format.
#include "core/io/iothread.h"
#include "core/session/tcpclientsession.h"
#include "support/translations.h"
#include "ui/session/clienttab.h"
#include "ui/session/servertab.h"
#include "ui/session/tabkinds.h"
#include "ui/log/connectionlog.h"
#include "ui/session/udptab.h"
#include "ui/shell/mainwindow.h"
#include "ui/traffic/trafficview.h"

#include <QMenu>
#include <QSettings>
#include <QTabBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace ui;

namespace {

// A fourth kind, as a relay or a lookup tool would register: here a server tab under another name.
TabKind relayKind()
{
    return {QStringLiteral("relay"), 7, QStringLiteral("Relay"), {},
            [](core::IoThread &io, QWidget *parent) { return new ServerTab(io, parent); }};
}

// A tool with no traffic list, composer or hex panel (a lookup or port check): a log and its form only.
class LogOnlyTab : public SessionTab
{
public:
    LogOnlyTab(core::IoThread &io, QWidget *parent)
        : SessionTab(new core::TcpClientSession(io), Panel::Log, parent)
    {
        setEndpointForm(new QWidget(this));
    }
    bool isLive() const override { return false; }
    void toggleActive() override { ++toggled; }
    int toggled = 0;

protected:
    QString stateText() const override { return QStringLiteral("Nothing looked up"); }
};

TabKind lookupKind()
{
    return {QStringLiteral("lookup"), 8, QStringLiteral("Lookup"), {},
            [](core::IoThread &io, QWidget *parent) { return new LogOnlyTab(io, parent); }};
}

TabKinds withRelay()
{
    TabKinds kinds = TabKinds::standard();
    kinds.add(relayKind());
    return kinds;
}

QStringList kindIds(const MainWindow &window)
{
    QStringList ids;
    for (int i = 0; i < window.tabCount(); ++i)
        ids << (window.kindOf(i) ? window.kindOf(i)->id : QStringLiteral("(none)"));
    return ids;
}

QStringList titles(const MainWindow &window)
{
    QStringList result;
    for (int i = 0; i < window.tabCount(); ++i)
        result << window.tabs()->tabText(i);
    return result;
}

} // namespace

class tst_TabKinds : public QObject
{
    Q_OBJECT

private slots:
    void init() { m_dir = std::make_unique<QTemporaryDir>(); }
    void standardKindsInMenuOrder();
    void lookups();
    void everyKindFromTheNewSessionMenu_data();
    void everyKindFromTheNewSessionMenu();
    void firstStartOpensOneOfEachKind();
    void savedSessionSetRoundTrips();
    void settingsOfTodaysFormatLoad();
    void unknownKindIsSkipped();
    void aToolWithALogOnlyFits();

private:
    QString settingsPath() const { return m_dir->filePath(QStringLiteral("settings.ini")); }
    std::unique_ptr<QTemporaryDir> m_dir;
};

void tst_TabKinds::standardKindsInMenuOrder()
{
    const TabKinds kinds = TabKinds::standard();
    QCOMPARE(kinds.all().size(), std::size_t(3));
    const QStringList ids{kinds.all()[0].id, kinds.all()[1].id, kinds.all()[2].id};
    QCOMPARE(ids, (QStringList{ServerTab::kKindId, ClientTab::kKindId, UdpTab::kKindId}));
    const QStringList shown{kinds.all()[0].title, kinds.all()[1].title, kinds.all()[2].title};
    QCOMPARE(shown, (QStringList{QStringLiteral("TCP Server"), QStringLiteral("TCP Client"), QStringLiteral("UDP")}));
    // The values saved sessions have always held: changing one would lose every user's tabs.
    QCOMPARE(kinds.all()[0].settingsValue, 0);
    QCOMPARE(kinds.all()[1].settingsValue, 1);
    QCOMPARE(kinds.all()[2].settingsValue, 2);
}

void tst_TabKinds::lookups()
{
    const TabKinds kinds = withRelay();
    QVERIFY(kinds.find(QStringLiteral("relay")));
    QCOMPARE(kinds.find(QStringLiteral("relay"))->title, QStringLiteral("Relay"));
    QCOMPARE(kinds.findBySettingsValue(1)->id, ClientTab::kKindId);
    QCOMPARE(kinds.findBySettingsValue(7)->id, QStringLiteral("relay"));
    QVERIFY(!kinds.find(QStringLiteral("tls")));
    QVERIFY(!kinds.findBySettingsValue(3));
}

void tst_TabKinds::everyKindFromTheNewSessionMenu_data()
{
    QTest::addColumn<int>("position");
    const TabKinds kinds = withRelay();
    for (int i = 0; i < int(kinds.all().size()); ++i)
        QTest::newRow(qPrintable(kinds.all()[std::size_t(i)].id)) << i;
}

void tst_TabKinds::everyKindFromTheNewSessionMenu()
{
    QFETCH(int, position);
    core::IoThread io;
    QSettings settings(settingsPath(), QSettings::IniFormat);
    MainWindow window(io, settings, withRelay());
    const TabKind &kind = window.tabKinds().all()[std::size_t(position)];
    auto *menu = window.findChild<QMenu *>(QStringLiteral("newSessionMenu"));
    QVERIFY(menu);
    QCOMPARE(menu->actions().size(), int(window.tabKinds().all().size()));
    QAction *entry = menu->actions().at(position);
    QCOMPARE(entry->text(), kind.title);
    entry->trigger();
    QCOMPARE(window.tabCount(), 1);
    QVERIFY(window.tab(0));
    QCOMPARE(window.kindOf(0)->id, kind.id);
    QCOMPARE(window.tabs()->tabText(0), kind.title);
    QCOMPARE(window.currentTab(), window.tab(0));
    QVERIFY2(window.findChild<QAction *>(QStringLiteral("newSessionAction"))->toolTip().contains(kind.title),
             "the New session tooltip leaves a kind out");
}

void tst_TabKinds::firstStartOpensOneOfEachKind()
{
    core::IoThread io;
    QSettings settings(settingsPath(), QSettings::IniFormat);
    MainWindow window(io, settings, withRelay());
    window.restoreSettings();
    QCOMPARE(kindIds(window), (QStringList{ServerTab::kKindId, ClientTab::kKindId, UdpTab::kKindId,
                                           QStringLiteral("relay")}));
    QCOMPARE(window.findChild<QAction *>(QStringLiteral("newSessionAction"))->toolTip(),
             QStringLiteral("Open another TCP Server, TCP Client, UDP or Relay tab (Ctrl+T)"));
}

void tst_TabKinds::savedSessionSetRoundTrips()
{
    core::IoThread io;
    const QStringList ids{UdpTab::kKindId, QStringLiteral("relay"), ServerTab::kKindId, UdpTab::kKindId,
                          ClientTab::kKindId};
    const QStringList names{QStringLiteral("Sensors"), QStringLiteral("Relay"), QStringLiteral("PLC"),
                            QStringLiteral("UDP"), QStringLiteral("Web")};
    {
        QSettings settings(settingsPath(), QSettings::IniFormat);
        MainWindow window(io, settings, withRelay());
        for (int i = 0; i < ids.size(); ++i)
            QVERIFY(window.addSession(ids[i], i == 3 ? QString() : names[i]));
        window.tabs()->tabBar()->moveTab(4, 0); // the kind moves with its tab
        window.saveSettings();
        QCOMPARE(settings.value(QStringLiteral("tabs/1/kind")).toInt(), 1); // "Web", a TCP client, moved first
        QCOMPARE(settings.value(QStringLiteral("tabs/3/kind")).toInt(), 7);
    }
    QSettings settings(settingsPath(), QSettings::IniFormat);
    MainWindow window(io, settings, withRelay());
    window.restoreSettings();
    QCOMPARE(kindIds(window), (QStringList{ClientTab::kKindId, UdpTab::kKindId, QStringLiteral("relay"),
                                           ServerTab::kKindId, UdpTab::kKindId}));
    QCOMPARE(titles(window), (QStringList{QStringLiteral("Web"), QStringLiteral("Sensors"), QStringLiteral("Relay"),
                                          QStringLiteral("PLC"), QStringLiteral("UDP")}));
}

// An ini file as the code before the registry wrote it: `kind` is 0 (server), 1 (client) or 2 (UDP).
void tst_TabKinds::settingsOfTodaysFormatLoad()
{
    {
        QSettings written(settingsPath(), QSettings::IniFormat);
        written.beginWriteArray(QStringLiteral("tabs"), 3);
        const int kinds[] = {2, 0, 1};
        const char *names[] = {"Sensors", "PLC", "Web"};
        for (int i = 0; i < 3; ++i) {
            written.setArrayIndex(i);
            written.setValue(QStringLiteral("kind"), kinds[i]);
            written.setValue(QStringLiteral("title"), QString::fromLatin1(names[i]));
        }
        written.endArray();
        written.setValue(QStringLiteral("window/currentTab"), 2);
    }
    core::IoThread io;
    QSettings settings(settingsPath(), QSettings::IniFormat);
    MainWindow window(io, settings);
    window.restoreSettings();
    QCOMPARE(kindIds(window), (QStringList{UdpTab::kKindId, ServerTab::kKindId, ClientTab::kKindId}));
    QVERIFY(qobject_cast<UdpTab *>(window.tab(0)));
    QVERIFY(qobject_cast<ServerTab *>(window.tab(1)));
    QVERIFY(qobject_cast<ClientTab *>(window.tab(2)));
    QCOMPARE(titles(window), (QStringList{QStringLiteral("Sensors"), QStringLiteral("PLC"), QStringLiteral("Web")}));
    QCOMPARE(window.tabs()->currentIndex(), 2);
}

// A kind this build does not register (saved by a build that had it) is left out; the others load.
void tst_TabKinds::unknownKindIsSkipped()
{
    core::IoThread io;
    {
        QSettings settings(settingsPath(), QSettings::IniFormat);
        MainWindow window(io, settings, withRelay());
        window.addSession(QStringLiteral("relay"));
        window.addSession(UdpTab::kKindId);
        window.saveSettings();
    }
    QSettings settings(settingsPath(), QSettings::IniFormat);
    MainWindow window(io, settings);
    QVERIFY(!window.addSession(QStringLiteral("relay")));
    window.restoreSettings();
    QCOMPARE(kindIds(window), QStringList{UdpTab::kKindId});
}

// A kind made with only some panels opens, takes the window's commands and round-trips its settings; the
// window asks the tab for the panels it has, with no special case for the kind.
void tst_TabKinds::aToolWithALogOnlyFits()
{
    core::IoThread io;
    TabKinds kinds = TabKinds::standard();
    kinds.add(lookupKind());
    {
        QSettings settings(settingsPath(), QSettings::IniFormat);
        MainWindow window(io, settings, kinds);
        window.show();
        QVERIFY(window.addSession(QStringLiteral("lookup")));
        auto *tab = static_cast<LogOnlyTab *>(window.currentTab());
        QCOMPARE(tab->panels(), SessionTab::Panels(SessionTab::Panel::Log));
        QVERIFY(!tab->traffic());
        QVERIFY(!tab->composer());
        QVERIFY(!tab->hexPanel());
        QVERIFY(tab->log());
        QVERIFY(tab->findChildren<TrafficView *>().isEmpty());
        QVERIFY(tab->log()->isVisible());
        // The View options, F5 and Clear go to every tab through the same paths.
        for (QAction *action : window.findChildren<QAction *>()) {
            if (action->isCheckable() && action->text().startsWith(QLatin1Char('&')))
                action->trigger();
        }
        window.findChild<QAction *>(QStringLiteral("toggleActiveAction"))->trigger();
        QCOMPARE(tab->toggled, 1);
        tab->clearTraffic();
        QVERIFY(tab->statusText().startsWith(QStringLiteral("Nothing looked up")));
        window.saveSettings();
    }
    QSettings settings(settingsPath(), QSettings::IniFormat);
    MainWindow window(io, settings, kinds);
    window.restoreSettings();
    QCOMPARE(kindIds(window), QStringList{QStringLiteral("lookup")});
    QVERIFY(!window.tab(0)->traffic());
}

QTEST_MAIN(tst_TabKinds)
#include "tst_tabkinds.moc"
