#include "ui/traffic/trafficmodel.h"

#include "core/codec/payloadcodec.h"
#include "core/i18n/translations.h"
#include "ui/widgets/palettetone.h"

#include <QDateTime>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QLocale>
#include <QPalette>

#include <algorithm>

namespace ui {

TrafficModel::TrafficModel(QObject *parent)
    : QAbstractTableModel(parent)
{
    setPalette(QGuiApplication::palette());
    m_dataFont = QFontDatabase::systemFont(QFontDatabase::FixedFont);
}

void TrafficModel::setFeed(CaptureFeed *feed)
{
    if (m_feed)
        disconnect(m_feed, nullptr, this, nullptr);
    m_feed = feed;
    m_ends.clear();
    restartRows();
    if (!feed)
        return;
    connect(feed, &CaptureFeed::ticked, this, &TrafficModel::onTicked);
    connect(feed, &CaptureFeed::cleared, this, &TrafficModel::onCleared);
    refresh();
}

bool TrafficModel::refresh()
{
    if (!m_feed)
        return false;
    m_changed = false;
    m_feed->poll();
    return m_changed;
}

void TrafficModel::clear()
{
    if (m_feed)
        m_feed->clear();
    else
        onCleared();
}

void TrafficModel::restartRows()
{
    beginResetModel();
    m_rows.clear();
    m_marks.clear();
    resetMessageAccounting();
    const bool messages = m_granularity == Granularity::Messages && m_framing.kind != core::FramingKind::None;
    m_index = messages ? std::make_unique<core::MessageIndex>(m_framing) : nullptr;
    m_nextMessage = 1;
    m_nextSeq = m_feed ? m_feed->store()->firstSeq() : 0;
    m_originUs = -1;
    // Framing again from the store's start: the ends already applied are due again once the rows have
    // caught up with what the store holds now.
    m_ends.replayAt(m_feed ? m_feed->store()->endSeq() : 0);
    endResetModel();
}

void TrafficModel::onCleared()
{
    beginResetModel();
    m_rows.clear();
    m_marks.clear();
    resetMessageAccounting();
    if (m_index)
        m_index->clear();
    m_ends.clear();
    // m_nextSeq stays: the store's numbering carries on after a clear.
    m_originUs = -1;
    endResetModel();
}

void TrafficModel::setFraming(const core::FramingSpec &spec)
{
    if (spec == m_framing)
        return;
    m_framing = spec;
    restartRows();
    refresh();
}

void TrafficModel::setGranularity(Granularity granularity)
{
    if (granularity == m_granularity)
        return;
    m_granularity = granularity;
    restartRows();
    refresh();
}

void TrafficModel::setMessageBudget(qint64 bytes)
{
    m_messageBudget = std::max<qint64>(bytes, 0);
    enforceMessageBudget();
}

void TrafficModel::resetMessageAccounting()
{
    m_messageCost = 0;
    if (m_droppedMessages != 0) {
        m_droppedMessages = 0;
        emit droppedMessagesChanged(0);
    }
}

void TrafficModel::dropFrontMessages(std::size_t count)
{
    beginRemoveRows({}, 0, int(count) - 1);
    for (std::size_t i = 0; i < count; ++i)
        m_messageCost -= costOfMessageRow(m_rows[i]);
    m_rows.erase(m_rows.begin(), m_rows.begin() + std::ptrdiff_t(count));
    m_marks.erase(m_marks.begin(), m_marks.begin() + std::ptrdiff_t(count));
    endRemoveRows();
}

// The oldest message rows go while the rows cost more than their budget (the newest always stays).
bool TrafficModel::enforceMessageBudget()
{
    if (!m_index || m_messageCost <= m_messageBudget || m_rows.size() < 2)
        return false;
    qint64 cost = m_messageCost;
    std::size_t count = 0;
    while (cost > m_messageBudget && count + 1 < m_rows.size())
        cost -= costOfMessageRow(m_rows[count++]);
    dropFrontMessages(count);
    m_droppedMessages += count;
    emit droppedMessagesChanged(m_droppedMessages);
    return true;
}

void TrafficModel::endStream(core::ConnectionId connection, std::optional<core::Direction> direction)
{
    m_ends.tell(connection, direction, m_feed ? m_feed->store()->endSeq() : 0);
}

const TrafficModel::MessageMarks *TrafficModel::marksAt(int row) const
{
    if (m_marks.empty() || row < 0 || std::size_t(row) >= m_marks.size())
        return nullptr;
    return &m_marks[std::size_t(row)];
}

QByteArray TrafficModel::shownBytes(int row) const
{
    const QByteArray &bytes = chunkAt(row).bytes;
    const MessageMarks *marks = marksAt(row);
    return marks && marks->payloadStart > 0 ? bytes.mid(marks->payloadStart) : bytes;
}

quint64 TrafficModel::pendingChunks() const
{
    if (!m_feed)
        return 0;
    const quint64 end = m_feed->store()->endSeq();
    const quint64 from = std::max(m_nextSeq, m_feed->store()->firstSeq());
    return end > from ? end - from : 0;
}

void TrafficModel::onTicked(const CaptureUpdate &update)
{
    bool changed = dropRowsBelow(update.firstKeptSeq);
    if (update.continues(m_nextSeq)) {
        const core::CapturedChunk *begin = update.chunks.data();
        const core::CapturedChunk *end = begin + update.chunks.size();
        begin = std::find_if(begin, end, [this](const core::CapturedChunk &chunk) { return chunk.seq >= m_nextSeq; });
        end = begin + std::min(std::size_t(end - begin), kMaxRowsPerRefresh);
        changed = appendRows(begin, end) || changed;
    } else {
        // Behind the feed (given it while it ran): catch up from what earlier ticks handed out.
        const std::vector<core::CapturedChunk> backlog = m_feed->backlog(m_nextSeq, kMaxRowsPerRefresh);
        changed = appendRows(backlog.data(), backlog.data() + backlog.size()) || changed;
        if (backlog.empty())
            m_nextSeq = m_feed->nextSeq(); // nothing kept in between: level with the feed
    }
    if (m_ends.hasPending()) { // also without framing: the ends are remembered for a later re-frame
        core::MessageBatch batch;
        finishEndedStreams(batch);
        changed = appendMessages(batch) || changed;
    }
    m_changed = m_changed || changed;
}

bool TrafficModel::dropRowsBelow(quint64 seq)
{
    if (m_index) {
        // A message goes once the store holds none of its bytes. Messages end in rising seq order (an end's
        // flush may come a little late), so the forgotten ones are a prefix.
        const auto kept = std::find_if(m_marks.begin(), m_marks.end(),
                                       [seq](const MessageMarks &marks) { return marks.lastSeq >= seq; });
        const auto count = std::size_t(kept - m_marks.begin());
        if (count == 0)
            return false;
        dropFrontMessages(count);
        return true;
    }
    if (m_rows.empty() || m_rows.front().seq >= seq)
        return false;
    // Rows hold consecutive seqs, so the forgotten ones are a prefix whose length is a subtraction.
    const std::size_t count = std::min<std::size_t>(std::size_t(seq - m_rows.front().seq), m_rows.size());
    beginRemoveRows({}, 0, int(count) - 1);
    m_rows.erase(m_rows.begin(), m_rows.begin() + std::ptrdiff_t(count));
    endRemoveRows();
    return true;
}

bool TrafficModel::appendRows(const core::CapturedChunk *begin, const core::CapturedChunk *end)
{
    if (begin == end)
        return false;
    // A batch starting past the seq we want means the store dropped that seq, and so every row we hold.
    if (begin->seq > m_nextSeq) {
        dropRowsBelow(begin->seq);
        if (m_index)
            m_index->clear(); // bytes went unframed: every stream starts again (and resynchronises)
    }
    if (m_index) {
        core::MessageBatch batch;
        frameChunks(begin, end, batch);
        return appendMessages(batch);
    }
    if (m_originUs < 0)
        m_originUs = begin->timeUs;
    const int first = int(m_rows.size());
    beginInsertRows({}, first, first + int(end - begin) - 1);
    m_rows.insert(m_rows.end(), begin, end);
    endInsertRows();
    m_nextSeq = m_rows.back().seq + 1;
    return true;
}

// Feeds chunks to the framers until kMaxFramedBytesPerRefresh bytes or kMaxRowsPerRefresh messages (the rest
// come with the next ticks, from the backlog), applying each end once the bytes before it are in. Returns how many chunks were framed.
std::size_t TrafficModel::frameChunks(const core::CapturedChunk *begin, const core::CapturedChunk *end,
                                      core::MessageBatch &batch)
{
    qint64 framed = 0;
    const core::CapturedChunk *chunk = begin;
    for (; chunk != end && framed < kMaxFramedBytesPerRefresh && batch.messages.size() < kMaxRowsPerRefresh;
         ++chunk) {
        m_index->add(*chunk, batch);
        framed += chunk->bytes.size();
        m_nextSeq = chunk->seq + 1;
        finishEndedStreams(batch);
    }
    return std::size_t(chunk - begin);
}

void TrafficModel::finishEndedStreams(core::MessageBatch &batch)
{
    m_ends.applyReached(m_nextSeq, m_index.get(), batch);
}

bool TrafficModel::appendMessages(core::MessageBatch &batch)
{
    if (!batch.errors.empty())
        emit framingErrors(batch.errors);
    if (batch.messages.empty())
        return false;
    if (m_originUs < 0)
        m_originUs = batch.messages.front().timeUs;
    const int first = int(m_rows.size());
    beginInsertRows({}, first, first + int(batch.messages.size()) - 1);
    for (core::CapturedMessage &message : batch.messages) {
        core::CapturedChunk row;
        row.seq = m_nextMessage++;
        row.timeUs = message.timeUs;
        row.direction = message.direction;
        row.connection = message.connection;
        row.local = message.local;
        row.peer = message.peer;
        row.bytes = std::move(message.bytes);
        m_messageCost += costOfMessageRow(row);
        m_rows.push_back(std::move(row));
        m_marks.push_back({message.firstSeq, message.lastSeq, message.offset, message.headerSize,
                           message.trailerSize, message.payloadStart, message.complete});
    }
    endInsertRows();
    enforceMessageBudget();
    return true;
}

void TrafficModel::setTimeFormat(TimeFormat format)
{
    if (format == m_timeFormat)
        return;
    m_timeFormat = format;
    if (!m_rows.empty())
        emit dataChanged(index(0, TimeColumn), index(rowCount() - 1, TimeColumn), {Qt::DisplayRole});
}

void TrafficModel::setDataFormat(DataFormat format)
{
    if (format == m_dataFormat)
        return;
    m_dataFormat = format;
    if (!m_rows.empty())
        emit dataChanged(index(0, DataColumn), index(rowCount() - 1, DataColumn), {Qt::DisplayRole});
}

void TrafficModel::setPalette(const QPalette &palette)
{
    const bool dark = isDark(palette, QPalette::Base);
    // Blue and green families in both themes; deep shades on light bases, pale ones on dark bases, each
    // chosen for a contrast ratio of at least 4.5:1 against a typical base of that kind.
    const QColor sent = dark ? QColor(0x8c, 0xc4, 0xff) : QColor(0x1a, 0x4f, 0xa0);
    const QColor received = dark ? QColor(0x8f, 0xe3, 0x88) : QColor(0x1e, 0x6b, 0x24);
    if (sent == m_sentColour && received == m_receivedColour)
        return;
    m_sentColour = sent;
    m_receivedColour = received;
    if (!m_rows.empty())
        emit dataChanged(index(0, DirectionColumn), index(rowCount() - 1, DirectionColumn),
                         {Qt::ForegroundRole});
}

int TrafficModel::rowOfSeq(quint64 seq) const
{
    if (m_rows.empty() || seq < m_rows.front().seq || seq > m_rows.back().seq)
        return -1;
    return int(seq - m_rows.front().seq);
}

QString TrafficModel::timeText(const core::CapturedChunk &chunk) const
{
    if (m_timeFormat == TimeFormat::Absolute) {
        // Floor to the millisecond so a time never shows later than it was.
        const qint64 ms = chunk.timeUs >= 0 ? chunk.timeUs / 1000 : -((-chunk.timeUs + 999) / 1000);
        return QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("hh:mm:ss.zzz"));
    }
    const qint64 delta = chunk.timeUs - (m_originUs < 0 ? chunk.timeUs : m_originUs);
    const qint64 magnitude = delta < 0 ? -delta : delta;
    const QString seconds = QStringLiteral("%1%2.%3")
                                .arg(delta < 0 ? QLatin1Char('-') : QLatin1Char('+'))
                                .arg(magnitude / 1'000'000)
                                .arg(magnitude % 1'000'000, 6, 10, QLatin1Char('0'));
    return tr("%1 s", "relative time in seconds, e.g. +12.345678 s").arg(seconds);
}

QString TrafficModel::peerText(const core::CapturedChunk &chunk)
{
    // Every client of a Unix socket is "(unnamed)": its connection number tells them apart.
    if (chunk.peer.isUnnamed())
        return tr("%1 #%2", "an unnamed Unix peer and its connection number").arg(chunk.peer.toString()).arg(chunk.connection);
    return chunk.peer.toString();
}

QString TrafficModel::directionText(core::Direction direction)
{
    return direction == core::Direction::Sent ? tr("→ sent") : tr("← received");
}

QString TrafficModel::fullPreview(const QByteArray &bytes)
{
    return core::escapedPreview(bytes, -1);
}

QString TrafficModel::rowsAsText(const QList<int> &rows) const
{
    if (rows.isEmpty())
        return {};
    QStringList cells;
    for (int column = 0; column < ColumnCount; ++column)
        cells << headerData(column, Qt::Horizontal).toString();
    QString text = cells.join(QLatin1Char('\t')) + QLatin1Char('\n');
    for (int row : rows) {
        const core::CapturedChunk &chunk = chunkAt(row);
        const QByteArray shown = shownBytes(row);
        cells = {timeText(chunk), directionText(chunk.direction), peerText(chunk),
                 QString::number(shown.size()), fullPreview(shown)};
        text += cells.join(QLatin1Char('\t')) + QLatin1Char('\n');
    }
    return text;
}

QString TrafficModel::rowsAsHex(const QList<int> &rows) const
{
    QString text;
    for (int row : rows)
        text += core::toHex(chunkAt(row).bytes) + QLatin1Char('\n');
    return text;
}

int TrafficModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int TrafficModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TrafficModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= ColumnCount)
        return {};
    const core::CapturedChunk &chunk = chunkAt(index.row());
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return displayData(index.row(), column);
    case Qt::ToolTipRole:
        return column == DataColumn ? QVariant(tooltipText(shownBytes(index.row()))) : QVariant();
    case Qt::ForegroundRole:
        if (column != DirectionColumn)
            return {};
        return chunk.direction == core::Direction::Sent ? m_sentColour : m_receivedColour;
    case Qt::TextAlignmentRole:
        if (column == LengthColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::FontRole:
        if (column == DataColumn)
            return m_dataFont;
        return {};
    case ChunkRole: return QVariant::fromValue(chunk.seq);
    case ConnectionRole: return QVariant::fromValue(chunk.connection);
    case DirectionRole: return int(chunk.direction);
    case BytesRole: return chunk.bytes;
    default: return {};
    }
}

QVariant TrafficModel::displayData(int row, int column) const
{
    const core::CapturedChunk &chunk = chunkAt(row);
    switch (column) {
    case TimeColumn: return timeText(chunk);
    case DirectionColumn: return directionText(chunk.direction);
    case PeerColumn: return peerText(chunk);
    case LengthColumn: {
        const MessageMarks *marks = marksAt(row);
        const QString length = QString::number(chunk.bytes.size() - (marks ? marks->payloadStart : 0));
        return marks && !marks->complete ? tr("%1 (cut short)", "a message's length when it is incomplete")
                                                 .arg(length)
                                         : length;
    }
    case DataColumn: {
        // A hex byte takes three characters: a third as many bytes fill the same width.
        const QByteArray shown = shownBytes(row);
        return m_dataFormat == DataFormat::Hex ? core::toHex(shown, kPreviewChars / 3)
                                               : core::escapedPreview(shown, kPreviewChars);
    }
    default: return {};
    }
}

QString TrafficModel::tooltipText(const QByteArray &bytes) const
{
    QStringList lines;
    lines << tr("%L1 byte(s)", nullptr, core::pluralCount(bytes.size())).arg(bytes.size());
    const qsizetype shown = std::min(bytes.size(), kTooltipBytes);
    // One escaped slice per line: a tooltip does not wrap plain text, and a slice never cuts an escape.
    for (qsizetype at = 0; at < shown; at += kTooltipBytesPerLine)
        lines << core::escapedPreview(bytes.mid(at, std::min(kTooltipBytesPerLine, shown - at)), -1);
    if (bytes.size() > shown)
        lines << tr("… and %L1 more byte(s)", nullptr, core::pluralCount(bytes.size() - shown))
                     .arg(bytes.size() - shown);
    return lines.join(QLatin1Char('\n'));
}

QVariant TrafficModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn: return tr("Time");
    case DirectionColumn: return tr("Direction");
    case PeerColumn: return tr("Peer");
    case LengthColumn: return tr("Length");
    case DataColumn: return tr("Data");
    default: return {};
    }
}

} // namespace ui
