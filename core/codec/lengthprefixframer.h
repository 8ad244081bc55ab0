// LengthPrefixFramer: [preamble][length header][body] — a fixed preamble (a sync word, a type byte), then a
// 1, 2, 4 or 8-byte unsigned length, big or little endian, that counts the body alone or the whole frame.
// Recovery: a length over maxFrameBytes is reported at its offset and that frame is skipped (its bytes are
// dropped as they come, never held); a length that counts the header but is smaller than the header is
// reported and the header dropped, and framing goes on after it. Pure; one owner at a time.
#pragma once

#include "core/codec/framer.h"
#include "core/codec/streamwindow.h"

namespace core {

class LengthPrefixFramer : public Framer
{
public:
    explicit LengthPrefixFramer(const FramingSpec &spec);

    void feed(QByteArrayView bytes, FramerOutput &out) override;
    void finish(FramerOutput &out) override;
    qsizetype pendingBytes() const override { return m_window.size(); }

    qsizetype headerSize() const { return m_preamble + m_width; }

private:
    quint64 readLength() const;
    void takeFrames(qsizetype header, FramerOutput &out);

    int m_width;
    int m_preamble;
    ByteOrder m_order;
    bool m_countsHeader;
    qint64 m_max;
    StreamWindow m_window; // from the start of the current frame
    quint64 m_skip = 0;   // bytes of an oversize frame still to drop
};

} // namespace core
