// HexPanel: the hex view beside the traffic list. It shows either the chunk selected in the list, or the
// whole conversation with sent and received bytes in two colours (like Wireshark's Follow Stream), built
// incrementally from the session's capture store. Rows hold 16 bytes when the width allows, else 8.
// UI thread only.
#pragma once

#include "core/capture/capturestore.h"

#include <QElapsedTimer>
#include <QTimer>
#include <QWidget>

#include <memory>

class QComboBox;
class QLabel;

namespace ui {

class BufferByteSource;
class HexView;
class SegmentedByteSource;

class HexPanel : public QWidget
{
    Q_OBJECT

public:
    enum class Mode { SelectedChunk, Conversation };

    explicit HexPanel(QWidget *parent = nullptr);

    void setCapture(std::shared_ptr<core::CaptureStore> capture);
    void setMode(Mode mode);
    Mode mode() const { return m_mode; }
    // Conversation mode shows only this connection (0: everything in the capture).
    void setConnectionFilter(core::ConnectionId connection);
    void showChunk(quint64 seq);
    void clear();
    HexView *view() const { return m_view; }

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void refreshConversation();
    void rebuildConversation();
    void updateCaption();

    std::shared_ptr<core::CaptureStore> m_capture;
    Mode m_mode = Mode::SelectedChunk;
    core::ConnectionId m_connection = 0;
    quint64 m_nextSeq = 1;
    quint64 m_conversationFirstSeq = 0;
    quint64 m_shownSeq = 0;
    QComboBox *m_modeBox = nullptr;
    QLabel *m_caption = nullptr;
    HexView *m_view = nullptr;
    BufferByteSource *m_chunkSource = nullptr;
    SegmentedByteSource *m_conversation = nullptr;
    QTimer m_refresh;
    QElapsedTimer m_sinceRebuild;
};

} // namespace ui
