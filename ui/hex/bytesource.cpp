#include "ui/hex/bytesource.h"

#include <algorithm>

namespace ui {

qint64 ByteSource::clampedLength(qint64 offset, qint64 length, qint64 total)
{
    if (offset < 0 || offset >= total || length <= 0)
        return 0;
    return std::min(length, total - offset);
}

BufferByteSource::BufferByteSource(QObject *parent)
    : ByteSource(parent)
{
}

BufferByteSource::BufferByteSource(const QByteArray &data, Origin origin, QObject *parent)
    : ByteSource(parent)
    , m_data(data)
    , m_origin(origin)
{
}

QByteArray BufferByteSource::read(qint64 offset, qint64 length) const
{
    const qint64 count = clampedLength(offset, length, size());
    return count > 0 ? m_data.mid(offset, count) : QByteArray();
}

ByteSource::Origin BufferByteSource::originAt(qint64 offset) const
{
    return offset >= 0 && offset < size() ? m_origin : Origin::Neutral;
}

ByteSource::Part BufferByteSource::partAt(qint64 offset) const
{
    if (offset < 0 || offset >= size())
        return Part::Body;
    if (offset < m_headerSize)
        return Part::Header;
    return offset >= size() - m_trailerSize ? Part::Trailer : Part::Body;
}

void BufferByteSource::setData(const QByteArray &data, Origin origin, qsizetype headerSize, qsizetype trailerSize)
{
    m_data = data;
    m_origin = origin;
    m_headerSize = std::clamp<qsizetype>(headerSize, 0, data.size());
    m_trailerSize = std::clamp<qsizetype>(trailerSize, 0, data.size() - m_headerSize);
    emit changed();
}

void BufferByteSource::append(const QByteArray &bytes)
{
    if (bytes.isEmpty())
        return;
    const qint64 oldSize = size();
    m_data.append(bytes);
    emit appended(oldSize);
}

qsizetype SegmentedByteSource::segmentIndexAt(qint64 offset) const
{
    if (offset < 0 || offset >= m_size)
        return -1;
    // The last segment starting at or before `offset`; empty segments are never stored, so it holds it.
    const auto after = std::upper_bound(m_starts.begin(), m_starts.end(), offset);
    return qsizetype(after - m_starts.begin()) - 1;
}

QByteArray SegmentedByteSource::read(qint64 offset, qint64 length) const
{
    qint64 remaining = clampedLength(offset, length, m_size);
    if (remaining == 0)
        return {};
    auto index = size_t(segmentIndexAt(offset));
    QByteArray out;
    out.reserve(remaining);
    qint64 within = offset - m_starts[index];
    while (remaining > 0 && index < m_segments.size()) {
        const QByteArray &bytes = m_segments[index].bytes;
        const qint64 take = std::min(remaining, bytes.size() - within);
        out.append(bytes.constData() + within, take);
        remaining -= take;
        within = 0;
        ++index;
    }
    return out;
}

ByteSource::Origin SegmentedByteSource::originAt(qint64 offset) const
{
    const qsizetype index = segmentIndexAt(offset);
    return index < 0 ? Origin::Neutral : m_segments[size_t(index)].origin;
}

void SegmentedByteSource::appendSegment(const QByteArray &bytes, Origin origin)
{
    if (bytes.isEmpty())
        return;
    const qint64 oldSize = m_size;
    // Two segments in a row from the same side are one run as far as the view is concerned, but merging them
    // would copy; keeping them apart costs one table entry and keeps append O(1).
    m_segments.push_back({bytes, origin});
    m_starts.push_back(oldSize);
    m_size += bytes.size();
    emit appended(oldSize);
}

void SegmentedByteSource::clear()
{
    m_segments.clear();
    m_starts.clear();
    m_size = 0;
    m_parts.clear();
    m_messageStarts.clear();
    emit changed();
}

namespace {

// Appends `more` (sorted here) to `kept` (sorted) and keeps the whole sorted; a batch usually lies after
// everything kept (the conversation grows at its end), which costs no merge.
template <typename T, typename Less>
void mergeSorted(std::deque<T> &kept, std::vector<T> &more, Less less)
{
    if (more.empty())
        return;
    std::sort(more.begin(), more.end(), less);
    const std::size_t old = kept.size();
    kept.insert(kept.end(), more.begin(), more.end());
    if (old > 0 && less(kept[old], kept[old - 1]))
        std::inplace_merge(kept.begin(), kept.begin() + std::ptrdiff_t(old), kept.end(), less);
}

} // namespace

void SegmentedByteSource::addMarks(std::vector<PartRange> parts, std::vector<qint64> messageStarts)
{
    if (parts.empty() && messageStarts.empty())
        return;
    const auto byFrom = [](const PartRange &a, const PartRange &b) { return a.from < b.from; };
    mergeSorted(m_parts, parts, byFrom);
    mergeSorted(m_messageStarts, messageStarts, std::less<qint64>());
    if (m_messageStarts.size() > kMaxMarkedMessages) {
        m_messageStarts.erase(m_messageStarts.begin(),
                              m_messageStarts.end() - std::ptrdiff_t(kMaxMarkedMessages));
        // Parts of the messages let go lie before the first start kept.
        const qint64 firstKept = m_messageStarts.front();
        const auto keptParts = std::lower_bound(m_parts.begin(), m_parts.end(), PartRange{firstKept, firstKept},
                                                byFrom);
        m_parts.erase(m_parts.begin(), keptParts);
    }
    emit marked();
}

ByteSource::Part SegmentedByteSource::partAt(qint64 offset) const
{
    // The last range starting at or before `offset`, if it reaches it.
    const auto after = std::upper_bound(m_parts.begin(), m_parts.end(), offset,
                                        [](qint64 value, const PartRange &range) { return value < range.from; });
    if (after == m_parts.begin())
        return Part::Body;
    const PartRange &range = *std::prev(after);
    return offset < range.to ? range.part : Part::Body;
}

bool SegmentedByteSource::startsMessage(qint64 offset) const
{
    return std::binary_search(m_messageStarts.begin(), m_messageStarts.end(), offset);
}

} // namespace ui
