#include "ui/hex/hexpanel.h"

#include "core/i18n/translations.h"
#include "ui/hex/bytesource.h"
#include "ui/hex/hexlayout.h"
#include "ui/hex/hexview.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QScrollBar>
#include <QVBoxLayout>

namespace ui {

namespace {
constexpr int kRefreshMs = 33;          // ≈ 30 Hz
constexpr std::size_t kChunksPerRefresh = 4096;
constexpr qint64 kMinRebuildIntervalMs = 1000;

ByteSource::Origin originOf(core::Direction direction)
{
    return direction == core::Direction::Sent ? ByteSource::Origin::Sent : ByteSource::Origin::Received;
}
} // namespace

HexPanel::HexPanel(QWidget *parent)
    : QWidget(parent)
    , m_modeBox(new QComboBox(this))
    , m_caption(new QLabel(this))
    , m_view(new HexView(this))
    , m_chunkSource(new BufferByteSource(this))
    , m_conversation(new SegmentedByteSource(this))
{
    m_modeBox->addItem(tr("Selected chunk"));
    m_modeBox->addItem(tr("Whole conversation"));
    m_modeBox->setObjectName(QStringLiteral("hexMode"));
    m_modeBox->setAccessibleName(tr("Hex view shows"));
    m_modeBox->setToolTip(tr("Show the chunk selected in the traffic list, or every byte of the conversation "
                             "with sent and received bytes in two colours"));
    m_caption->setObjectName(QStringLiteral("hexCaption"));
    m_caption->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_view->setSource(m_chunkSource);

    // Over AT-SPI a combo box's name is its current value: the buddy label says what it chooses.
    auto *modeLabel = new QLabel(tr("Show"), this);
    modeLabel->setBuddy(m_modeBox);
    auto *top = new QHBoxLayout;
    top->setContentsMargins(0, 0, 0, 0);
    top->addWidget(modeLabel);
    top->addWidget(m_modeBox);
    top->addWidget(m_caption, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_view, 1);

    connect(m_modeBox, &QComboBox::currentIndexChanged, this,
            [this](int index) { setMode(index == 1 ? Mode::Conversation : Mode::SelectedChunk); });
    m_refresh.setInterval(kRefreshMs);
    connect(&m_refresh, &QTimer::timeout, this, &HexPanel::refreshConversation);
    updateCaption();
}

void HexPanel::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    // Fit the row to the width: 16 bytes when they fit without a horizontal scroll bar, else 8.
    HexLayout wide = m_view->layout();
    wide.setBytesPerRow(16);
    // The view is laid out after this event: measure from the panel (the layout has no margins).
    const int room = width() - 2 * m_view->frameWidth() - m_view->verticalScrollBar()->sizeHint().width();
    const int bytesPerRow = wide.totalWidth() <= room ? 16 : 8;
    if (bytesPerRow != m_view->bytesPerRow())
        m_view->setBytesPerRow(bytesPerRow);
}

void HexPanel::setCapture(std::shared_ptr<core::CaptureStore> capture)
{
    m_capture = std::move(capture);
    rebuildConversation();
}

void HexPanel::setMode(Mode mode)
{
    m_mode = mode;
    m_modeBox->setCurrentIndex(mode == Mode::Conversation ? 1 : 0);
    if (mode == Mode::Conversation) {
        m_view->setSource(m_conversation);
        m_view->setFollowTail(true);
        rebuildConversation();
        m_refresh.start();
    } else {
        m_refresh.stop();
        m_view->setFollowTail(false);
        m_view->setSource(m_chunkSource);
    }
    updateCaption();
}

void HexPanel::setConnectionFilter(core::ConnectionId connection)
{
    if (m_connection == connection)
        return;
    m_connection = connection;
    if (m_mode == Mode::Conversation)
        rebuildConversation();
    updateCaption();
}

void HexPanel::showChunk(quint64 seq)
{
    m_shownSeq = seq;
    const auto chunk = m_capture ? m_capture->chunk(seq) : std::nullopt;
    if (chunk)
        m_chunkSource->setData(chunk->bytes, originOf(chunk->direction));
    else
        m_chunkSource->setData({});
    updateCaption();
}

void HexPanel::clear()
{
    m_shownSeq = 0;
    m_chunkSource->setData({});
    rebuildConversation();
}

void HexPanel::rebuildConversation()
{
    m_sinceRebuild.start();
    m_conversation->clear();
    m_nextSeq = m_capture ? m_capture->firstSeq() : 1;
    m_conversationFirstSeq = m_nextSeq;
    if (m_mode == Mode::Conversation)
        refreshConversation();
}

// Appends what the capture gained since the last refresh; bounded per call.
void HexPanel::refreshConversation()
{
    if (!m_capture)
        return;
    if (m_capture->firstSeq() > m_conversationFirstSeq && m_sinceRebuild.elapsed() >= kMinRebuildIntervalMs) {
        // The capture's budget dropped the start of what we show: start again from what it still keeps, so
        // the conversation never holds more than the capture (at most once a second under a flood).
        rebuildConversation();
        return;
    }
    const auto chunks = m_capture->chunksSince(m_nextSeq, kChunksPerRefresh);
    for (const core::CapturedChunk &chunk : chunks) {
        if (m_connection == 0 || chunk.connection == m_connection)
            m_conversation->appendSegment(chunk.bytes, originOf(chunk.direction));
        m_nextSeq = chunk.seq + 1;
    }
    if (!chunks.empty())
        updateCaption();
}

void HexPanel::updateCaption()
{
    const QLocale locale;
    if (m_mode == Mode::Conversation) {
        m_caption->setText(tr("%1 byte(s) · sent and received in two colours", nullptr,
                              core::pluralCount(m_conversation->size()))
                               .arg(locale.toString(m_conversation->size())));
    } else if (m_shownSeq == 0) {
        m_caption->setText(tr("Select a row in the traffic list"));
    } else {
        const qint64 size = m_chunkSource->size();
        m_caption->setText(tr("Chunk #%1 · %2 byte(s)", nullptr, core::pluralCount(size))
                               .arg(m_shownSeq)
                               .arg(locale.toString(size)));
    }
}

} // namespace ui
