// TrafficView: the traffic list every tab shows — a filter bar over a table of captured chunks. It adds rows
// as the tab's CaptureFeed ticks (it runs no timer of its own), follows the newest row until
// the user scrolls up, and offers a button back to the end that counts what arrived meanwhile. Copies rows
// as tab-separated text and payloads as hex, and reports the current chunk so the tab can show it in the
// hex view. A widget: UI thread only.
#pragma once

#include "ui/traffic/trafficfilter.h"
#include "ui/traffic/trafficmodel.h"

#include <QWidget>

class QItemSelection;
class QTableView;

namespace ui {

class PausedHint;
class TrafficFilterBar;

class TrafficView : public QWidget
{
    Q_OBJECT

public:
    explicit TrafficView(QWidget *parent = nullptr);

    // Shows the feed's capture and follows its ticks; the feed belongs to the caller (the tab's, shared with
    // the other panels). Whoever clears the feed clears the list too.
    void setFeed(CaptureFeed *feed);
    CaptureFeed *feed() const { return m_model->feed(); }
    // Shows only this connection's traffic (0: all) and shows a button that lifts the restriction.
    void setConnectionFilter(core::ConnectionId connection);
    void setTimeFormat(TrafficModel::TimeFormat format);
    // Empties the capture store (through the feed: every panel of the tab hears it) and the list.
    void clear();

    TrafficModel *model() const { return m_model; }
    TrafficFilter *filter() const { return m_filter; }
    QTableView *table() const { return m_table; }

    // True while the list follows the newest row; false once the user scrolled away from the bottom.
    bool isFollowingTail() const { return m_following; }
    // Rows that arrived (and passed the filter) since auto-scroll paused.
    int newRowsWhilePaused() const { return m_newWhilePaused; }
    // The visible rows' text, tab-separated with a header line; the Data column is the whole payload
    // escaped (never cut), so a copy loses nothing.
    QString selectedRowsText() const;
    // One line of lowercase hex per selected row.
    QString selectedRowsHex() const;

public slots:
    // Ticks the feed now instead of waiting for its timer; tests call it.
    void refresh();
    void copySelectedRows() const;
    void copySelectedHex() const;
    void scrollToNewest();

signals:
    // The chunk to show in the hex view: the current row's when it is selected (or nothing is), else the row
    // selected last — selecting through accessibility changes the selection, not the current row. 0: none.
    void currentChunkChanged(quint64 seq);
    void chunkActivated(quint64 seq);      // double click or Enter on a row

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void createTable();
    void connectAutoScroll();
    void onFilterChanged();
    void onScrollValueChanged(int value);
    void onRowsInserted(int first, int last);
    void onRowsRemoved(int first, int last);
    void updateShownChunk(const QItemSelection &justSelected);
    void updatePausedHint();
    void showContextMenu(const QPoint &position);
    void chooseCurrentBeforeFocus();
    QList<int> selectedSourceRows() const;
    quint64 seqAt(const QModelIndex &proxyIndex) const;

    TrafficModel *m_model = nullptr;
    TrafficFilter *m_filter = nullptr;
    TrafficFilterBar *m_filterBar = nullptr;
    QTableView *m_table = nullptr;
    PausedHint *m_pausedHint = nullptr;
    bool m_following = true;
    int m_newWhilePaused = 0;
    quint64 m_currentSeq = 0;
};

} // namespace ui
