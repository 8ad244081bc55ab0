// ByteSource: the byte model a HexView reads, kept apart from the view (Okteta's model/view split), plus its
// two implementations: BufferByteSource (one QByteArray, e.g. a selected chunk) and SegmentedByteSource (a
// conversation built from sent and received segments). The three live in one file because they are one
// interface and its two small models. UI thread only: they are QObjects that signal the view directly.
#pragma once

#include <QByteArray>
#include <QObject>

#include <deque>
#include <vector>

namespace ui {

class ByteSource : public QObject
{
    Q_OBJECT

public:
    // Which side produced a byte, so a conversation can colour sent and received bytes apart.
    enum class Origin : quint8 { Neutral, Sent, Received };

    using QObject::QObject;

    virtual qint64 size() const = 0;
    // At most `length` bytes from `offset`, clamped to the end; empty for an offset outside [0, size).
    virtual QByteArray read(qint64 offset, qint64 length) const = 0;
    virtual Origin originAt(qint64 offset) const
    {
        Q_UNUSED(offset);
        return Origin::Neutral;
    }
    // Which part of a message a byte is, so a view can set a framing header and trailer apart from the body.
    enum class Part : quint8 { Body, Header, Trailer };
    virtual Part partAt(qint64 offset) const
    {
        Q_UNUSED(offset);
        return Part::Body;
    }
    // Whether a message of the tab's framing starts at this byte (a view marks the boundary).
    virtual bool startsMessage(qint64 offset) const
    {
        Q_UNUSED(offset);
        return false;
    }

signals:
    void changed();                 // contents replaced: views drop their selection
    void appended(qint64 oldSize);  // bytes added at the end: views keep their place or follow the tail
    void marked();                  // parts or message starts added: views repaint

protected:
    // The clamped [offset, offset + length) window of a source of `total` bytes, or length 0 when empty.
    static qint64 clampedLength(qint64 offset, qint64 length, qint64 total);
};

class BufferByteSource : public ByteSource
{
    Q_OBJECT

public:
    explicit BufferByteSource(QObject *parent = nullptr);
    explicit BufferByteSource(const QByteArray &data, Origin origin = Origin::Neutral, QObject *parent = nullptr);

    qint64 size() const override { return m_data.size(); }
    QByteArray read(qint64 offset, qint64 length) const override;
    Origin originAt(qint64 offset) const override;
    Part partAt(qint64 offset) const override;

    const QByteArray &data() const { return m_data; }
    // A message: its first headerSize bytes are framing header, its last trailerSize framing trailer.
    void setData(const QByteArray &data, Origin origin = Origin::Neutral, qsizetype headerSize = 0,
                 qsizetype trailerSize = 0);
    qsizetype headerSize() const { return m_headerSize; }
    qsizetype trailerSize() const { return m_trailerSize; }
    void append(const QByteArray &bytes);

private:
    QByteArray m_data;
    Origin m_origin = Origin::Neutral;
    qsizetype m_headerSize = 0;
    qsizetype m_trailerSize = 0;
};

// Segments are stored as they arrive (QByteArray shares, never copies, them); a prefix-offset table makes
// read() and originAt() O(log n) in the number of segments instead of joining everything into one array.
// Marks (a conversation's message starts and framing parts) are kept sorted, the last kMaxMarkedMessages
// messages' worth: partAt() and startsMessage() are O(log n) too.
class SegmentedByteSource : public ByteSource
{
    Q_OBJECT

public:
    using ByteSource::ByteSource;

    static constexpr std::size_t kMaxMarkedMessages = 200'000; // about 60 bytes each

    qint64 size() const override { return m_size; }
    QByteArray read(qint64 offset, qint64 length) const override;
    Origin originAt(qint64 offset) const override;
    Part partAt(qint64 offset) const override;
    bool startsMessage(qint64 offset) const override;

    void appendSegment(const QByteArray &bytes, Origin origin);
    void clear(); // bytes and marks
    qsizetype segmentCount() const { return qsizetype(m_segments.size()); }
    // Index of the segment holding `offset`, or -1 outside [0, size).
    qsizetype segmentIndexAt(qint64 offset) const;
    qint64 segmentStart(qsizetype index) const { return m_starts[std::size_t(index)]; }
    qint64 segmentSize(qsizetype index) const { return m_segments[std::size_t(index)].bytes.size(); }

    // Framing marks, one batch at a time (ranges of one batch must not overlap those already marked). Past
    // kMaxMarkedMessages starts, the marks that lie first in the conversation go. Emits marked().
    struct PartRange
    {
        qint64 from = 0;
        qint64 to = 0; // exclusive
        Part part = Part::Header;
    };
    void addMarks(std::vector<PartRange> parts, std::vector<qint64> messageStarts);
    std::size_t markedMessages() const { return m_messageStarts.size(); }

private:
    struct Segment
    {
        QByteArray bytes;
        Origin origin = Origin::Neutral;
    };
    std::vector<Segment> m_segments;
    std::vector<qint64> m_starts; // m_starts[i] is the offset of m_segments[i]'s first byte
    qint64 m_size = 0;
    std::deque<PartRange> m_parts;      // sorted by `from`, not overlapping
    std::deque<qint64> m_messageStarts; // sorted
};

} // namespace ui
