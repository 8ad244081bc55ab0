#include "core/io/outputbuffer.h"

namespace core {

void OutputBuffer::append(const QByteArray &bytes)
{
    if (bytes.isEmpty())
        return;
    m_chunks.push_back(bytes);
    m_size += bytes.size();
}

const char *OutputBuffer::front() const
{
    return m_chunks.empty() ? nullptr : m_chunks.front().constData() + m_offset;
}

size_t OutputBuffer::frontSize() const
{
    return m_chunks.empty() ? 0 : size_t(m_chunks.front().size() - m_offset);
}

qint64 OutputBuffer::consume(qint64 bytes)
{
    m_size -= bytes;
    qint64 finished = 0;
    while (bytes > 0 && !m_chunks.empty()) {
        const qsizetype left = m_chunks.front().size() - m_offset;
        if (bytes < left) {
            m_offset += qsizetype(bytes);
            return finished;
        }
        bytes -= left;
        m_chunks.pop_front();
        m_offset = 0;
        ++finished;
    }
    return finished;
}

void OutputBuffer::clear()
{
    m_chunks.clear();
    m_offset = 0;
    m_size = 0;
}

} // namespace core
