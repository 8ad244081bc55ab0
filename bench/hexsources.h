// The byte sources every hex-view benchmark measures, so their figures compare: a buffer of 1 KB, 1 MB and
// 100 MB, and 100 MB in 1 KB segments alternating sent and received (a conversation). Benchmark code only;
// the bench_ui_* programs link the ui library.
#pragma once

#include "ui/hex/bytesource.h"

#include <QByteArray>

namespace benchsupport {

// Mixed text and binary, so a painter draws its usual mix of colour runs.
inline QByteArray hexPatternBytes(qint64 size)
{
    static const QByteArray text = QByteArrayLiteral("GET /index.html HTTP/1.1\r\nHost: example.org\r\n\r\n");
    QByteArray bytes(size, Qt::Uninitialized);
    for (qint64 i = 0; i < size; ++i)
        bytes[i] = (i / 64) % 2 == 0 ? text[i % text.size()] : char(i * 7 + (i >> 8));
    return bytes;
}

// Calls bench(name, source) for each source in turn; each source lives only during its call.
template<typename Bench>
void forEachHexSource(Bench bench)
{
    {
        ui::BufferByteSource source(hexPatternBytes(1024));
        bench("buffer 1 KB", &source);
    }
    {
        ui::BufferByteSource source(hexPatternBytes(1024 * 1024));
        bench("buffer 1 MB", &source);
    }
    const QByteArray big = hexPatternBytes(100 * 1024 * 1024);
    {
        ui::BufferByteSource source(big);
        bench("buffer 100 MB", &source);
    }
    {
        ui::SegmentedByteSource source;
        for (qint64 offset = 0; offset < big.size(); offset += 1024)
            source.appendSegment(big.mid(offset, 1024), offset % 2048 == 0 ? ui::ByteSource::Origin::Sent
                                                                           : ui::ByteSource::Origin::Received);
        bench("segmented 100 MB (1 KB segs)", &source);
    }
}

} // namespace benchsupport
