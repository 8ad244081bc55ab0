// bench_tcp_throughput: how fast the core's TCP sessions move bytes over loopback, and what it costs in
// signals and memory. Three scenarios, each against an independent plain-socket peer on its own
// std::thread (so the peer never shares the Qt event loop with the session being measured):
//   receive  a peer writes --bytes as fast as it can to a TcpClientSession
//   send     a TcpClientSession sends --bytes in 64 KiB sends, paced by backPressureChanged; since that flag
//            (like bytesWritten) reaches the owner at most once per drain, at most --window MiB are queued
//            but not yet written at any time, or one burst could queue everything
//   server   --clients plain clients each send --client-bytes to one TcpServerSession
// Every stream carries a known pattern and is checked byte for byte; any mismatch or timeout exits non-zero.
// Traffic goes to 127.0.0.1 only; every wait and every peer gives up after kTimeout.
#include "bench/benchsupport.h"
#include "bench/streampeer.h"
#include "core/io/iothread.h"
#include "core/session/tcpclientsession.h"
#include "core/session/tcpserversession.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QHash>
#include <QTimer>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
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

constexpr qint64 kMiB = 1024 * 1024;
// Waits until the I/O thread has run the teardown a destroyed session handed it (and the work that queued in
// turn), so the session's engine and capture are really freed before the next measurement starts.
void settle(IoThread &io)
{
    auto done = std::make_shared<std::atomic<bool>>(false); // shared: outlives us if the loop is slow
    EventLoop *loop = io.loop();
    loop->queueInLoop([loop, done] { loop->queueInLoop([done] { *done = true; }); });
    for (int i = 0; i < 1000 && !*done; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

// Starts a fresh peak-RSS measurement once the I/O thread has let go of the last scenario's memory.
long resetPeakRssKiB(IoThread &io)
{
    settle(io);
    return bench::resetPeakRssKiB();
}

// One row of the results table, printed as soon as it is known.
void row(const std::string &scenario, const char *figure, const std::string &value)
{
    std::printf("%-30s %-34s %s\n", scenario.c_str(), figure, value.c_str());
    std::fflush(stdout);
}

std::string perSecond(qint64 count, double elapsed)
{
    return format("%lld  (%.0f per s)", count, double(count) / elapsed);
}

std::string mibPerSecond(qint64 bytes, double elapsed)
{
    return format("%.1f MiB/s  (%.3f s)", double(bytes) / double(kMiB) / elapsed, elapsed);
}

// (a) A peer floods a TcpClientSession; the session's counters say when everything arrived.
bool benchReceive(IoThread &io, qint64 total)
{
    const long rssBefore = resetPeakRssKiB(io);
    quint16 port = 0;
    const int listener = listenLoopback(&port);
    std::atomic<Clock::time_point> start{};
    std::thread peer([listener, total, &start] {
        const int fd = acceptPeer(listener);
        start = Clock::now();
        const auto deadline = Clock::now() + kTimeout;
        for (qint64 sent = 0; fd >= 0 && sent < total && Clock::now() < deadline;) {
            const ssize_t n = ::send(fd, patternAt(quint64(sent)), size_t(std::min(kPiece, total - sent)),
                                     MSG_NOSIGNAL);
            if (n <= 0)
                break;
            sent += n;
        }
        ::close(fd);
    });

    TcpClientSession session(io);
    PatternCheck check;
    qint64 signalCount = 0;
    qint64 drains = 0;
    Clock::time_point end;
    QObject::connect(&session, &TcpClientSession::received, [&](const QByteArray &bytes) {
        ++signalCount;
        check.feed(bytes.constData(), bytes.size());
        if (session.counters().bytesIn >= quint64(total) && end == Clock::time_point())
            end = Clock::now();
    });
    QObject::connect(&session, &Session::countersChanged, [&drains] { ++drains; });
    session.connectToHost(QStringLiteral("127.0.0.1"), port);
    const bool arrived = waitFor([&] { return session.counters().bytesIn >= quint64(total); });
    if (!arrived)
        session.abort();
    peer.join();
    ::close(listener);

    const double elapsed = seconds(start, end);
    const CaptureStats capture = session.capture()->stats();
    const bool exact = arrived && session.counters().bytesIn == quint64(total) && check.ok;
    const std::string name = format("receive %lld MiB", total / kMiB);
    row(name, "throughput", arrived ? mibPerSecond(total, elapsed) : "TIMED OUT");
    row(name, "received signals", perSecond(signalCount, elapsed));
    row(name, "deliveries (countersChanged)", perSecond(drains, elapsed));
    row(name, "capture kept", format("%llu chunks, %.1f MiB", capture.keptChunks,
                                     double(capture.keptBytes) / double(kMiB)));
    row(name, "capture dropped", format("%llu chunks, %.1f MiB", capture.droppedChunks,
                                        double(capture.droppedBytes) / double(kMiB)));
    row(name, "peak RSS before / after", format("%ld / %ld MiB", rssBefore / 1024, peakRssKiB() / 1024));
    row(name, "bytes and pattern exact", exact ? "yes" : "NO");
    return exact;
}

// The peer of (b): reads and discards until end of stream, checking the pattern.
struct DiscardingPeer
{
    std::atomic<qint64> received{0};
    std::atomic<bool> ok{true};
    std::atomic<Clock::time_point> done{};

    void run(int listener, qint64 total)
    {
        const int fd = acceptPeer(listener);
        std::vector<char> buffer(size_t(4 * kPiece));
        PatternCheck check;
        const auto deadline = Clock::now() + kTimeout;
        while (fd >= 0 && Clock::now() < deadline) {
            const ssize_t n = ::recv(fd, buffer.data(), buffer.size(), 0);
            if (n <= 0)
                break;
            check.feed(buffer.data(), n);
            if ((received += n) >= total && done.load() == Clock::time_point())
                done = Clock::now();
        }
        ok = check.ok;
        ::close(fd);
    }
};

// (b) The session sends in 64 KiB pieces, stopping while back-pressure is high.
bool benchSend(IoThread &io, qint64 total, qint64 window)
{
    const long rssBefore = resetPeakRssKiB(io);
    quint16 port = 0;
    const int listener = listenLoopback(&port);
    DiscardingPeer discarding;
    std::thread peer([&discarding, listener, total] { discarding.run(listener, total); });

    TcpClientSession session(io);
    bool high = false;
    qint64 queued = 0;
    qint64 sends = 0;
    qint64 highCount = 0;
    Clock::time_point start;
    const auto pump = [&] {
        while (!high && queued < total && queued - qint64(session.counters().bytesOut) < window) {
            const qint64 size = std::min(kPiece, total - queued);
            session.send(QByteArray::fromRawData(patternAt(quint64(queued)), size)); // static: no copy
            queued += size;
            ++sends;
        }
    };
    QObject::connect(&session, &TcpClientSession::connected, [&] { start = Clock::now(); pump(); });
    QObject::connect(&session, &TcpClientSession::bytesWritten, pump);
    QObject::connect(&session, &TcpClientSession::backPressureChanged, [&](bool now) {
        high = now;
        highCount += now ? 1 : 0;
        pump();
    });
    session.connectToHost(QStringLiteral("127.0.0.1"), port);
    // The last Written event may reach the owner after the peer has the bytes: wait for both.
    const bool arrived = waitFor([&] {
        return discarding.received >= total && session.counters().bytesOut >= quint64(total);
    });
    session.disconnectFromHost(); // the peer sees end of stream and stops
    peer.join();
    ::close(listener);

    const double elapsed = seconds(start, discarding.done);
    const bool exact = arrived && discarding.received == total && discarding.ok
        && session.counters().bytesOut == quint64(total);
    const std::string name = format("send %lld MiB, %lld MiB window", total / kMiB, window / kMiB);
    row(name, "throughput", arrived ? mibPerSecond(total, elapsed) : "TIMED OUT");
    row(name, "send() calls / back-pressure highs", format("%lld / %lld", sends, highCount));
    row(name, "peak RSS before / after", format("%ld / %ld MiB", rssBefore / 1024, peakRssKiB() / 1024));
    row(name, "bytes and pattern exact", exact ? "yes" : "NO");
    return exact;
}

// The peer of (c): `clients` non-blocking sockets, each connecting and then writing `each` bytes.
struct ClientFleet
{
    std::atomic<Clock::time_point> start{};
    std::atomic<int> failures{0};

    bool writeSome(int fd, qint64 &offset, qint64 each)
    {
        const ssize_t n = ::send(fd, patternAt(quint64(offset)), size_t(std::min(kPiece, each - offset)),
                                 MSG_NOSIGNAL);
        const bool failed = n < 0 && errno != EAGAIN;
        failures += failed ? 1 : 0;
        offset += n > 0 ? n : 0;
        return failed; // a failed client is finished too
    }

    void run(quint16 port, int clients, qint64 each)
    {
        start = Clock::now();
        std::vector<pollfd> entries;
        std::vector<qint64> offsets(size_t(clients), 0);
        const sockaddr_in address = loopback(port);
        for (int i = 0; i < clients; ++i) {
            const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
            if (fd < 0 || (::connect(fd, reinterpret_cast<const sockaddr *>(&address), sizeof(address)) != 0
                           && errno != EINPROGRESS))
                ++failures;
            entries.push_back({fd, POLLOUT, 0});
        }
        const auto deadline = Clock::now() + kTimeout;
        for (int left = clients; left > 0 && Clock::now() < deadline;) {
            if (::poll(entries.data(), entries.size(), 100) < 0)
                break;
            for (size_t i = 0; i < entries.size(); ++i) {
                pollfd &entry = entries[i];
                if (entry.fd < 0 || !(entry.revents & (POLLOUT | POLLERR | POLLHUP)))
                    continue;
                if (writeSome(entry.fd, offsets[i], each) || offsets[i] == each) {
                    ::close(entry.fd); // FIN after the queued bytes
                    entry.fd = -1;
                    --left;
                }
            }
        }
        for (const pollfd &entry : entries) {
            if (entry.fd >= 0) {
                ::close(entry.fd);
                ++failures;
            }
        }
    }
};

// Each accepted client needs a descriptor here and its peer one more.
bool ensureDescriptors(int clients)
{
    rlimit limit{};
    ::getrlimit(RLIMIT_NOFILE, &limit);
    const auto wanted = rlim_t(2 * clients + 64);
    if (limit.rlim_cur < wanted && limit.rlim_max >= wanted) {
        limit.rlim_cur = wanted;
        ::setrlimit(RLIMIT_NOFILE, &limit);
    }
    return limit.rlim_cur >= wanted;
}

struct ServerTally
{
    QHash<ConnectionId, PatternCheck> checks;
    qint64 signalCount = 0;
    qint64 drains = 0;
    Clock::time_point acceptedAll;
    Clock::time_point receivedAll;
};

// (c) One TcpServerSession, many clients sending at once.
bool benchServer(IoThread &io, int clients, qint64 each)
{
    const std::string name = format("server %d x %lld KiB", clients, each / 1024);
    if (!ensureDescriptors(clients)) {
        row(name, "descriptor limit", "TOO LOW (ulimit -n)");
        return false;
    }
    const long rssBefore = resetPeakRssKiB(io);
    const quint64 total = quint64(clients) * quint64(each);
    TcpServerSession server(io);
    ServerTally tally;
    QObject::connect(&server, &TcpServerSession::clientConnected, [&](ConnectionId id) {
        tally.checks.insert(id, PatternCheck{});
        if (tally.checks.size() == clients)
            tally.acceptedAll = Clock::now();
    });
    QObject::connect(&server, &TcpServerSession::received, [&](ConnectionId id, const QByteArray &bytes) {
        ++tally.signalCount;
        tally.checks[id].feed(bytes.constData(), bytes.size());
        if (server.counters().bytesIn >= total && tally.receivedAll == Clock::time_point())
            tally.receivedAll = Clock::now();
    });
    QObject::connect(&server, &Session::countersChanged, [&tally] { ++tally.drains; });
    ListenOptions options;
    options.backlog = std::max(128, clients); // a full backlog drops SYNs: 1 s retransmits would dominate
    options.maxClients = clients;
    server.listen(*core::parseEndpoint(QStringLiteral("127.0.0.1"), 0, core::SocketType::Stream,
                                       core::EndpointPurpose::Listen).value, options);
    if (!waitFor([&] { return server.isListening(); })) {
        row(name, "listen", "FAILED");
        return false;
    }

    ClientFleet fleet;
    const quint16 port = server.listenAddress().port();
    std::thread peer([&fleet, port, clients, each] { fleet.run(port, clients, each); });
    const bool arrived = waitFor([&] { return server.counters().bytesIn >= total; });
    peer.join();

    bool exact = arrived && fleet.failures == 0 && server.counters().bytesIn == total
        && tally.checks.size() == clients;
    for (auto it = tally.checks.cbegin(); it != tally.checks.cend(); ++it)
        exact = exact && it->ok && server.connectionCounters(it.key()).bytesIn == quint64(each);
    const Clock::time_point start = fleet.start;
    const double elapsed = seconds(start, tally.receivedAll);
    row(name, "time to accept all", format("%.3f s", seconds(start, tally.acceptedAll)));
    row(name, "time to receive all", arrived ? mibPerSecond(qint64(total), elapsed) : "TIMED OUT");
    row(name, "received signals", perSecond(tally.signalCount, elapsed));
    row(name, "deliveries (countersChanged)", perSecond(tally.drains, elapsed));
    row(name, "peak RSS before / after", format("%ld / %ld MiB", rssBefore / 1024, peakRssKiB() / 1024));
    row(name, "bytes and pattern exact",
              exact ? "yes" : format("NO (%d client failures)", fleet.failures.load()));
    return exact;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("TCP throughput of the core sessions over 127.0.0.1."));
    parser.addHelpOption();
    const QCommandLineOption bytesOption(QStringLiteral("bytes"), QStringLiteral("Bytes for receive and send."),
                                         QStringLiteral("n"), QString::number(1024 * kMiB));
    const QCommandLineOption clientsOption(QStringLiteral("clients"), QStringLiteral("Clients for server."),
                                           QStringLiteral("k"), QStringLiteral("1000"));
    const QCommandLineOption eachOption(QStringLiteral("client-bytes"), QStringLiteral("Bytes per client."),
                                        QStringLiteral("m"), QString::number(1024 * 1024));
    const QCommandLineOption windowOption(QStringLiteral("window"), QStringLiteral("send: MiB queued at most."),
                                          QStringLiteral("mib"), QStringLiteral("8"));
    const QCommandLineOption onlyOption(QStringLiteral("only"), QStringLiteral("receive, send or server."),
                                        QStringLiteral("scenario"));
    parser.addOptions({bytesOption, clientsOption, eachOption, windowOption, onlyOption});
    parser.process(app);
    const qint64 bytes = parser.value(bytesOption).toLongLong();
    const int clients = parser.value(clientsOption).toInt();
    const qint64 each = parser.value(eachOption).toLongLong();
    const qint64 window = parser.value(windowOption).toLongLong() * kMiB;
    const QString only = parser.value(onlyOption);
    if (bytes <= 0 || clients <= 0 || each <= 0 || window <= 0) {
        std::fprintf(stderr, "bench_tcp_throughput: --bytes, --clients, --client-bytes and --window must be "
                             "positive\n");
        return 2;
    }

    IoThread io;
    std::printf("%-30s %-34s %s\n", "scenario", "figure", "value");
    bool ok = true;
    if (only.isEmpty() || only == QLatin1String("receive"))
        ok = benchReceive(io, bytes) && ok;
    if (only.isEmpty() || only == QLatin1String("send"))
        ok = benchSend(io, bytes, window) && ok;
    if (only.isEmpty() || only == QLatin1String("server"))
        ok = benchServer(io, clients, each) && ok;
    return ok ? 0 : 1;
}
