// MainWindow: the three starting tabs, new sessions from the menu, rename, the close-with-live-session
// prompt, F5, and settings that survive a restart. Real widgets on the offscreen platform.
#include "core/io/iothread.h"
#include "support/translations.h"
#include "ui/session/clienttab.h"
#include "ui/widgets/elidedlabel.h"
#include "ui/shell/mainwindow.h"
#include "ui/session/servertab.h"
#include "ui/session/udptab.h"
#include "core/capture/capturestore.h"
#include "ui/traffic/trafficmodel.h"
#include "ui/traffic/trafficview.h"

#include <QAbstractButton>
#include <QComboBox>
#include <QImage>
#include <QLineEdit>
#include <QAbstractSpinBox>
#include <QPlainTextEdit>
#include <QAbstractItemView>
#include <QMenu>
#include <QMenuBar>
#include <QSettings>
#include <QSignalSpy>
#include <QTabBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace ui;

class tst_MainWindow : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void startsWithThreeSessions();
    void newSessionFromTheMenu();
    void renameSession();
    void closingALiveSessionAsksFirst();
    void f5TogglesTheCurrentSession();
    void settingsSurviveARestart();
    void viewOptionsApplyToEveryTab();
    void everyControlHasANameAndATooltip();
    void ctrlLClearsAndTheStatusSaysWhatWasDropped();
    void statusLineFollowsAtOnceAndElides();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString settingsPath() const { return m_dir->filePath(QStringLiteral("settings.ini")); }
};

void tst_MainWindow::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
}

void tst_MainWindow::startsWithThreeSessions()
{
    core::IoThread io;
    QSettings settings(settingsPath(), QSettings::IniFormat);
    MainWindow window(io, settings);
    window.restoreSettings();
    QCOMPARE(window.tabCount(), 3);
    QCOMPARE(window.kindOf(0)->id, ServerTab::kKindId);
    QCOMPARE(window.kindOf(1)->id, ClientTab::kKindId);
    QCOMPARE(window.kindOf(2)->id, UdpTab::kKindId);
    QCOMPARE(window.tabs()->tabText(0), QStringLiteral("TCP Server"));
    QCOMPARE(window.tabs()->tabText(1), QStringLiteral("TCP Client"));
    QCOMPARE(window.tabs()->tabText(2), QStringLiteral("UDP"));
    // The icon is drawn from the compiled-in SVG (needs Qt's SVG image plugin, installed by install-deps).
    const QImage icon = window.windowIcon().pixmap(32, 32).toImage();
    QVERIFY2(!icon.isNull() && qAlpha(icon.pixel(16, 16)) > 0, "the window icon did not render");
}

void tst_MainWindow::newSessionFromTheMenu()
{
    core::IoThread io;
    QSettings settings(settingsPath(), QSettings::IniFormat);
    MainWindow window(io, settings);
    window.restoreSettings();
    auto *menu = window.findChild<QMenu *>(QStringLiteral("newSessionMenu"));
    QVERIFY(menu);
    QCOMPARE(menu->actions().size(), 3);
    menu->actions().at(1)->trigger(); // TCP Client
    QCOMPARE(window.tabCount(), 4);
    QCOMPARE(window.kindOf(3)->id, ClientTab::kKindId);
    QCOMPARE(window.currentTab(), window.tab(3));
    // Ctrl+T is the new-session shortcut.
    auto *action = window.findChild<QAction *>(QStringLiteral("newSessionAction"));
    QVERIFY(action);
    QCOMPARE(action->shortcut(), QKeySequence(QKeySequence::AddTab));
    QCOMPARE(action->toolTip(), QStringLiteral("Open another TCP Server, TCP Client or UDP tab (Ctrl+T)"));
}

void tst_MainWindow::renameSession()
{
    core::IoThread io;
    QSettings settings(settingsPath(), QSettings::IniFormat);
    MainWindow window(io, settings);
    window.restoreSettings();
    window.renameSession(1, QStringLiteral("  PLC link  "));
    QCOMPARE(window.tabs()->tabText(1), QStringLiteral("PLC link"));
    window.renameSession(1, QStringLiteral("   "));
    QCOMPARE(window.tabs()->tabText(1), QStringLiteral("PLC link"));
}

void tst_MainWindow::closingALiveSessionAsksFirst()
{
    core::IoThread io;
    QSettings settings(settingsPath(), QSettings::IniFormat);
    MainWindow window(io, settings);
    window.restoreSettings();
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QStringList asked;
    bool answer = false;
    window.setCloseConfirmer([&](const QString &title) {
        asked.append(title);
        return answer;
    });
    auto *server = static_cast<ServerTab *>(window.tab(0));
    QSignalSpy listening(server->serverSession(), &core::TcpServerSession::listening);
    QTest::mouseClick(server->findChild<QAbstractButton *>(QStringLiteral("listenButton")), Qt::LeftButton);
    QVERIFY(listening.wait(5000));
    QVERIFY(server->isLive());

    QWidget *closeButton = window.tabs()->tabBar()->tabButton(0, QTabBar::RightSide);
    QVERIFY(closeButton);
    QTest::mouseClick(closeButton, Qt::LeftButton);
    QCOMPARE(asked, QStringList{QStringLiteral("TCP Server")});
    QCOMPARE(window.tabCount(), 3); // "no": the tab stays, still listening
    QVERIFY(server->isLive());

    answer = true;
    QTest::mouseClick(window.tabs()->tabBar()->tabButton(0, QTabBar::RightSide), Qt::LeftButton);
    QCOMPARE(window.tabCount(), 2);
    QCOMPARE(window.kindOf(0)->id, ClientTab::kKindId);

    // An idle session closes without a question.
    QTest::mouseClick(window.tabs()->tabBar()->tabButton(0, QTabBar::RightSide), Qt::LeftButton);
    QCOMPARE(asked.size(), 2);
    QCOMPARE(window.tabCount(), 1);
}

void tst_MainWindow::f5TogglesTheCurrentSession()
{
    core::IoThread io;
    QSettings settings(settingsPath(), QSettings::IniFormat);
    MainWindow window(io, settings);
    window.restoreSettings();
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.tabs()->setCurrentIndex(2);
    auto *udp = static_cast<UdpTab *>(window.tab(2));
    QSignalSpy bound(udp->udpSession(), &core::UdpSession::bound);
    QTest::keyClick(&window, Qt::Key_F5);
    QVERIFY(bound.wait(5000));
    QVERIFY(udp->isLive());
    QSignalSpy unbound(udp->udpSession(), &core::UdpSession::unbound);
    QTest::keyClick(&window, Qt::Key_F5);
    QCOMPARE(unbound.size(), 1);
    QVERIFY(!udp->isLive());
}

void tst_MainWindow::settingsSurviveARestart()
{
    core::IoThread io;
    {
        QSettings settings(settingsPath(), QSettings::IniFormat);
        MainWindow window(io, settings);
        window.restoreSettings();
        window.addSession(UdpTab::kKindId, QStringLiteral("Sensor feed"));
        auto *client = window.tab(1);
        client->findChild<QComboBox *>(QStringLiteral("host"))->setEditText(QStringLiteral("localhost"));
        client->findChild<QLineEdit *>(QStringLiteral("port"))->setText(QStringLiteral("5020"));
        window.tab(0)->findChild<QLineEdit *>(QStringLiteral("port"))->setText(QStringLiteral("7000"));
        window.tab(3)->findChild<QLineEdit *>(QStringLiteral("targetPort"))->setText(QStringLiteral("1234"));
        window.tabs()->setCurrentIndex(1);
        window.saveSettings();
    }
    QSettings settings(settingsPath(), QSettings::IniFormat);
    MainWindow window(io, settings);
    window.restoreSettings();
    QCOMPARE(window.tabCount(), 4);
    QCOMPARE(window.tabs()->tabText(3), QStringLiteral("Sensor feed"));
    QCOMPARE(window.kindOf(3)->id, UdpTab::kKindId);
    QCOMPARE(window.tabs()->currentIndex(), 1);
    QCOMPARE(window.tab(1)->findChild<QComboBox *>(QStringLiteral("host"))->currentText(), QStringLiteral("localhost"));
    QCOMPARE(window.tab(1)->findChild<QLineEdit *>(QStringLiteral("port"))->text(), QStringLiteral("5020"));
    QCOMPARE(window.tab(0)->findChild<QLineEdit *>(QStringLiteral("port"))->text(), QStringLiteral("7000"));
    QCOMPARE(window.tab(3)->findChild<QLineEdit *>(QStringLiteral("targetPort"))->text(), QStringLiteral("1234"));
}

void tst_MainWindow::viewOptionsApplyToEveryTab()
{
    core::IoThread io;
    QSettings settings(settingsPath(), QSettings::IniFormat);
    MainWindow window(io, settings);
    window.restoreSettings();
    core::CapturedChunk chunk;
    chunk.bytes = "Hi\r\n";
    window.tab(0)->session()->capture()->append(chunk);
    TrafficModel *model = window.tab(0)->traffic()->model();
    model->refresh();
    QCOMPARE(model->index(0, TrafficModel::DataColumn).data().toString(), QStringLiteral("Hi\\r\\n"));
    window.findChild<QAction *>(QStringLiteral("hexDataAction"))->trigger();
    QCOMPARE(model->index(0, TrafficModel::DataColumn).data().toString(), QStringLiteral("48 69 0d 0a"));
    // A tab opened later follows the option too, and the option survives a restart.
    SessionTab *later = window.addSession(UdpTab::kKindId);
    QCOMPARE(later->traffic()->model()->dataFormat(), TrafficModel::DataFormat::Hex);
    window.saveSettings();
    MainWindow again(io, settings);
    again.restoreSettings();
    QCOMPARE(again.tab(0)->traffic()->model()->dataFormat(), TrafficModel::DataFormat::Hex);
}

void tst_MainWindow::everyControlHasANameAndATooltip()
{
    core::IoThread io;
    QSettings settings(settingsPath(), QSettings::IniFormat);
    MainWindow window(io, settings);
    window.restoreSettings();
    QStringList missing;
    for (int i = 0; i < window.tabCount(); ++i) {
        const auto controls = window.tab(i)->findChildren<QWidget *>();
        for (QWidget *control : controls) {
            const bool interactive = qobject_cast<QAbstractButton *>(control) || qobject_cast<QComboBox *>(control)
                                     || qobject_cast<QAbstractSpinBox *>(control)
                                     || qobject_cast<QAbstractItemView *>(control)
                                     || qobject_cast<QPlainTextEdit *>(control)
                                     || (qobject_cast<QLineEdit *>(control) && !qobject_cast<QComboBox *>(control->parent())
                                         && !qobject_cast<QAbstractSpinBox *>(control->parent()));
            // Popups (a combo box's list) are windows of their own, named by their combo box.
            if (!interactive || control->focusPolicy() == Qt::NoFocus || control->window() != &window)
                continue;
            if (control->accessibleName().isEmpty() || control->toolTip().isEmpty())
                missing.append(QStringLiteral("%1: %2 (%3)").arg(window.tabs()->tabText(i),
                                                                 QString::fromLatin1(control->metaObject()->className()),
                                                                 control->objectName()));
        }
    }
    QVERIFY2(missing.isEmpty(), qPrintable(missing.join(QLatin1Char('\n'))));
}

void tst_MainWindow::ctrlLClearsAndTheStatusSaysWhatWasDropped()
{
    core::IoThread io;
    QSettings settings(settingsPath(), QSettings::IniFormat);
    MainWindow window(io, settings);
    window.restoreSettings();
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    SessionTab *tab = window.currentTab();
    auto capture = tab->session()->capture();
    capture->setBudget(4 * core::CaptureStore::costOf(1024));
    for (int i = 0; i < 10; ++i) {
        core::CapturedChunk chunk;
        chunk.bytes = QByteArray(1024, 'x');
        capture->append(chunk);
    }
    QTRY_COMPARE(tab->traffic()->model()->rowCount(), 4);
    QVERIFY2(tab->statusText().contains(QStringLiteral("capture 4.0 KiB kept, 6.0 KiB dropped (counters stay exact)")),
             qPrintable(tab->statusText()));
    QTest::keyClick(&window, Qt::Key_L, Qt::ControlModifier);
    QCOMPARE(tab->traffic()->model()->rowCount(), 0);
    QCOMPARE(capture->stats().keptChunks, quint64(0));
}

// The status line says "Not listening" / "Not bound" as soon as the session stops (not at the next 4 Hz
// refresh), and a window too narrow for it shows an elided line with the whole text in its tooltip.
void tst_MainWindow::statusLineFollowsAtOnceAndElides()
{
    core::IoThread io;
    QSettings settings(settingsPath(), QSettings::IniFormat);
    MainWindow window(io, settings);
    window.restoreSettings();
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *status = window.findChild<ElidedLabel *>(QStringLiteral("statusText"));
    QVERIFY(status);
    for (int index : {0, 2}) {
        window.tabs()->setCurrentIndex(index);
        SessionTab *tab = window.tab(index);
        QSignalSpy live(tab, &SessionTab::liveChanged);
        QTest::keyClick(&window, Qt::Key_F5);
        QVERIFY(live.wait(5000));
        QVERIFY2(!status->fullText().startsWith(QStringLiteral("Not ")), qPrintable(status->fullText()));
        tab->toggleActive();
        QTRY_COMPARE(live.size(), 2);
        // No QTRY here: the line must already say it when the session reports the change.
        QVERIFY2(status->fullText().startsWith(index == 0 ? QStringLiteral("Not listening") : QStringLiteral("Not bound")),
                 qPrintable(status->fullText()));
        QCOMPARE(status->fullText(), tab->statusText());
    }
    // Elision, on a label narrower than the line (the window's own minimum width is wider than this).
    ElidedLabel narrow;
    narrow.setFullText(status->fullText());
    narrow.resize(200, narrow.sizeHint().height());
    narrow.show();
    QTRY_VERIFY2(narrow.text().endsWith(QChar(0x2026)), qPrintable(narrow.text()));
    QCOMPARE(narrow.toolTip(), status->fullText());
    QCOMPARE(narrow.accessibleDescription(), status->fullText());
    QVERIFY(status->fullText().startsWith(narrow.text().chopped(1)));
    narrow.resize(4000, narrow.height());
    QTRY_COMPARE(narrow.text(), status->fullText());
    QCOMPARE(narrow.accessibleDescription(), QString()); // nothing cut: the text says it all
}

QTEST_MAIN(tst_MainWindow)
#include "tst_mainwindow.moc"
