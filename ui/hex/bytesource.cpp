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
    emit changed();
}

} // namespace ui
