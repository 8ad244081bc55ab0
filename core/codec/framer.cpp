#include "core/codec/framer.h"

#include "core/codec/delimiterframer.h"
#include "core/codec/fixedlengthframer.h"
#include "core/codec/httpframer.h"
#include "core/codec/lengthprefixframer.h"

namespace core {

namespace {

// FramingKind::None: every piece as it came is a frame of its own (what the traffic list shows today).
class PassThroughFramer : public Framer
{
public:
    void feed(QByteArrayView bytes, FramerOutput &out) override
    {
        if (bytes.isEmpty())
            return;
        out.frames.push_back({m_offset, bytes.toByteArray(), 0, 0, true});
        m_offset += bytes.size();
    }
    void finish(FramerOutput &) override { m_offset = 0; }
    qsizetype pendingBytes() const override { return 0; }

private:
    qint64 m_offset = 0;
};

} // namespace

std::unique_ptr<Framer> makeFramer(const FramingSpec &spec)
{
    switch (spec.kind) {
    case FramingKind::None: return std::make_unique<PassThroughFramer>();
    case FramingKind::Delimiter: return std::make_unique<DelimiterFramer>(spec.effectiveDelimiter(), spec.maxFrameBytes);
    case FramingKind::LengthPrefix: return std::make_unique<LengthPrefixFramer>(spec);
    case FramingKind::FixedLength:
        return std::make_unique<FixedLengthFramer>(spec.effectiveFixedLength(), spec.maxFrameBytes);
    case FramingKind::Http: return std::make_unique<HttpFramer>(spec.maxFrameBytes);
    }
    return std::make_unique<PassThroughFramer>();
}

} // namespace core
