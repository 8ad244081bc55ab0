// OutputBuffer: bytes accepted for sending that the kernel has not taken yet, in order. Chunks are kept as
// the QByteArrays they arrived in (no copy); a partial write advances an offset into the first one.
// Loop thread only.
#pragma once

#include <QByteArray>

#include <deque>

namespace core {

class OutputBuffer
{
public:
    void append(const QByteArray &bytes);
    bool isEmpty() const { return m_size == 0; }
    qint64 size() const { return m_size; }
    // The next contiguous bytes to write.
    const char *front() const;
    size_t frontSize() const;
    // Drops `bytes` from the front; returns how many whole chunks (messages) that finished.
    qint64 consume(qint64 bytes);
    void clear();

private:
    std::deque<QByteArray> m_chunks;
    qsizetype m_offset = 0; // into m_chunks.front()
    qint64 m_size = 0;
};

} // namespace core
