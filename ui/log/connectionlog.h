// ConnectionLog: the running story of a session — one timestamped line per event ("13:04:05.678  Accepted #7
// from 127.0.0.1:40312"), coloured by severity, plus notes the UI adds itself. It keeps the newest kMaxLines
// lines and says how many older ones it let go, follows the newest line until the user scrolls up, and
// copies the selected lines. A widget: UI thread only.
#pragma once

#include "core/session/sessionevent.h"
#include "core/codec/eventdescription.h"

#include <QSet>
#include <QWidget>

class QLabel;
class QListView;
class QPushButton;

namespace ui {

class PausedHint;

class ConnectionLogModel;

class ConnectionLog : public QWidget
{
    Q_OBJECT

public:
    using Severity = core::EventDescription::Severity;
    static constexpr int kMaxLines = 10'000;
    static constexpr int kSeverityRole = Qt::UserRole + 1; // int: Severity

    explicit ConnectionLog(QWidget *parent = nullptr);
    ~ConnectionLog() override;

    // Whether lines name connections by number ("You closed #7"): a server's log names the clients it saw
    // accepted; a client's or a UDP socket's has one connection, and says "the connection" (default: names).
    void setNamesConnections(bool names);

    // Adds the event's sentence, stamped with the event's own time; events without one (Received,
    // Written, those another line already says) are skipped. Lines reach the view together on the next
    // pass of the event loop; the accessors below see them at once.
    void append(const core::SessionEvent &event);
    // A line the UI itself has to say ("Sent 12 bytes to #7"), stamped now.
    void appendNote(Severity severity, const QString &text);
    void appendLine(qint64 timeUs, Severity severity, const QString &text);
    // One line per framing error, stamped with the time of the bytes that showed it; past
    // kMaxFramingLinesPerCall in one call, one line says how many more there were (a stream of garbage
    // must not push the whole story out of the log).
    static constexpr int kMaxFramingLinesPerCall = 20;
    void appendFramingErrors(const std::vector<core::MessageFramingError> &errors);
    void clear();

    int lineCount() const;
    QString lineText(int row) const;      // "13:04:05.678  Listening on 127.0.0.1:5000"
    Severity lineSeverity(int row) const;
    // Lines dropped from the top to stay within kMaxLines since the last clear().
    quint64 trimmedCount() const;

    bool isFollowingTail() const { return m_following; }
    int newLinesWhilePaused() const { return m_newWhilePaused; }
    QString selectedText() const; // the selected lines in order, each ending in '\n'
    QListView *view() const { return m_view; }

public slots:
    void copySelectedLines() const;
    void scrollToNewest();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void connectAutoScroll();
    void onScrollValueChanged(int value);
    void onLinesAdded(int count);
    void flush() const;
    void updatePausedHint();
    void updateTrimmedLabel();
    void showContextMenu(const QPoint &position);

    ConnectionLogModel *m_model = nullptr;
    core::EventContext m_context;
    bool m_namesConnections = true;
    QSet<core::ConnectionId> m_clients; // accepted and not yet closed: the connections named by number
    QListView *m_view = nullptr;
    QLabel *m_trimmedLabel = nullptr;
    PausedHint *m_pausedHint = nullptr;
    bool m_following = true;
    int m_newWhilePaused = 0;
};

} // namespace ui
