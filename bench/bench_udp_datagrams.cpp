// bench_udp_datagrams: how many datagrams a bound UdpSession takes in per second over loopback, what it
// costs in signals and memory, and how many the kernel dropped on the way. A plain-socket sender on its own
// std::thread sends --datagrams numbered datagrams of --size bytes to 127.0.0.1 at full speed (or at
// --rate per second), then an end marker. UDP may drop under load: loss is reported, never a failure.
// A malformed, duplicated or unknown datagram, or counters that disagree with what arrived, exit non-zero.
// Every wait gives up after kTimeout; the sender's loop is bounded by its count and kTimeout.
#include "bench/benchsupport.h"
#include "core/io/iothread.h"
#include "core/session/udpsession.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTimer>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

using namespace core;
using namespace bench;

namespace {

constexpr quint64 kEndMarker = ~quint64(0);
constexpr qsizetype kHeader = sizeof(quint64); // each datagram starts with its number
constexpr auto kQuiet = std::chrono::milliseconds(500); // after the sender is done, silence this long ends it

void row(const char *figure, const std::string &value)
{
    std::printf("%-36s %s\n", figure, value.c_str());
}

// Datagram `number`: its number, then filler bytes that depend on it, so a mix-up shows.
QByteArray datagram(quint64 number, qsizetype size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    std::memcpy(bytes.data(), &number, kHeader);
    for (qsizetype i = kHeader; i < size; ++i)
        bytes[i] = char((number + quint64(i)) & 0xff);
    return bytes;
}

// Whether bytes is a datagram as datagram() made it (checked in place: the owner thread is being measured).
bool wellFormed(const QByteArray &bytes, qsizetype size, quint64 *number)
{
    if (bytes.size() != size)
        return false;
    std::memcpy(number, bytes.constData(), kHeader);
    for (qsizetype i = kHeader; i < size; ++i) {
        if (bytes[i] != char((*number + quint64(i)) & 0xff))
            return false;
    }
    return true;
}

struct Sender
{
    std::atomic<Clock::time_point> start{};
    std::atomic<Clock::time_point> end{};
    std::atomic<qint64> sent{0};
    std::atomic<bool> done{false};

    void run(quint16 port, qint64 count, qsizetype size, qint64 rate)
    {
        const int fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        sockaddr_in target{};
        target.sin_family = AF_INET;
        target.sin_port = htons(port);
        target.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (fd < 0 || ::connect(fd, reinterpret_cast<const sockaddr *>(&target), sizeof(target)) != 0) {
            std::perror("bench_udp_datagrams: sender socket");
            done = true;
            return;
        }
        start = Clock::now();
        const auto deadline = start.load() + kTimeout;
        qint64 i = 0;
        for (; i < count && Clock::now() < deadline; ++i) {
            if (rate > 0 && i % 64 == 0)
                std::this_thread::sleep_until(start.load() + std::chrono::microseconds(i * 1000000 / rate));
            const QByteArray bytes = datagram(quint64(i), size);
            sent += ::send(fd, bytes.constData(), size_t(size), 0) == size ? 1 : 0;
        }
        end = Clock::now();
        const QByteArray marker = datagram(kEndMarker, size);
        [[maybe_unused]] const ssize_t n = ::send(fd, marker.constData(), size_t(size), 0);
        ::close(fd);
        done = true;
    }
};

struct Tally
{
    std::vector<bool> seen;
    qint64 received = 0;
    qint64 signalCount = 0;
    qint64 drains = 0;
    qint64 bad = 0; // malformed, duplicated or unknown
    bool markerSeen = false;
    Clock::time_point last;

    void take(const QByteArray &bytes, qsizetype size)
    {
        ++signalCount;
        last = Clock::now();
        quint64 number = 0;
        if (!wellFormed(bytes, size, &number)) {
            ++bad;
            return;
        }
        if (number == kEndMarker) {
            markerSeen = true;
            return;
        }
        if (number >= seen.size() || seen[number]) {
            ++bad;
            return;
        }
        seen[number] = true;
        ++received;
    }
};

bool finished(const Sender &sender, const Tally &tally)
{
    return tally.markerSeen || (sender.done && Clock::now() - tally.last > kQuiet);
}

void report(const Sender &sender, const Tally &tally, qint64 count, long rssBefore, const CaptureStats &capture)
{
    const double sendTime = seconds(sender.start, sender.end);
    const double receiveTime = seconds(sender.start, tally.last);
    const qint64 lost = sender.sent - tally.received;
    row("sent by the peer", format("%lld of %lld  (%.0f per s)", sender.sent.load(), count,
                                   double(sender.sent) / sendTime));
    row("received by the session", format("%lld  (%.0f per s)", tally.received,
                                          double(tally.received) / receiveTime));
    row("lost (kernel queue full)", format("%lld  (%.1f %%)", lost, 100.0 * double(lost) / double(sender.sent)));
    row("datagramReceived signals", format("%lld  (%.0f per s)", tally.signalCount,
                                           double(tally.signalCount) / receiveTime));
    row("deliveries (countersChanged)", format("%lld  (%.0f per s)", tally.drains,
                                               double(tally.drains) / receiveTime));
    row("end marker arrived", tally.markerSeen ? "yes" : "no (lost; ended after 500 ms of silence)");
    row("capture kept / dropped", format("%llu / %llu chunks", capture.keptChunks, capture.droppedChunks));
    row("peak RSS before / after", format("%ld / %ld MiB", rssBefore / 1024, peakRssKiB() / 1024));
    row("malformed or duplicated", format("%lld", tally.bad));
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("UDP datagrams into a UdpSession over 127.0.0.1."));
    parser.addHelpOption();
    const QCommandLineOption countOption(QStringLiteral("datagrams"), QStringLiteral("Datagrams to send."),
                                         QStringLiteral("d"), QStringLiteral("200000"));
    const QCommandLineOption sizeOption(QStringLiteral("size"), QStringLiteral("Bytes per datagram (8-65507)."),
                                        QStringLiteral("bytes"), QStringLiteral("64"));
    const QCommandLineOption rateOption(QStringLiteral("rate"),
                                        QStringLiteral("Datagrams per second; 0: full speed."),
                                        QStringLiteral("r"), QStringLiteral("0"));
    parser.addOptions({countOption, sizeOption, rateOption});
    parser.process(app);
    const qint64 count = parser.value(countOption).toLongLong();
    const qsizetype size = parser.value(sizeOption).toInt();
    const qint64 rate = parser.value(rateOption).toLongLong();
    if (count <= 0 || size < kHeader || size > 65507 || rate < 0) {
        std::fprintf(stderr, "bench_udp_datagrams: bad --datagrams, --size or --rate\n");
        return 2;
    }

    IoThread io;
    const long rssBefore = resetPeakRssKiB();
    UdpSession session(io);
    Tally tally;
    tally.seen.assign(size_t(count), false);
    QObject::connect(&session, &UdpSession::datagramReceived,
                     [&tally, size](const QByteArray &bytes) { tally.take(bytes, size); });
    QObject::connect(&session, &Session::countersChanged, [&tally] { ++tally.drains; });
    session.bind(*core::parseEndpoint(QStringLiteral("127.0.0.1"), 0, core::SocketType::Datagram,
                                     core::EndpointPurpose::Bind).value);
    if (!waitFor([&] { return session.isBound(); })) {
        std::fprintf(stderr, "bench_udp_datagrams: the session did not bind\n");
        return 1;
    }

    Sender sender;
    std::thread peer([&sender, port = session.localAddress().port(), count, size, rate] {
        sender.run(port, count, size, rate);
    });
    const bool ended = waitFor([&] { return finished(sender, tally); });
    peer.join();

    std::printf("%lld datagrams of %lld bytes, %s\n", count, qint64(size),
                rate > 0 ? format("%lld per s", rate).c_str() : "full speed");
    report(sender, tally, count, rssBefore, session.capture()->stats());
    // Counters are exact whatever the loss: every datagram that reached the session is counted once.
    const TrafficCounters counters = session.counters();
    const auto arrived = quint64(tally.signalCount);
    const bool exact = ended && tally.bad == 0 && counters.messagesIn == arrived
        && counters.bytesIn == arrived * quint64(size);
    row("counters exact, nothing malformed", exact ? "yes" : "NO");
    return exact ? 0 : 1;
}
