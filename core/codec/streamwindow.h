// StreamWindow: what a framer holds of one connection's stream between reads — the bytes not framed yet,
// and the stream offset of the first of them. Frames are taken from the front by moving a cursor; the bytes
// taken go once per read (compact()), not once per frame, so a read full of small frames costs one move.
// Positions given to and returned by it count from its first held byte. Pure; one owner at a time.
#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace core {

class StreamWindow
{
public:
    void append(QByteArrayView bytes) { m_bytes.append(bytes); }
    qsizetype size() const { return m_bytes.size() - m_begin; }
    bool isEmpty() const { return size() == 0; }
    qint64 offset() const { return m_offset; } // in the stream, of the first held byte

    char at(qsizetype index) const { return m_bytes.at(m_begin + index); }
    QByteArray peek(qsizetype count) const { return m_bytes.sliced(m_begin, count); }
    QByteArray peek(qsizetype from, qsizetype count) const { return m_bytes.sliced(m_begin + from, count); }
    // -1 when `needle` does not start at or after `from`.
    qsizetype indexOf(const QByteArray &needle, qsizetype from) const
    {
        const qsizetype found = m_bytes.indexOf(needle, m_begin + from);
        return found < 0 ? -1 : found - m_begin;
    }

    // Drops `count` held bytes from the front (a frame taken, or bytes skipped).
    void drop(qsizetype count)
    {
        m_begin += count;
        m_offset += count;
    }
    void dropAll() { drop(size()); }
    // Bytes of the stream that were skipped before they were ever held.
    void skipUnheld(qint64 count) { m_offset += count; }
    // Frees what drop() left behind; call once at the end of a feed.
    void compact()
    {
        m_bytes.remove(0, m_begin);
        m_begin = 0;
    }
    // A new stream, at offset 0.
    void reset()
    {
        m_bytes.clear();
        m_begin = 0;
        m_offset = 0;
    }

private:
    QByteArray m_bytes;
    qsizetype m_begin = 0;
    qint64 m_offset = 0;
};

} // namespace core
