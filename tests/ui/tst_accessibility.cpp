// The window as assistive technology sees it, through Qt's accessibility API: the hex panel following a
// traffic selection made the way a screen reader makes it. Real widgets on the offscreen platform.
#include "core/iothread.h"
#include "ui/bytesource.h"
#include "ui/hexpanel.h"
#include "ui/hexview.h"
#include "ui/trafficview.h"
#include "ui/udptab.h"

#include <QAccessible>
#include <QItemSelectionModel>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace ui;

namespace {

enum class SelectBy { SelectionModel, AccessibleTable, CurrentIndex };

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
    void hexPanelFollowsTheTrafficSelection_data();
    void hexPanelFollowsTheTrafficSelection();
};

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

QTEST_MAIN(tst_Accessibility)
#include "tst_accessibility.moc"
