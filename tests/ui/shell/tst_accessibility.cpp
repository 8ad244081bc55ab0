// The window as assistive technology sees it, through Qt's accessibility API: every control named for its
// purpose (never by its value), every live label readable, and the hex panel following a traffic selection
// made the way a screen reader makes it. Real widgets on the offscreen platform.
#include "core/io/iothread.h"
#include "support/testpeers.h"
#include "support/translations.h"
#include "ui/hex/bytesource.h"
#include "ui/session/clientsmodel.h"
#include "ui/session/clientspanel.h"
#include "ui/compose/filesendpanel.h"
#include "ui/hex/hexpanel.h"
#include "ui/hex/hexlayout.h"
#include "ui/hex/hexview.h"
#include "ui/hex/hexviewaccessible.h"
#include "ui/shell/mainwindow.h"
#include "ui/session/servertab.h"
#include "ui/traffic/trafficfilter.h"
#include "ui/traffic/trafficview.h"
#include "ui/session/udptab.h"

#include <QAccessible>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QContextMenuEvent>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QProgressBar>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTemporaryFile>
#include <QTest>
#include <QTimer>
#include <QToolButton>

#include <memory>
#include <set>

using namespace ui;

namespace {

enum class SelectBy { SelectionModel, AccessibleTable, CurrentIndex };

// Roles a person operates: each needs a name that says what it is for.
const std::set<QAccessible::Role> kInteractiveRoles{
    QAccessible::Button,   QAccessible::CheckBox, QAccessible::RadioButton,    QAccessible::ComboBox,
    QAccessible::EditableText, QAccessible::SpinBox, QAccessible::Slider,     QAccessible::ButtonMenu,
    QAccessible::ButtonDropDown, QAccessible::Table, QAccessible::List,       QAccessible::Tree,
    QAccessible::PageTab};
// Containers whose children are cells or items: walking them would visit every row of a capture.
const std::set<QAccessible::Role> kItemContainers{QAccessible::Table, QAccessible::List, QAccessible::Tree};

QString describe(QAccessibleInterface *iface)
{
    const QString name = iface->text(QAccessible::Name);
    const QObject *object = iface->object();
    const QString kind = object ? QString::fromLatin1(object->metaObject()->className())
                                : QStringLiteral("role %1").arg(int(iface->role()));
    return name.isEmpty() ? QStringLiteral("[%1]").arg(kind) : QStringLiteral("“%1” [%2]").arg(name, kind);
}

// What a screen reader would fail to identify or read at this node; empty when all is well.
QString problemWith(QAccessibleInterface *iface)
{
    const QString name = iface->text(QAccessible::Name);
    QObject *object = iface->object();
    if (auto *combo = qobject_cast<QComboBox *>(object)) {
        // Over AT-SPI on Linux a combo box's name is its value whatever accessibleName says: only the
        // labelled-by relation (a buddy QLabel) identifies it.
        const auto labels = iface->relations(QAccessible::Label);
        const bool buddy = std::any_of(labels.begin(), labels.end(), [combo](const auto &relation) {
            const auto *label = qobject_cast<const QLabel *>(relation.first->object());
            return label && label->buddy() == combo && !label->text().isEmpty();
        });
        if (!buddy)
            return QStringLiteral("combo box without a buddy label");
        if (combo->accessibleName().isEmpty() || combo->accessibleName() == combo->currentText())
            return QStringLiteral("combo box named by its value “%1”").arg(combo->currentText());
        return {};
    }
    if (auto *label = qobject_cast<QLabel *>(object)) {
        if (!label->accessibleName().isEmpty() && !label->text().isEmpty() && label->accessibleName() != label->text())
            return QStringLiteral("live label whose name “%1” hides its text “%2”").arg(label->accessibleName(),
                                                                                      label->text());
        return {};
    }
    if (auto *progress = qobject_cast<QProgressBar *>(object)) {
        const QString text = progress->isTextVisible() ? progress->text() : QString();
        const bool readable = text.isEmpty() || name == text || iface->text(QAccessible::Description) == text
                              || iface->text(QAccessible::Value) == text;
        return readable ? QString() : QStringLiteral("progress text “%1” unreadable").arg(text);
    }
    if (!kInteractiveRoles.count(iface->role()))
        return {};
    if (name.trimmed().isEmpty())
        return QStringLiteral("no name");
    // A value that can stand in for a name: what was typed, a number. (Tables and lists echo their name.)
    const std::set<QAccessible::Role> valued{QAccessible::EditableText, QAccessible::SpinBox, QAccessible::Slider};
    if (!valued.count(iface->role()))
        return {};
    const auto *edit = qobject_cast<const QLineEdit *>(object);
    const QString value = edit ? edit->text() : iface->text(QAccessible::Value);
    if (!value.isEmpty() && name == value)
        return QStringLiteral("named by its value “%1”").arg(value);
    return {};
}

// A listening server tab with `count` QTcpSocket clients on loopback, their rows in the clients table.
struct ServerWithClients
{
    core::IoThread io;
    ServerTab tab{io};
    std::vector<std::unique_ptr<QTcpSocket>> clients;

    bool start(int count)
    {
        tab.show();
        QSignalSpy listening(tab.serverSession(), &core::TcpServerSession::listening);
        tab.toggleActive(); // 127.0.0.1, port 0
        if (!listening.wait(5000))
            return false;
        for (int i = 0; i < count; ++i) {
            clients.push_back(std::make_unique<QTcpSocket>());
            clients.back()->connectToHost(QHostAddress::LocalHost, tab.serverSession()->listenAddress().port());
            if (!clients.back()->waitForConnected(5000))
                return false;
        }
        return QTest::qWaitFor([this, count] { return tab.clientsModel()->rowCount() == count; }, 5000);
    }
    // The table row of the client whose socket is clients[index].
    int rowOf(size_t index) const
    {
        const QString port = QStringLiteral(":%1").arg(clients.at(index)->localPort());
        for (int row = 0; row < tab.clientsModel()->rowCount(); ++row)
            if (tab.clientsModel()->index(row, ClientsModel::PeerColumn).data().toString().endsWith(port))
                return row;
        return -1;
    }
    QToolButton *button(const char *name) const { return tab.findChild<QToolButton *>(QLatin1String(name)); }
};

// Accessibility events about one object, as a screen reader would receive them.
struct RecordedEvent
{
    QAccessible::Event type;
    QString text;  // TextUpdated: the new text
    int start = 0; // TextSelectionChanged: the range; TextCaretMoved: the caret
    int end = 0;
};
QObject *g_watched = nullptr;
QList<RecordedEvent> g_events;

void recordEvent(QAccessibleEvent *event)
{
    if (event->object() != g_watched)
        return;
    RecordedEvent recorded{event->type(), {}};
    if (event->type() == QAccessible::TextUpdated) {
        recorded.text = static_cast<QAccessibleTextUpdateEvent *>(event)->textInserted();
    } else if (event->type() == QAccessible::TextSelectionChanged) {
        recorded.start = static_cast<QAccessibleTextSelectionEvent *>(event)->selectionStart();
        recorded.end = static_cast<QAccessibleTextSelectionEvent *>(event)->selectionEnd();
    } else if (event->type() == QAccessible::TextCaretMoved) {
        recorded.start = static_cast<QAccessibleTextCursorEvent *>(event)->cursorPosition();
    }
    g_events.append(recorded);
}

qsizetype countOf(QAccessible::Event type)
{
    return std::count_if(g_events.begin(), g_events.end(), [type](const RecordedEvent &e) { return e.type == type; });
}

// A 16-bytes-per-row view of `bytes`, shown.
struct ShownHexView
{
    BufferByteSource source;
    HexView view;

    explicit ShownHexView(const QByteArray &bytes, QSize size = {720, 300})
        : source(bytes)
    {
        view.setSource(&source);
        view.resize(size);
        view.setBytesPerRow(16);
        view.show();
    }
    QAccessibleTextInterface *text()
    {
        QAccessibleInterface *iface = QAccessible::queryAccessibleInterface(&view);
        return iface ? iface->textInterface() : nullptr;
    }
    QString allText() { return text()->text(0, text()->characterCount()); }
};

void walk(QAccessibleInterface *iface, const QString &path, QStringList *problems)
{
    const QString here = path + QStringLiteral(" / ") + describe(iface);
    if (const QString problem = problemWith(iface); !problem.isEmpty())
        problems->append(here + QStringLiteral(": ") + problem);
    if (kItemContainers.count(iface->role()))
        return;
    for (int i = 0; i < iface->childCount(); ++i) {
        QAccessibleInterface *child = iface->child(i);
        // A combo box's popup list is named by the combo box.
        if (child && !(iface->role() == QAccessible::ComboBox && child->role() == QAccessible::List))
            walk(child, here, problems);
    }
}

QByteArray shownBytes(const HexPanel &panel)
{
    const ByteSource *source = panel.view()->source();
    return source ? source->read(0, source->size()) : QByteArray();
}

} // namespace

class tst_Accessibility : public QObject
{
    Q_OBJECT

private slots:
    void everyControlIsNamedAndEveryLabelReadable();
    void fileSendProgressIsReadable();
    void hexViewReadsAsPainted();
    void hexViewTextFollowsScrolling();
    void hexViewAnnouncesChangesThrottled();
    void hexPanelFollowsTheTrafficSelection_data();
    void hexPanelFollowsTheTrafficSelection();
    void clientButtonsDisconnectAndAbort();
    void clientMenuOpensFromTheKeyboardWithTheSameActions_data();
    void clientMenuOpensFromTheKeyboardWithTheSameActions();
};

void tst_Accessibility::everyControlIsNamedAndEveryLabelReadable()
{
    QTemporaryDir dir;
    core::IoThread io;
    QSettings settings(dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
    MainWindow window(io, settings);
    window.restoreSettings();
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QStringList problems;
    for (int i = 0; i < window.tabCount(); ++i) {
        window.tabs()->setCurrentIndex(i);
        SessionTab *tab = window.tab(i);
        // Live labels with something to say: the filter error and the row count.
        tab->traffic()->filter()->setContentFilter(QStringLiteral("zz"), TrafficFilter::ContentMode::Hex);
        walk(QAccessible::queryAccessibleInterface(tab), window.tabs()->tabText(i), &problems);
    }
    walk(QAccessible::queryAccessibleInterface(&window), QStringLiteral("window"), &problems);
    problems.removeDuplicates();
    for (const QString &problem : std::as_const(problems))
        qWarning("%s", qPrintable(problem)); // QVERIFY2 cuts a long message short
    QVERIFY2(problems.isEmpty(), qPrintable(QStringLiteral("%1 problem(s), the first: %2")
                                                .arg(problems.size())
                                                .arg(problems.value(0))));
}

void tst_Accessibility::hexPanelFollowsTheTrafficSelection_data()
{
    QTest::addColumn<SelectBy>("selectBy");
    QTest::newRow("selection model") << SelectBy::SelectionModel;
    QTest::newRow("accessible table selectRow") << SelectBy::AccessibleTable;
    QTest::newRow("current index (click, arrow keys)") << SelectBy::CurrentIndex;
}

void tst_Accessibility::hexPanelFollowsTheTrafficSelection()
{
    QFETCH(SelectBy, selectBy);
    core::IoThread io;
    UdpTab tab(io);
    const QList<QByteArray> payloads{"first", QByteArray("\x00\x01second", 8), "third"};
    for (const QByteArray &bytes : payloads) {
        core::CapturedChunk chunk;
        chunk.bytes = bytes;
        tab.session()->capture()->append(chunk);
    }
    tab.traffic()->refresh();
    QTableView *table = tab.traffic()->table();
    QCOMPARE(table->model()->rowCount(), 3);
    QSignalSpy shown(tab.traffic(), &TrafficView::currentChunkChanged);

    QAccessibleInterface *iface = QAccessible::queryAccessibleInterface(table);
    QVERIFY(iface && iface->tableInterface());
    for (const int row : {1, 2, 0}) {
        const QModelIndex index = table->model()->index(row, 0);
        if (selectBy == SelectBy::AccessibleTable)
            table->clearSelection(); // selectRow adds to an extended selection
        const qsizetype before = shown.size();
        switch (selectBy) {
        case SelectBy::SelectionModel:
            table->selectionModel()->select(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
            break;
        case SelectBy::AccessibleTable:
            QVERIFY(iface->tableInterface()->selectRow(row));
            break;
        case SelectBy::CurrentIndex:
            table->setCurrentIndex(index);
            break;
        }
        QVERIFY2(selectBy == SelectBy::CurrentIndex || !table->currentIndex().isValid(),
                 "the selection path must leave the current row alone");
        QCOMPARE(shownBytes(*tab.hexPanel()), payloads.at(row));
        QCOMPARE(shown.size(), before + 1); // once, though both the selection and the current row moved
        QCOMPARE(shown.last().at(0).toULongLong(), index.data(TrafficModel::ChunkRole).toULongLong());
    }
}

void tst_Accessibility::fileSendProgressIsReadable()
{
    QTemporaryFile file;
    QVERIFY(file.open());
    file.write(QByteArray(300 * 1024, 'x'));
    file.flush();
    FileSendPanel panel;
    QCOMPARE(panel.start(file.fileName()), QString());
    auto *progress = panel.findChild<QProgressBar *>(QStringLiteral("fileProgress"));
    QVERIFY(progress && !progress->text().isEmpty());
    QAccessibleInterface *iface = QAccessible::queryAccessibleInterface(progress);
    QCOMPARE(iface->text(QAccessible::Name), QStringLiteral("File sending progress"));
    // The bar's value is a bare number; its description and the unnamed label beside it read the whole line.
    auto *text = panel.findChild<QLabel *>(QStringLiteral("fileProgressText"));
    QVERIFY(text);
    QVERIFY(text->accessibleName().isEmpty());
    const QString line = text->toolTip(); // the label elides to its width; the tooltip is the whole line
    QCOMPARE(iface->text(QAccessible::Description), line); // "name: 0 bytes of 300 KiB (0%)"
    QVERIFY2(line.contains(QFileInfo(file.fileName()).fileName()), qPrintable(line));
    panel.cancel();
}

void tst_Accessibility::hexViewReadsAsPainted()
{
    ShownHexView shown(QByteArray("Hello, world!\x00\x01\xff" "0123456789abcdef" "XYZ", 35));
    QVERIFY(QTest::qWaitForWindowExposed(&shown.view));
    QAccessibleInterface *iface = QAccessible::queryAccessibleInterface(&shown.view);
    QCOMPARE(iface->role(), QAccessible::EditableText);
    QCOMPARE(iface->text(QAccessible::Name), QStringLiteral("Hex dump"));
    QVERIFY(iface->state().readOnly && iface->state().multiLine);
    QAccessibleTextInterface *text = shown.text();
    QVERIFY(text);
    // Offset, three spaces, sixteen bytes in two groups of eight, three spaces, the text ('.' unprintable);
    // the short last row keeps its text in the text column.
    const QString expected = QStringLiteral("00000000   48 65 6c 6c 6f 2c 20 77  6f 72 6c 64 21 00 01 ff   Hello, world!...\n"
                                            "00000010   30 31 32 33 34 35 36 37  38 39 61 62 63 64 65 66   0123456789abcdef\n"
                                            "00000020   58 59 5a")
                             + QString(43, QLatin1Char(' ')) + QStringLiteral("XYZ");
    QCOMPARE(shown.allText(), expected);
    const int stride = int(expected.indexOf(QLatin1Char('\n'))) + 1;

    // Each character sits where it is painted: byte 9's hex digits on its hex cell, its letter on its text cell.
    const HexLayout &layout = shown.view.layout();
    const int hscroll = shown.view.horizontalScrollBar()->value();
    const auto globalCell = [&](const HexLayout::Cell &cell) {
        return QRect(shown.view.viewport()->mapToGlobal(QPoint(cell.x - hscroll, cell.y)),
                     QSize(layout.charWidth(), layout.lineHeight()));
    };
    const int hexOf9 = 11 + 9 * 3 + 1, textOf9 = 62 + 9;
    QCOMPARE(text->text(hexOf9, hexOf9 + 2), QStringLiteral("72"));
    QCOMPARE(text->characterRect(hexOf9), globalCell(layout.hexCell(9, shown.view.firstVisibleRow())));
    QCOMPARE(text->text(textOf9, textOf9 + 1), QStringLiteral("r"));
    QCOMPARE(text->characterRect(textOf9), globalCell(layout.asciiCell(9, shown.view.firstVisibleRow())));
    QCOMPARE(text->offsetAtPoint(text->characterRect(stride + hexOf9).center()), stride + hexOf9);

    // The byte selection is the text selection (bytes 14–17 run across a row end), the cursor the caret.
    shown.view.setSelection(14, 4);
    int start = -1, end = -1;
    QCOMPARE(text->selectionCount(), 1);
    text->selection(0, &start, &end);
    QCOMPARE(start, 11 + 14 * 3 + 1);
    QCOMPARE(end, stride + 11 + 1 * 3 + 2);
    QCOMPARE(text->cursorPosition(), stride + 11 + 1 * 3);
    // And back: selecting characters selects the bytes they show; the caret selects its byte.
    text->setSelection(0, 11 + 2 * 3, 11 + 4 * 3 + 2);
    QCOMPARE(shown.view.selection(), (HexView::Selection{2, 3}));
    text->setCursorPosition(2 * stride + 62 + 1); // the 'Y'
    QCOMPARE(shown.view.selection(), (HexView::Selection{33, 1}));
    text->removeSelection(0);
    QCOMPARE(text->selectionCount(), 0);
}

void tst_Accessibility::hexViewTextFollowsScrolling()
{
    QByteArray bytes(1024 * 1024, Qt::Uninitialized);
    for (qsizetype i = 0; i < bytes.size(); ++i)
        bytes[i] = char(i % 256);
    ShownHexView shown(bytes);
    QVERIFY(QTest::qWaitForWindowExposed(&shown.view));
    shown.view.scrollToOffset(0x1000);
    const QString text = shown.allText();
    QVERIFY2(text.startsWith(QStringLiteral("00001000   00 01 02 03 04 05 06 07  08 09 0a 0b 0c 0d 0e 0f   ................\n"
                                            "00001010   10 11 12 13")),
             qPrintable(text.left(200)));
    // Only the rows in view: a megabyte formats as a page does.
    const HexLayout::RowRange rows = shown.view.visibleRows();
    QVERIFY(rows.count > 2 && rows.count < 100);
    QCOMPARE(text.count(QLatin1Char('\n')), rows.count - 1);
    // The last line is the last row in view.
    QCOMPARE(text.section(QLatin1Char('\n'), -1).left(8),
             QStringLiteral("%1").arg((0x100 + rows.count - 1) * 16, 8, 16, QLatin1Char('0')));
}

void tst_Accessibility::hexViewAnnouncesChangesThrottled()
{
    ShownHexView shown(QByteArray(4096, 'a'));
    QVERIFY(QTest::qWaitForWindowExposed(&shown.view));
    QVERIFY(shown.text()); // the interface exists before the changes, as when a screen reader runs
    g_watched = &shown.view;
    g_events.clear();
    // Offscreen there is no accessibility bridge, and QAccessible drops every event: catch them first.
    HexViewAccessible::setEventSink(recordEvent);

    // A burst of scrolling (as a flood following the tail would cause) is told once, after the interval.
    for (int row = 1; row <= 100; ++row)
        shown.view.scrollToOffset(row * 16);
    QCOMPARE(countOf(QAccessible::TextUpdated), 0); // nothing synchronously
    QTRY_COMPARE(countOf(QAccessible::TextUpdated), 1);
    QCOMPARE(g_events.last().text, shown.allText());
    QVERIFY(g_events.last().text.startsWith(QStringLiteral("00000640")));

    // Selecting from the keyboard: the selection and the caret, where the text says they are.
    g_events.clear();
    shown.view.setFocus();
    QTest::keyClick(&shown.view, Qt::Key_Right, Qt::ShiftModifier);
    QTRY_COMPARE(countOf(QAccessible::TextSelectionChanged), 1);
    int start = -1, end = -1;
    shown.text()->selection(0, &start, &end);
    const auto selected = std::find_if(g_events.begin(), g_events.end(), [](const RecordedEvent &e) {
        return e.type == QAccessible::TextSelectionChanged;
    });
    QCOMPARE(selected->start, start);
    QCOMPARE(selected->end, end);
    QCOMPARE(countOf(QAccessible::TextCaretMoved), 1);

    HexViewAccessible::setEventSink(nullptr);
    g_watched = nullptr;
}

void tst_Accessibility::clientButtonsDisconnectAndAbort()
{
    ServerWithClients server;
    QVERIFY(server.start(3));
    QTableView *table = server.tab.clientsTable();
    QToolButton *disconnect = server.button("disconnectClientButton");
    QToolButton *abort = server.button("abortClientButton");
    QToolButton *sendTo = server.button("sendToSelectedButton");
    QVERIFY(disconnect && abort && sendTo);
    for (QToolButton *button : {disconnect, abort, sendTo})
        QVERIFY2(!button->isEnabled(), "enabled with nothing selected");
    QSignalSpy closed(server.tab.serverSession(), &core::TcpServerSession::clientClosed);
    const auto select = [table](int row) {
        table->selectionModel()->select(table->model()->index(row, 0),
                                        QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    };

    // Disconnect: the peer reads FIN (a graceful close) and the row's actions go grey with it.
    const core::ConnectionId first = server.tab.clientsModel()->idAt(server.rowOf(0));
    select(server.rowOf(0));
    QVERIFY(disconnect->isEnabled() && abort->isEnabled() && sendTo->isEnabled());
    QSignalSpy firstGone(server.clients[0].get(), &QTcpSocket::disconnected);
    QTest::mouseClick(disconnect, Qt::LeftButton);
    QVERIFY(firstGone.wait(5000));
    QTRY_COMPARE(closed.size(), 1);
    QCOMPARE(closed.at(0).at(0).value<core::ConnectionId>(), first);
    QCOMPARE(closed.at(0).at(1).value<core::CloseReason>(), core::CloseReason::Graceful);
    QTRY_VERIFY2(!disconnect->isEnabled(), "the selected client is closed");

    // Abort: a reset, and only the selected client goes.
    const core::ConnectionId second = server.tab.clientsModel()->idAt(server.rowOf(1));
    select(server.rowOf(1));
    QTest::mouseClick(abort, Qt::LeftButton);
    QTRY_COMPARE(server.clients[1]->state(), QAbstractSocket::UnconnectedState);
    QTRY_COMPARE(closed.size(), 2);
    QCOMPARE(closed.at(1).at(0).value<core::ConnectionId>(), second);
    QCOMPARE(closed.at(1).at(1).value<core::CloseReason>(), core::CloseReason::Aborted);
    QCOMPARE(server.clients[2]->state(), QAbstractSocket::ConnectedState);

    // Send to selected: the composer now sends to the selection.
    select(server.rowOf(2));
    QTest::mouseClick(sendTo, Qt::LeftButton);
    QCOMPARE(server.tab.findChild<QComboBox *>(QStringLiteral("sendTarget"))->currentIndex(), 1);

    // Delete in the table disconnects, as the button's tooltip says.
    server.tab.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&server.tab));
    table->setFocus();
    QTest::keyClick(table, Qt::Key_Delete);
    QTRY_COMPARE(closed.size(), 3);
    QCOMPARE(closed.at(2).at(1).value<core::CloseReason>(), core::CloseReason::Graceful);
}

void tst_Accessibility::clientMenuOpensFromTheKeyboardWithTheSameActions_data()
{
    QTest::addColumn<int>("key");
    QTest::addColumn<Qt::KeyboardModifiers>("modifiers");
    QTest::newRow("Menu") << int(Qt::Key_Menu) << Qt::KeyboardModifiers();
    QTest::newRow("Shift+F10") << int(Qt::Key_F10) << Qt::KeyboardModifiers(Qt::ShiftModifier);
    QTest::newRow("right click") << 0 << Qt::KeyboardModifiers();
}

// The Menu key and Shift+F10 open the menu at the current row, as a right click opens it at the pointer.
void tst_Accessibility::clientMenuOpensFromTheKeyboardWithTheSameActions()
{
    QFETCH(int, key);
    QFETCH(Qt::KeyboardModifiers, modifiers);
    ServerWithClients server;
    QVERIFY(server.start(2));
    QTableView *table = server.tab.clientsTable();
    table->setFocus();
    const QModelIndex current = table->model()->index(1, 0);
    table->selectionModel()->setCurrentIndex(current, QItemSelectionModel::NoUpdate);
    QVERIFY(!table->selectionModel()->hasSelection());

    QList<QAction *> menuActions;
    QPoint menuPosition;
    QTimer::singleShot(0, this, [&] {
        if (auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget())) {
            menuActions = menu->actions();
            menuPosition = menu->pos();
            menu->close();
        }
    });
    if (key != 0) {
        QTest::keyClick(table, Qt::Key(key), modifiers);
    } else {
        const QPoint at = table->visualRect(current).center();
        QContextMenuEvent click(QContextMenuEvent::Mouse, at, table->viewport()->mapToGlobal(at));
        QCoreApplication::sendEvent(table->viewport(), &click);
    }
    QVERIFY2(!menuActions.isEmpty(), "no context menu opened");
    QCOMPARE(menuPosition, table->viewport()->mapToGlobal(table->visualRect(current).center()));
    QVERIFY2(table->selectionModel()->isRowSelected(1), "the menu acts on the row it opened at");
    // One action object each for the menu and the buttons, so both are enabled (and named) alike.
    for (const char *name : {"sendToSelectedButton", "disconnectClientButton", "abortClientButton"}) {
        QAction *action = server.button(name)->defaultAction();
        QVERIFY2(menuActions.contains(action), name);
        QVERIFY2(action->isEnabled(), name);
    }
}

QTEST_MAIN(tst_Accessibility)
#include "tst_accessibility.moc"
