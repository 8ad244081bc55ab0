// FixedLengthFramer: every message is exactly N bytes (1 ≤ N ≤ maxFrameBytes); what the stream ends with,
// short of N, is an incomplete frame. Nothing to recover from. Pure; one owner at a time.
#pragma once

#include "core/codec/framer.h"

namespace core {

class FixedLengthFramer : public Framer
{
public:
    FixedLengthFramer(qint64 length, qint64 maxFrameBytes);

    void feed(QByteArrayView bytes, FramerOutput &out) override;
    void finish(FramerOutput &out) override;
    qsizetype pendingBytes() const override { return m_pending.size(); }
    qsizetype length() const { return m_length; }

private:
    qsizetype m_length;
    QByteArray m_pending; // fewer than m_length bytes between feeds
    qint64 m_offset = 0;  // stream offset of m_pending's first byte
};

} // namespace core
