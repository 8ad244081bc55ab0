// HexPanel: the hex view beside the traffic list. It shows either the chunk selected in the list, or the
// whole conversation with sent and received bytes in two colours (like Wireshark's Follow Stream), built
// incrementally from the ticks of the tab's CaptureFeed (no timer of its own; switched to the conversation
// late, it catches up from the feed's backlog, kChunksPerTick at a time). With the tab's framing, the
// conversation marks where each message starts and tints its framing (ConversationMarks). Rows hold 16 bytes
// when the width allows, else 8. UI thread only.
#pragma once

#include "core/capture/capturestore.h"
#include "ui/capture/capturefeed.h"
#include "ui/hex/conversationmarks.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QWidget>

#include <optional>

class QComboBox;
class QLabel;

namespace ui {

class BufferByteSource;
class HexView;

class HexPanel : public QWidget
{
    Q_OBJECT

public:
    enum class Mode { SelectedChunk = 0, Conversation = 1 }; // saved as numbers (a tab's hexMode)

    explicit HexPanel(QWidget *parent = nullptr);

    static constexpr std::size_t kChunksPerTick = 4096;   // appended to the conversation per feed tick
    static constexpr qint64 kMinRebuildIntervalMs = 1000; // after drops, start again at most this often

    // Reads the feed's capture and follows its ticks; the feed belongs to the caller (the tab's, shared with
    // the other panels). Whoever clears the feed clears the panel too.
    void setFeed(CaptureFeed *feed);
    CaptureFeed *feed() const { return m_feed; }
    void setMode(Mode mode);
    Mode mode() const { return m_mode; }
    // Conversation mode shows only this connection (0: everything in the capture).
    void setConnectionFilter(core::ConnectionId connection);
    void showChunk(quint64 seq);
    // A message of the tab's framing (number 0: none), its framing header and trailer tinted apart.
    struct Message
    {
        QByteArray bytes;
        core::Direction direction = core::Direction::Received;
        qsizetype headerSize = 0;
        qsizetype trailerSize = 0;
        qint64 offset = 0; // in its stream
        bool complete = true;
    };
    void showMessage(quint64 number, const Message &message);
    // The framing the conversation marks (kind None: no marks); the conversation is framed again.
    void setFraming(const core::FramingSpec &spec);
    // A connection (or, with a direction, one of its streams) ended: the conversation's framer flushes it.
    void endStream(core::ConnectionId connection, std::optional<core::Direction> direction = std::nullopt);
    void clear();
    HexView *view() const { return m_view; }

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void onTicked(const CaptureUpdate &update);
    void appendToConversation(const core::CapturedChunk *begin, const core::CapturedChunk *end);
    void rebuildConversation();
    void updateCaption();
    QString captionText() const;
    void setCaption(const QString &text);
    void updateCaptionTip();

    QPointer<CaptureFeed> m_feed;
    Mode m_mode = Mode::SelectedChunk;
    core::ConnectionId m_connection = 0;
    quint64 m_nextSeq = 1;
    quint64 m_conversationFirstSeq = 0;
    quint64 m_shownSeq = 0;
    quint64 m_shownMessage = 0; // set instead of m_shownSeq while the list shows messages
    Message m_message;          // its framing, for the caption
    QComboBox *m_modeBox = nullptr;
    QLabel *m_caption = nullptr;
    HexView *m_view = nullptr;
    BufferByteSource *m_chunkSource = nullptr;
    SegmentedByteSource *m_conversation = nullptr;
    ConversationMarks m_marks;
    QElapsedTimer m_sinceRebuild;
};

} // namespace ui
