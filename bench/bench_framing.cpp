// bench_framing: how fast each framer cuts a stream into messages — 64 MiB of well-formed frames per kind
// (small and large messages), fed in 64 KiB reads as a socket hands them over, and the same stream fed
// in 1,500-byte reads (one Ethernet frame each). Prints MB/s and messages/s, and checks that the framer
// found exactly the messages that were written, byte totals included. Pure code: no sockets.
#include "core/codec/framer.h"

#include <QByteArray>
#include <QCoreApplication>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <vector>

using namespace core;

namespace {

constexpr qsizetype kStreamBytes = 64 * 1024 * 1024;

struct Scenario
{
    const char *name;
    FramingSpec spec;
    std::function<QByteArray(int index)> message; // one framed message, as on the wire
};

QByteArray body(int index, qsizetype size)
{
    QByteArray bytes(size, 'a');
    for (qsizetype i = 0; i < size; ++i)
        bytes[i] = char('a' + (index + i) % 26);
    return bytes;
}

QByteArray lengthHeader(quint64 length)
{
    QByteArray header(4, '\0');
    for (int i = 0; i < 4; ++i)
        header[3 - i] = char((length >> (8 * i)) & 0xff);
    return header;
}

std::vector<Scenario> scenarios()
{
    std::vector<Scenario> all;
    FramingSpec spec;
    spec.kind = FramingKind::Delimiter;
    spec.delimiter = "\r\n";
    all.push_back({"delimiter CRLF, 64 B lines", spec, [](int i) { return body(i, 62) + "\r\n"; }});
    all.push_back({"delimiter CRLF, 4 KiB lines", spec, [](int i) { return body(i, 4094) + "\r\n"; }});
    spec = {};
    spec.kind = FramingKind::LengthPrefix;
    spec.lengthWidth = 4;
    all.push_back({"length prefix 4 B BE, 64 B", spec, [](int i) { return lengthHeader(60) + body(i, 60); }});
    all.push_back({"length prefix 4 B BE, 64 KiB", spec,
                   [](int i) { return lengthHeader(65532) + body(i, 65532); }});
    spec = {};
    spec.kind = FramingKind::FixedLength;
    spec.fixedLength = 64;
    all.push_back({"fixed 64 B", spec, [](int i) { return body(i, 64); }});
    spec = {};
    spec.kind = FramingKind::Http;
    all.push_back({"HTTP, Content-Length 1 KiB", spec, [](int i) {
                       const QByteArray content = body(i, 1024);
                       return QByteArray("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 1024\r\n\r\n")
                              + content;
                   }});
    all.push_back({"HTTP, chunked 4 x 1 KiB", spec, [](int i) {
                       QByteArray message("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
                       for (int c = 0; c < 4; ++c)
                           message += "400\r\n" + body(i + c, 1024) + "\r\n";
                       return message + "0\r\n\r\n";
                   }});
    return all;
}

void run(const Scenario &scenario, qsizetype readSize)
{
    QByteArray stream;
    stream.reserve(kStreamBytes + 70000);
    qint64 messages = 0;
    while (stream.size() < kStreamBytes)
        stream += scenario.message(int(messages++));
    auto framer = makeFramer(scenario.spec);
    FramerOutput out;
    qint64 frames = 0;
    qint64 framedBytes = 0;
    qint64 errors = 0;
    const auto start = std::chrono::steady_clock::now();
    for (qsizetype at = 0; at < stream.size(); at += readSize) {
        framer->feed(QByteArrayView(stream).sliced(at, std::min(readSize, stream.size() - at)), out);
        frames += qint64(out.frames.size());
        for (const Frame &frame : out.frames)
            framedBytes += frame.bytes.size();
        errors += qint64(out.errors.size());
        out.frames.clear();
        out.errors.clear();
    }
    framer->finish(out);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    frames += qint64(out.frames.size());
    const bool exact = frames == messages && framedBytes == stream.size() && errors == 0;
    std::printf("%-30s %6lld B reads  %8.1f MB/s  %11.0f messages/s  %s\n", scenario.name,
                static_cast<long long>(readSize), double(stream.size()) / seconds / 1e6, double(frames) / seconds,
                exact ? "exact" : "WRONG");
    if (!exact)
        std::exit(1);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    std::printf("64 MiB of framed messages per scenario, fed to one framer\n");
    for (const Scenario &scenario : scenarios()) {
        run(scenario, 64 * 1024);
        run(scenario, 1500);
    }
    return 0;
}
