// TrafficModel: one table row per captured chunk of a session (time, direction, peer, length, a one-line
// preview), mirroring what the session's CaptureStore keeps. The store has no signals, so the owner calls
// refresh() on a timer: each call copies at most kMaxRowsPerRefresh new chunks (a flood is shown over several
// refreshes instead of freezing the UI once) and drops from the front the rows whose chunks the store's
// budget pushed out, so the model never holds more than the store does.
// UI thread only (the store itself is thread-safe and is filled by an I/O thread).
#pragma once

#include "core/capture/capturestore.h"

#include <QAbstractTableModel>
#include <QColor>
#include <QFont>

#include <deque>
#include <memory>

class QPalette;

namespace ui {

class TrafficModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column : int { TimeColumn, DirectionColumn, PeerColumn, LengthColumn, DataColumn, ColumnCount };
    enum Role : int {
        ChunkRole = Qt::UserRole + 1, // quint64: the chunk's seq in the store
        ConnectionRole,               // quint64: core::ConnectionId
        DirectionRole,                // int: core::Direction
        BytesRole,                    // QByteArray: the whole payload
    };
    enum class TimeFormat : quint8 {
        Absolute, // "13:04:05.678", local time
        Relative, // "+12.345678 s" since the first chunk this model saw after setCapture() or clear()
    };

    static constexpr std::size_t kMaxRowsPerRefresh = 10'000;
    static constexpr qsizetype kPreviewChars = 160;     // the Data column
    static constexpr qsizetype kTooltipBytes = 1024;    // the Data tooltip shows this much...
    static constexpr qsizetype kTooltipBytesPerLine = 64; // ...cut into lines of this many bytes

    explicit TrafficModel(QObject *parent = nullptr);

    // Replaces the rows with the store's current chunks (the first kMaxRowsPerRefresh of them; the rest
    // arrive with the next refreshes). nullptr shows nothing.
    void setCapture(std::shared_ptr<core::CaptureStore> store);
    std::shared_ptr<core::CaptureStore> capture() const { return m_store; }

    // Drops the rows of chunks the store no longer keeps, then appends up to kMaxRowsPerRefresh new ones.
    // Costs two short store locks when nothing changed. Returns true when rows were added or removed.
    bool refresh();
    // Empties the store and the model, and restarts relative time at the next chunk.
    void clear();
    // Chunks the store holds that the next refreshes will add.
    quint64 pendingChunks() const;

    void setTimeFormat(TimeFormat format);
    TimeFormat timeFormat() const { return m_timeFormat; }
    // The Data column as an escaped text preview ("Hi\r\n") or as hex bytes ("48 69 0d 0a").
    enum class DataFormat : quint8 { Text, Hex };
    void setDataFormat(DataFormat format);
    DataFormat dataFormat() const { return m_dataFormat; }
    // Picks direction colours that read well on this palette's base colour (light or dark).
    void setPalette(const QPalette &palette);

    // row must be in [0, rowCount()).
    const core::CapturedChunk &chunkAt(int row) const { return m_rows[std::size_t(row)]; }
    // The row showing chunk `seq`, or -1 when it is not (or no longer) in the model.
    int rowOfSeq(quint64 seq) const;

    QString timeText(const core::CapturedChunk &chunk) const;
    static QString directionText(core::Direction direction);
    // The Data column's text for a whole payload, without the display cap (what a copy should carry).
    static QString fullPreview(const QByteArray &bytes);

    // Clipboard text for these rows, in the order given. As tab-separated values with a header line, the
    // Data column carrying the whole payload escaped (never cut, and free of tabs and newlines); as hex, one
    // line of lowercase hex per row. Both end in '\n'; no rows give an empty string.
    QString rowsAsText(const QList<int> &rows) const;
    QString rowsAsHex(const QList<int> &rows) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    bool dropForgottenRows();
    bool dropRowsBelow(quint64 seq);
    bool appendNewRows();
    QVariant displayData(const core::CapturedChunk &chunk, int column) const;
    QString tooltipText(const QByteArray &bytes) const;

    std::shared_ptr<core::CaptureStore> m_store;
    std::deque<core::CapturedChunk> m_rows; // consecutive seqs: row i holds seq m_rows.front().seq + i
    quint64 m_nextSeq = 0;                  // the seq the next refresh asks the store for
    qint64 m_originUs = -1;                 // relative-time zero; -1 until the first chunk arrives
    TimeFormat m_timeFormat = TimeFormat::Absolute;
    DataFormat m_dataFormat = DataFormat::Text;
    QColor m_sentColour;
    QColor m_receivedColour;
    QFont m_dataFont; // fixed-pitch, so escapes and hex-like data line up from row to row
};

} // namespace ui
