#include "ui/widgets/elidedlabel.h"
#include "ui/shell/mainwindow.h"

#include "core/capture/captureexport.h"
#include "ui/log/connectionlog.h"
#include "ui/traffic/trafficmodel.h"
#include "ui/traffic/trafficview.h"

#include <QApplication>
#include <QCloseEvent>
#include <QFileDialog>
#include <QIcon>
#include <QInputDialog>
#include <QLabel>
#include <QListView>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>
#include <QScreen>
#include <QTabBar>
#include <QTabWidget>
#include <QThreadPool>
#include <QPointer>
#include <QToolBar>
#include <QToolButton>

namespace ui {

MainWindow::MainWindow(core::IoThread &io, QSettings &settings, QWidget *parent)
    : MainWindow(io, settings, TabKinds::standard(), parent)
{
}

MainWindow::MainWindow(core::IoThread &io, QSettings &settings, TabKinds kinds, QWidget *parent)
    : QMainWindow(parent)
    , m_io(io)
    , m_settings(settings)
    , m_kinds(std::move(kinds))
    , m_tabs(new QTabWidget(this))
    , m_status(new ElidedLabel(this))
{
    setWindowTitle(tr("Sockscope"));
    setWindowIcon(QIcon(QStringLiteral(":/sockscope.svg")));
    m_tabs->setObjectName(QStringLiteral("sessionTabs"));
    m_tabs->setAccessibleName(tr("Sessions"));
    m_tabs->setTabsClosable(true);
    m_tabs->setMovable(true);
    m_tabs->setDocumentMode(true);
    setCentralWidget(m_tabs);
    m_status->setObjectName(QStringLiteral("statusText"));
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    statusBar()->addWidget(m_status, 1);
    m_confirmClose = [this](const QString &title) {
        return QMessageBox::question(this, tr("Close session"),
                                     tr("“%1” is still live. Close it and its connections?").arg(title))
               == QMessageBox::Yes;
    };
    buildMenus();
    connect(m_tabs, &QTabWidget::tabCloseRequested, this, &MainWindow::closeSession);
    connect(m_tabs, &QTabWidget::currentChanged, this, &MainWindow::updateStatus);
    connect(m_tabs->tabBar(), &QTabBar::tabBarDoubleClicked, this, &MainWindow::askRename);
    // Counters can change 100 times a second; the status line follows at a calm 4 Hz.
    m_statusTimer.setInterval(250);
    m_statusTimer.setSingleShot(true);
    connect(&m_statusTimer, &QTimer::timeout, this, &MainWindow::updateStatus);
    // A first start fits the screen it opens on (a 1366×768 laptop too); later starts restore the geometry.
    const QRect available = screen()->availableGeometry();
    resize(qMin(1280, available.width() * 9 / 10), qMin(820, available.height() * 9 / 10));
}

MainWindow::~MainWindow() = default;

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    m_newSessionMenu = file->addMenu(tr("&New session"));
    m_newSessionMenu->setObjectName(QStringLiteral("newSessionMenu"));
    for (const TabKind &kind : m_kinds.all())
        m_newSessionMenu->addAction(kind.icon, kind.title, this, [this, id = kind.id] { addSession(id); });
    auto *newSession = new QAction(tr("New session…"), this);
    newSession->setObjectName(QStringLiteral("newSessionAction"));
    newSession->setShortcut(QKeySequence::AddTab);
    newSession->setToolTip(newSessionToolTip());
    newSession->setMenu(m_newSessionMenu);
    addAction(newSession);
    file->addAction(tr("&Save capture…"), QKeySequence::Save, this, &MainWindow::saveCapture);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(tr("&Copy"), QKeySequence::Copy, this, [] {
        // The focused view (traffic, hex, log) owns its copy; forward the shortcut to it.
        if (QWidget *focus = QApplication::focusWidget()) {
            QKeyEvent press(QEvent::KeyPress, Qt::Key_C, Qt::ControlModifier);
            QApplication::sendEvent(focus, &press);
        }
    });
    edit->addAction(tr("C&lear traffic and log"), QKeySequence(Qt::CTRL | Qt::Key_L), this, [this] {
        if (SessionTab *tab = currentTab())
            tab->clearTraffic();
    });

    QMenu *view = menuBar()->addMenu(tr("&View"));
    m_relativeTime = view->addAction(tr("&Relative time"));
    m_relativeTime->setObjectName(QStringLiteral("relativeTimeAction"));
    m_relativeTime->setToolTip(tr("Times in the traffic list relative to its first row"));
    m_hexData = view->addAction(tr("Data as &hex"));
    m_hexData->setObjectName(QStringLiteral("hexDataAction"));
    m_hexData->setToolTip(tr("Show the traffic list's Data column as hex bytes instead of escaped text"));
    m_wrapLog = view->addAction(tr("&Wrap log lines"));
    m_wrapLog->setObjectName(QStringLiteral("wrapLogAction"));
    for (QAction *option : {m_relativeTime, m_hexData, m_wrapLog}) {
        option->setCheckable(true);
        connect(option, &QAction::toggled, this, [this] {
            for (int i = 0; i < tabCount(); ++i)
                applyViewOptions(tab(i));
        });
    }
    view->addSeparator();
    QAction *toggle = view->addAction(tr("&Listen / connect / bind"), QKeySequence(Qt::Key_F5), this, [this] {
        if (SessionTab *tab = currentTab())
            tab->toggleActive();
    });
    toggle->setObjectName(QStringLiteral("toggleActiveAction"));

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Sockscope"), this, &MainWindow::showAbout);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);

    QToolBar *bar = addToolBar(tr("Sessions"));
    bar->setObjectName(QStringLiteral("sessionsToolBar"));
    bar->setMovable(false);
    bar->addAction(newSession);
    auto *button = qobject_cast<QToolButton *>(bar->widgetForAction(newSession));
    button->setPopupMode(QToolButton::InstantPopup);
    // Ctrl+T opens the kinds under the toolbar button; arrows and Enter pick one.
    connect(newSession, &QAction::triggered, this, [this, button] {
        m_newSessionMenu->popup(button->mapToGlobal(QPoint(0, button->height())));
    });
    bar->addAction(toggle);
    // The » button Qt adds when the toolbar overflows has no name of its own.
    if (auto *more = bar->findChild<QToolButton *>(QStringLiteral("qt_toolbar_ext_button")))
        more->setAccessibleName(tr("More toolbar actions"));
}

// "Open another TCP Server, TCP Client or UDP tab (Ctrl+T)": every registered kind, in menu order.
QString MainWindow::newSessionToolTip() const
{
    QStringList titles;
    for (const TabKind &kind : m_kinds.all())
        titles << kind.title;
    if (titles.size() < 2)
        return tr("Open another %1 tab (Ctrl+T)").arg(titles.value(0));
    const QString last = titles.takeLast();
    return tr("Open another %1 or %2 tab (Ctrl+T)").arg(titles.join(tr(", ")), last);
}

SessionTab *MainWindow::addSession(const QString &kindId, const QString &title)
{
    const TabKind *kind = m_kinds.find(kindId);
    if (!kind)
        return nullptr;
    SessionTab *session = kind->create(m_io, m_tabs);
    const int index = m_tabs->addTab(session, title.isEmpty() ? kind->title : title);
    m_tabs->tabBar()->setTabData(index, kind->id); // the tab's data moves with the tab
    m_tabs->setTabToolTip(index, tr("Double-click to rename"));
    connect(session, &SessionTab::statusChanged, this, [this, session] {
        if (session == currentTab() && !m_statusTimer.isActive())
            m_statusTimer.start();
    });
    // Listening, connected, bound or not: the status line says so at once, not at the next tick.
    connect(session, &SessionTab::liveChanged, this, [this, session] {
        if (session == currentTab())
            updateStatus();
    });
    applyViewOptions(session);
    m_tabs->setCurrentIndex(index);
    return session;
}

// What a tab was made without (a tool with a log and no traffic list) has nothing to apply.
void MainWindow::applyViewOptions(SessionTab *session) const
{
    if (TrafficView *traffic = session->traffic()) {
        traffic->setTimeFormat(m_relativeTime->isChecked() ? TrafficModel::TimeFormat::Relative
                                                           : TrafficModel::TimeFormat::Absolute);
        traffic->model()->setDataFormat(m_hexData->isChecked() ? TrafficModel::DataFormat::Hex
                                                               : TrafficModel::DataFormat::Text);
    }
    if (ConnectionLog *log = session->log())
        log->view()->setWordWrap(m_wrapLog->isChecked());
}

bool MainWindow::closeSession(int index)
{
    SessionTab *session = tab(index);
    if (!session)
        return false;
    if (session->isLive() && !m_confirmClose(m_tabs->tabText(index)))
        return false;
    m_tabs->removeTab(index);
    delete session; // its session is its child: sockets close on the I/O thread
    return true;
}

const TabKind *MainWindow::kindOf(int index) const
{
    if (index < 0 || index >= m_tabs->count())
        return nullptr;
    return m_kinds.find(m_tabs->tabBar()->tabData(index).toString());
}

SessionTab *MainWindow::currentTab() const
{
    return qobject_cast<SessionTab *>(m_tabs->currentWidget());
}

SessionTab *MainWindow::tab(int index) const
{
    return qobject_cast<SessionTab *>(m_tabs->widget(index));
}

int MainWindow::tabCount() const
{
    return m_tabs->count();
}

void MainWindow::renameSession(int index, const QString &title)
{
    if (index >= 0 && index < m_tabs->count() && !title.trimmed().isEmpty())
        m_tabs->setTabText(index, title.trimmed());
}

void MainWindow::askRename(int index)
{
    if (index < 0)
        return;
    bool ok = false;
    const QString title = QInputDialog::getText(this, tr("Rename session"), tr("Name:"), QLineEdit::Normal,
                                                m_tabs->tabText(index), &ok);
    if (ok)
        renameSession(index, title);
}

void MainWindow::updateStatus()
{
    const SessionTab *session = currentTab();
    m_status->setFullText(session ? session->statusText() : QString());
}

void MainWindow::saveCapture()
{
    SessionTab *session = currentTab();
    if (!session)
        return;
    const QString path = QFileDialog::getSaveFileName(this, tr("Save capture"), QString(),
                                                      tr("CSV (*.csv);;Raw received bytes (*.bin)"));
    if (path.isEmpty())
        return;
    // Writing up to the whole capture budget to disk is slow work: a pool thread does it (the store is
    // thread-safe), and the status bar reports when it is done.
    statusBar()->showMessage(tr("Saving capture to %1…").arg(path));
    QPointer<MainWindow> self(this);
    QThreadPool::globalInstance()->start([self, path, capture = session->session()->capture()] {
        const QString error = core::exportCapture(*capture, path);
        QMetaObject::invokeMethod(qApp, [self, path, error] {
            if (self)
                self->statusBar()->showMessage(error.isEmpty() ? tr("Capture saved to %1").arg(path) : error, 8000);
        });
    });
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About Sockscope"),
                       tr("<h3>Sockscope %1</h3><p>A desktop socket tester: TCP server, TCP client and UDP over "
                          "its own raw-socket core.</p><p>Built with Qt %2, running on Qt %3.</p>")
                           .arg(QApplication::applicationVersion(), QStringLiteral(QT_VERSION_STR),
                                QString::fromLatin1(qVersion())));
}

void MainWindow::saveSettings()
{
    m_settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    m_settings.setValue(QStringLiteral("window/state"), saveState());
    m_settings.setValue(QStringLiteral("window/currentTab"), m_tabs->currentIndex());
    m_settings.setValue(QStringLiteral("view/relativeTime"), m_relativeTime->isChecked());
    m_settings.setValue(QStringLiteral("view/hexData"), m_hexData->isChecked());
    m_settings.setValue(QStringLiteral("view/wrapLog"), m_wrapLog->isChecked());
    m_settings.remove(QStringLiteral("tabs"));
    m_settings.beginWriteArray(QStringLiteral("tabs"), tabCount());
    for (int i = 0; i < tabCount(); ++i) {
        m_settings.setArrayIndex(i);
        m_settings.setValue(QStringLiteral("kind"), kindOf(i)->settingsValue);
        m_settings.setValue(QStringLiteral("title"), m_tabs->tabText(i));
        tab(i)->saveState(m_settings);
    }
    m_settings.endArray();
}

void MainWindow::restoreSettings()
{
    restoreGeometry(m_settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(m_settings.value(QStringLiteral("window/state")).toByteArray());
    m_relativeTime->setChecked(m_settings.value(QStringLiteral("view/relativeTime"), false).toBool());
    m_hexData->setChecked(m_settings.value(QStringLiteral("view/hexData"), false).toBool());
    m_wrapLog->setChecked(m_settings.value(QStringLiteral("view/wrapLog"), false).toBool());
    const int count = m_settings.beginReadArray(QStringLiteral("tabs"));
    for (int i = 0; i < count; ++i) {
        m_settings.setArrayIndex(i);
        const TabKind *kind = m_kinds.findBySettingsValue(m_settings.value(QStringLiteral("kind")).toInt());
        if (!kind)
            continue; // a kind this build does not offer (a newer build's, or a damaged file)
        SessionTab *session = addSession(kind->id, m_settings.value(QStringLiteral("title")).toString());
        session->restoreState(m_settings);
    }
    m_settings.endArray();
    if (tabCount() == 0) {
        for (const TabKind &kind : m_kinds.all())
            addSession(kind.id);
    }
    m_tabs->setCurrentIndex(qBound(0, m_settings.value(QStringLiteral("window/currentTab")).toInt(), tabCount() - 1));
    updateStatus();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveSettings();
    event->accept();
}

} // namespace ui
