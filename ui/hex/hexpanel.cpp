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

#include <algorithm>

namespace ui {

namespace {

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
    , m_marks(m_conversation)
{
    m_modeBox->addItem(tr("Selected row"), int(Mode::SelectedChunk));
    m_modeBox->addItem(tr("Whole conversation"), int(Mode::Conversation));
    m_modeBox->setObjectName(QStringLiteral("hexMode"));
    m_modeBox->setAccessibleName(tr("Hex view shows"));
    m_modeBox->setToolTip(tr("Show the read or message selected in the traffic list, or every byte of the conversation "
                             "with sent and received bytes in two colours"));
    m_caption->setObjectName(QStringLiteral("hexCaption"));
    m_caption->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // A long caption may be cut at the panel's edge rather than widen the window: then its tooltip shows all
    // of it (its accessible name always has all of it).
    m_caption->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
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
            [this](int index) { setMode(Mode(m_modeBox->itemData(index).toInt())); });
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
    updateCaptionTip();
}

void HexPanel::setFeed(CaptureFeed *feed)
{
    if (m_feed)
        disconnect(m_feed, nullptr, this, nullptr);
    m_feed = feed;
    if (feed) {
        connect(feed, &CaptureFeed::ticked, this, &HexPanel::onTicked);
        connect(feed, &CaptureFeed::cleared, this, &HexPanel::clear);
    }
    rebuildConversation();
    if (feed)
        feed->poll(); // what the store holds shows at once, not at the next tick
}

void HexPanel::setMode(Mode mode)
{
    m_mode = mode;
    m_modeBox->setCurrentIndex(m_modeBox->findData(int(mode)));
    if (mode == Mode::Conversation) {
        m_view->setSource(m_conversation);
        m_view->setFollowTail(true);
        rebuildConversation();
    } else {
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

void HexPanel::showMessage(quint64 number, const Message &message)
{
    m_shownSeq = 0;
    m_shownMessage = number;
    m_message = number == 0 ? Message{} : message;
    m_chunkSource->setData(m_message.bytes, originOf(m_message.direction), m_message.headerSize,
                           m_message.trailerSize);
    updateCaption();
}

void HexPanel::showChunk(quint64 seq)
{
    m_shownMessage = 0;
    m_shownSeq = seq;
    const auto chunk = m_feed ? m_feed->store()->chunk(seq) : std::nullopt;
    if (chunk)
        m_chunkSource->setData(chunk->bytes, originOf(chunk->direction));
    else
        m_chunkSource->setData({});
    updateCaption();
}

void HexPanel::setFraming(const core::FramingSpec &spec)
{
    m_marks.setFraming(spec);
    rebuildConversation();
}

void HexPanel::endStream(core::ConnectionId connection, std::optional<core::Direction> direction)
{
    m_marks.tellEnd(connection, direction, m_feed ? m_feed->store()->endSeq() : 0);
}

void HexPanel::clear()
{
    m_marks.forgetEnds(); // the capture was cleared: its streams' ends are nothing to replay
    m_shownSeq = 0;
    m_shownMessage = 0;
    m_chunkSource->setData({});
    rebuildConversation();
}

void HexPanel::rebuildConversation()
{
    m_sinceRebuild.start();
    m_conversation->clear();
    m_marks.restart(m_feed ? m_feed->store()->endSeq() : 0);
    m_nextSeq = m_feed ? m_feed->store()->firstSeq() : 1;
    m_conversationFirstSeq = m_nextSeq;
    if (m_mode == Mode::Conversation && m_feed) {
        // What the feed handed out before now comes from its backlog (the rest with the next ticks).
        const std::vector<core::CapturedChunk> backlog = m_feed->backlog(m_nextSeq, kChunksPerTick);
        appendToConversation(backlog.data(), backlog.data() + backlog.size());
    }
    updateCaption();
}

// Appends what the tick brought, or catches up from the backlog while behind; bounded per tick.
void HexPanel::onTicked(const CaptureUpdate &update)
{
    if (m_mode != Mode::Conversation) {
        m_marks.passOver(m_feed->nextSeq()); // ends only remembered, for when the conversation is built
        return;
    }
    if (update.firstKeptSeq > m_conversationFirstSeq && m_sinceRebuild.elapsed() >= kMinRebuildIntervalMs) {
        // The capture's budget dropped the start of what we show: start again from what it still keeps, so
        // the conversation never holds more than the capture (at most once a second under a flood).
        rebuildConversation();
        return;
    }
    const core::CapturedChunk *begin = update.chunks.data();
    const core::CapturedChunk *end = begin + update.chunks.size();
    std::vector<core::CapturedChunk> backlog;
    if (update.continues(m_nextSeq)) {
        begin = std::find_if(begin, end, [this](const core::CapturedChunk &chunk) { return chunk.seq >= m_nextSeq; });
    } else {
        backlog = m_feed->backlog(m_nextSeq, kChunksPerTick);
        begin = backlog.data();
        end = begin + backlog.size();
        if (backlog.empty())
            m_nextSeq = m_feed->nextSeq(); // nothing kept in between: level with the feed
    }
    end = begin + std::min(std::size_t(end - begin), kChunksPerTick);
    appendToConversation(begin, end);
    updateCaption(); // a stream's end may mark a message without a new chunk
}

// Bounded by kChunksPerTick chunks and, while framing, by what ConversationMarks frames in a tick: the rest
// comes with the next ticks, from the backlog.
void HexPanel::appendToConversation(const core::CapturedChunk *begin, const core::CapturedChunk *end)
{
    for (const core::CapturedChunk *chunk = begin; chunk != end && !m_marks.tickIsFull(); ++chunk) {
        const bool shown = m_connection == 0 || chunk->connection == m_connection;
        if (shown)
            m_conversation->appendSegment(chunk->bytes, originOf(chunk->direction));
        m_marks.add(*chunk, shown);
        m_nextSeq = chunk->seq + 1;
    }
    m_marks.finishTick(m_nextSeq);
}

void HexPanel::updateCaption()
{
    setCaption(captionText());
}

void HexPanel::setCaption(const QString &text)
{
    if (text != m_caption->text())
        m_caption->setText(text);
    updateCaptionTip();
}

void HexPanel::updateCaptionTip()
{
    const bool cut = m_caption->fontMetrics().horizontalAdvance(m_caption->text()) > m_caption->width();
    m_caption->setToolTip(cut ? m_caption->text() : QString());
}

QString HexPanel::captionText() const
{
    const QLocale locale;
    if (m_mode == Mode::Conversation) {
        QString caption = tr("%1 byte(s) · sent and received in two colours", nullptr,
                             core::pluralCount(m_conversation->size()))
                              .arg(locale.toString(m_conversation->size()));
        if (m_marks.isFraming()) {
            const std::size_t marked = m_conversation->markedMessages();
            caption += tr(" · %1 message start(s) marked (amber bar), headers amber, delimiters grey", nullptr,
                          core::pluralCount(marked))
                           .arg(locale.toString(quint64(marked)));
        }
        return caption;
    }
    if (m_shownMessage != 0) {
        const qint64 size = m_chunkSource->size();
        QString caption = tr("Message #%1 · %2 byte(s) at stream offset %3", nullptr, core::pluralCount(size))
                              .arg(m_shownMessage)
                              .arg(locale.toString(size), locale.toString(m_message.offset));
        if (m_message.headerSize > 0)
            caption += tr(" · %1-byte header (amber)").arg(locale.toString(m_message.headerSize));
        if (m_message.trailerSize > 0)
            caption += tr(" · %1-byte delimiter (grey)").arg(locale.toString(m_message.trailerSize));
        if (!m_message.complete)
            caption += tr(" · cut short");
        return caption;
    }
    if (m_shownSeq == 0)
        return tr("Select a row in the traffic list");
    const qint64 size = m_chunkSource->size();
    return tr("Chunk #%1 · %2 byte(s)", nullptr, core::pluralCount(size))
        .arg(m_shownSeq)
        .arg(locale.toString(size));
}

} // namespace ui
