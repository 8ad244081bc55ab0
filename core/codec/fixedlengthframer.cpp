#include "core/codec/fixedlengthframer.h"

#include <algorithm>

namespace core {

FixedLengthFramer::FixedLengthFramer(qint64 length, qint64 maxFrameBytes)
    : m_length(qsizetype(std::clamp<qint64>(length, 1, std::max<qint64>(maxFrameBytes, 1))))
{
}

void FixedLengthFramer::feed(QByteArrayView bytes, FramerOutput &out)
{
    // Top up what is pending first, then take whole frames straight from the read.
    if (!m_pending.isEmpty()) {
        const qsizetype wanted = std::min(m_length - m_pending.size(), bytes.size());
        m_pending.append(bytes.first(wanted));
        bytes = bytes.sliced(wanted);
        if (m_pending.size() < m_length)
            return;
        out.frames.push_back({m_offset, std::exchange(m_pending, {}), 0, 0, true});
        m_offset += m_length;
    }
    while (bytes.size() >= m_length) {
        out.frames.push_back({m_offset, bytes.first(m_length).toByteArray(), 0, 0, true});
        m_offset += m_length;
        bytes = bytes.sliced(m_length);
    }
    m_pending = bytes.toByteArray();
}

void FixedLengthFramer::finish(FramerOutput &out)
{
    if (!m_pending.isEmpty())
        out.frames.push_back({m_offset, std::exchange(m_pending, {}), 0, 0, false});
    m_offset = 0;
}

} // namespace core
