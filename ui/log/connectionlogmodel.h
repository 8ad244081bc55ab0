// ConnectionLogModel: the connection log's lines as a list model — a bounded deque of finished strings
// (time and sentence), so painting formats nothing. Lines appended while a session delivers its events wait
// for the next pass of the event loop and go in together: a delivery of 10,000 events is one insertion and
// at most one trim for the view, not 10,000. It keeps the newest ConnectionLog::kMaxLines and counts the
// rest. UI thread only.
#pragma once

#include "core/codec/eventdescription.h"

#include <QAbstractListModel>
#include <QTimer>

#include <deque>
#include <vector>

namespace ui {

class ConnectionLogModel : public QAbstractListModel
{
    Q_OBJECT

public:
    struct Line
    {
        core::EventDescription::Severity severity = core::EventDescription::Severity::Info;
        QString text; // time and sentence, as shown
    };

    explicit ConnectionLogModel(QObject *parent = nullptr);

    // Queues the line; it reaches the model on the next pass of the event loop, or at flush().
    void appendLater(Line line);
    // Inserts every queued line now (one beginInsertRows), then trims the oldest past the cap.
    void flush();
    void clear();
    void setDark(bool dark);

    const Line &line(int row) const { return m_lines[std::size_t(row)]; }
    quint64 trimmed() const { return m_trimmed; }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;

signals:
    void linesAdded(int count);

private:
    QVariant foreground(core::EventDescription::Severity severity) const;

    std::deque<Line> m_lines;
    std::vector<Line> m_pending; // appended, not yet inserted
    QTimer m_flushTimer;
    quint64 m_trimmed = 0;
    bool m_dark = false;
};

} // namespace ui
