// TrafficModel: one table row per captured chunk of a session (time, direction, peer, length, a one-line
// preview), mirroring what the session's CaptureStore keeps — or, when the tab frames its streams, one row
// per message (core::MessageIndex: the time of its last byte, the length and preview of its body), with the
// raw reads a setGranularity() away. A new framing re-frames what the store keeps: the rows start again and
// catch up from the feed's backlog, kMaxFramedBytesPerRefresh bytes (or kMaxRowsPerRefresh messages, give or
// take one read's worth) at a time, so nothing is lost and the window never freezes. It reads the store through the tab's
// CaptureFeed: each tick adds at most kMaxRowsPerRefresh new chunks (a flood is shown over several ticks
// instead of freezing the UI once) and drops from the front the rows whose chunks the store's budget pushed
// out, so the model never holds more than the store does. Joining a feed late, it catches up from the
// feed's backlog by the same bound per tick.
// Message rows hold their own copy of a message's bytes, so they have a budget of their own (the store's
// default, 64 MiB, counting kMessageRowOverhead per row): over it the oldest rows go, counted by
// droppedMessages() for the tab to show, while their bytes stay in the capture ("Show raw reads" lists them).
// UI thread only (the store itself is thread-safe and is filled by an I/O thread).
#pragma once

#include "core/capture/capturestore.h"
#include "core/codec/messageindex.h"
#include "core/codec/streamends.h"
#include "ui/capture/capturefeed.h"

#include <QAbstractTableModel>
#include <QColor>
#include <QFont>
#include <QPointer>

#include <deque>
#include <memory>
#include <optional>

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
        BytesRole,                    // QByteArray: the whole payload (a message: as on the wire)
    };
    // What a row is: a read as it came, or a message of the tab's framing.
    enum class Granularity : quint8 { Reads, Messages };
    // Where a message row sits in its stream and which of its bytes are framing (Messages only).
    struct MessageMarks
    {
        quint64 firstSeq = 0; // the chunks it spans in the store
        quint64 lastSeq = 0;
        qint64 offset = 0;    // its first byte's offset in the stream
        qsizetype headerSize = 0;
        qsizetype trailerSize = 0;
        qsizetype payloadStart = 0; // the Length and Data columns show the bytes from here
        bool complete = true;
    };
    enum class TimeFormat : quint8 {
        Absolute, // "13:04:05.678", local time
        Relative, // "+12.345678 s" since the first chunk this model saw after setFeed() or a clear
    };

    static constexpr std::size_t kMaxRowsPerRefresh = 10'000;
    static constexpr qint64 kMaxFramedBytesPerRefresh = 8 * 1024 * 1024; // framed per tick, the rest next tick
    static constexpr qsizetype kPreviewChars = 160;     // the Data column
    static constexpr qsizetype kTooltipBytes = 1024;    // the Data tooltip shows this much...
    static constexpr qsizetype kTooltipBytesPerLine = 64; // ...cut into lines of this many bytes
    // What a message row costs beyond its bytes: the row, its marks and the bytes' heap block.
    static constexpr qint64 kMessageRowOverhead = qint64(sizeof(core::CapturedChunk) + sizeof(MessageMarks) + 64);

    explicit TrafficModel(QObject *parent = nullptr);

    static_assert(kMaxRowsPerRefresh <= CaptureFeed::kMaxChunksPerTick, "a tick must not outrun the model");

    // Replaces the rows with the store's current chunks (the first kMaxRowsPerRefresh of them; the rest
    // arrive with the next ticks) and follows the feed's ticks. The feed belongs to the caller (the tab) and
    // may be shared; nullptr shows nothing.
    void setFeed(CaptureFeed *feed);
    CaptureFeed *feed() const { return m_feed; }

    // Ticks the feed now (every subscriber hears it) instead of waiting for its timer; tests call it.
    // Returns true when this model's rows were added or removed.
    bool refresh();
    // Empties the store through the feed (every subscriber hears it); the rows go, and relative time restarts
    // at the next chunk.
    void clear();
    // Chunks the store holds that the next ticks will add.
    quint64 pendingChunks() const;

    void setTimeFormat(TimeFormat format);
    TimeFormat timeFormat() const { return m_timeFormat; }
    // The Data column as an escaped text preview ("Hi\r\n") or as hex bytes ("48 69 0d 0a").
    enum class DataFormat : quint8 { Text, Hex };
    void setDataFormat(DataFormat format);
    DataFormat dataFormat() const { return m_dataFormat; }
    // The tab's framing: a new one re-frames the capture (rows start again). Kind None shows reads only.
    void setFraming(const core::FramingSpec &spec);
    const core::FramingSpec &framing() const { return m_framing; }
    // Messages (the default) or the raw reads; Messages needs a framing other than None.
    void setGranularity(Granularity granularity);
    Granularity granularity() const { return m_granularity; }
    bool showsMessages() const { return m_index != nullptr; }
    // A connection ended (or, with a direction, one of its streams: the peer's FIN): what its framers hold
    // becomes a message once the rows have caught up with the bytes captured before the end.
    void endStream(core::ConnectionId connection, std::optional<core::Direction> direction = std::nullopt);
    // Bytes the framers hold waiting for the rest of a message.
    qint64 pendingFramedBytes() const { return m_index ? m_index->pendingBytes() : 0; }
    // Messages only: nullptr for a read row.
    const MessageMarks *marksAt(int row) const;
    // The message rows' budget (bytes plus kMessageRowOverhead each; the newest row is always kept).
    // Shrinking drops the oldest rows at once.
    void setMessageBudget(qint64 bytes);
    qint64 messageBudget() const { return m_messageBudget; }
    qint64 messageRowsCost() const { return m_messageCost; }
    // Message rows the budget pushed out since the rows last started again (a new framing, a clear).
    quint64 droppedMessages() const { return m_droppedMessages; }

    // Picks direction colours that read well on this palette's base colour (light or dark).
    void setPalette(const QPalette &palette);

    // row must be in [0, rowCount()).
    const core::CapturedChunk &chunkAt(int row) const { return m_rows[std::size_t(row)]; }
    // The row showing chunk `seq`, or -1 when it is not (or no longer) in the model.
    int rowOfSeq(quint64 seq) const;

    QString timeText(const core::CapturedChunk &chunk) const;
    static QString directionText(core::Direction direction);
    // The Peer column: the peer's address ("127.0.0.1:40312", "/run/x.sock"), an unnamed Unix peer with its
    // connection number ("(unnamed) #8").
    static QString peerText(const core::CapturedChunk &chunk);
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

signals:
    // Framing errors found by one tick, in stream order (Messages only).
    void framingErrors(const std::vector<core::MessageFramingError> &errors);
    // droppedMessages() changed (rose under the budget, or went back to 0 when the rows started again).
    void droppedMessagesChanged(quint64 dropped);

private:
    void onTicked(const CaptureUpdate &update);
    void onCleared();
    bool dropRowsBelow(quint64 seq);
    void dropFrontMessages(std::size_t count);
    bool enforceMessageBudget();
    void resetMessageAccounting();
    static qint64 costOfMessageRow(const core::CapturedChunk &row) { return row.bytes.size() + kMessageRowOverhead; }
    bool appendRows(const core::CapturedChunk *begin, const core::CapturedChunk *end);
    QVariant displayData(int row, int column) const;
    QString tooltipText(const QByteArray &bytes) const;
    // The bytes the Length and Data columns show for `row`.
    QByteArray shownBytes(int row) const;
    void restartRows();
    std::size_t frameChunks(const core::CapturedChunk *begin, const core::CapturedChunk *end,
                            core::MessageBatch &batch);
    bool appendMessages(core::MessageBatch &batch);
    void finishEndedStreams(core::MessageBatch &batch);

    QPointer<CaptureFeed> m_feed;
    std::deque<core::CapturedChunk> m_rows; // consecutive seqs: row i holds seq m_rows.front().seq + i
                                            // (Messages: the seq is the message's number, from 1)
    std::deque<MessageMarks> m_marks;       // Messages: one per row
    core::FramingSpec m_framing;
    Granularity m_granularity = Granularity::Messages;
    std::unique_ptr<core::MessageIndex> m_index; // set while rows are messages
    quint64 m_nextMessage = 1;
    qint64 m_messageBudget = core::CaptureStore::kDefaultBudget;
    qint64 m_messageCost = 0;      // of the message rows held
    quint64 m_droppedMessages = 0; // by the budget
    core::StreamEnds m_ends;                // told by the tab, applied once the rows reach them
    quint64 m_nextSeq = 0;                  // the seq of the next row to add
    bool m_changed = false;                 // set by a tick: what refresh() reports
    qint64 m_originUs = -1;                 // relative-time zero; -1 until the first chunk arrives
    TimeFormat m_timeFormat = TimeFormat::Absolute;
    DataFormat m_dataFormat = DataFormat::Text;
    QColor m_sentColour;
    QColor m_receivedColour;
    QFont m_dataFont; // fixed-pitch, so escapes and hex-like data line up from row to row
};

} // namespace ui
