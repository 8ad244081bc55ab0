// TcpServerSession when the process runs out of file descriptors (EMFILE), on loopback only (127.0.0.1).
// The soft RLIMIT_NOFILE is lowered so that only a chosen number of descriptors can still be opened; the
// server must report each refusal, close refused peers (or keep them waiting when it has no spare
// descriptor left), never busy-loop on its readable listening socket, and accept again once the limit is
// back. Every client socket is created before the limit is lowered, so the test itself never hits it.
#include "core/io/iothread.h"
#include "core/session/tcpserversession.h"

#include <QSet>
#include <QSignalSpy>
#include <QTest>

#include <arpa/inet.h>
#include <dirent.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <vector>

using namespace core;

namespace {

constexpr int kRefused = 5;     // clients connected once the table is full
constexpr int kInWindow = 20;   // clients connecting as the CPU measurement window opens
constexpr int kWindowMs = 300;
constexpr long kMaxWindowCpuMs = 150;
const QString kReasonPrefix = QStringLiteral("Out of file descriptors while accepting on 127.0.0.1:");

// The descriptors open now, as a set of numbers (the listing's own descriptor left out).
QSet<int> openDescriptors()
{
    QSet<int> open;
    DIR *directory = ::opendir("/proc/self/fd");
    if (!directory)
        return open;
    while (const dirent *entry = ::readdir(directory)) {
        if (entry->d_name[0] != '.')
            open.insert(std::atoi(entry->d_name));
    }
    open.remove(::dirfd(directory));
    ::closedir(directory);
    return open;
}

// The soft limit under which exactly `wanted` descriptor numbers are unused: the kernel always hands out
// the lowest free number, so these are the only descriptors anything in the process can still open.
int limitLeavingFree(const QSet<int> &open, int wanted)
{
    int seen = 0;
    for (int fd = 0; fd < INT_MAX; ++fd) {
        if (open.contains(fd))
            continue;
        if (seen == wanted)
            return fd;
        ++seen;
    }
    return INT_MAX;
}

QString linkTarget(int fd)
{
    char target[256] = {};
    const QByteArray path = "/proc/self/fd/" + QByteArray::number(fd);
    const ssize_t length = ::readlink(path.constData(), target, sizeof(target) - 1);
    return length > 0 ? QString::fromLocal8Bit(target, length) : QString();
}

// A plain client socket, created at once and connected later (creating it later could hit the limit).
struct PlainClient
{
    int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);

    PlainClient() = default;
    PlainClient(const PlainClient &) = delete;
    PlainClient &operator=(const PlainClient &) = delete;
    ~PlainClient()
    {
        if (fd >= 0)
            ::close(fd);
    }

    bool connectTo(quint16 port) const
    {
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(port);
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        const int result = ::connect(fd, reinterpret_cast<const sockaddr *>(&address), sizeof(address));
        return result == 0 || errno == EINPROGRESS;
    }
    // The handshake is done (a loopback handshake completes in the kernel, accepted or not).
    bool isConnected() const
    {
        pollfd entry{fd, POLLOUT, 0};
        int error = 0;
        socklen_t length = sizeof(error);
        return ::poll(&entry, 1, 0) == 1 && (entry.revents & POLLOUT)
            && ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length) == 0 && error == 0;
    }
    // The server ended the connection: end of stream or a reset. A live connection answers EAGAIN.
    bool isClosedByServer() const
    {
        char byte = 0;
        const ssize_t result = ::recv(fd, &byte, 1, MSG_DONTWAIT | MSG_PEEK);
        return result == 0 || (result < 0 && errno != EAGAIN && errno != EWOULDBLOCK);
    }
    quint16 localPort() const
    {
        sockaddr_in address{};
        socklen_t length = sizeof(address);
        ::getsockname(fd, reinterpret_cast<sockaddr *>(&address), &length);
        return ntohs(address.sin_port);
    }
};

using Clients = std::vector<std::unique_ptr<PlainClient>>;

Clients makeClients(int count)
{
    Clients clients;
    for (int i = 0; i < count; ++i)
        clients.push_back(std::make_unique<PlainClient>());
    return clients;
}

// The server under test and what it reported.
struct Server
{
    IoThread io;
    TcpServerSession session{io};
    QSignalSpy listening{&session, &TcpServerSession::listening};
    QSignalSpy connected{&session, &TcpServerSession::clientConnected};
    QSignalSpy rejected{&session, &TcpServerSession::clientRejected};
    QSignalSpy received{&session, &TcpServerSession::received};
    quint16 port = 0;
    int spare = -1; // the acceptor's spare descriptor
};

long cpuMilliseconds()
{
    rusage usage{};
    ::getrusage(RUSAGE_SELF, &usage);
    return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000
        + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000;
}

int countClosed(const Clients &clients, size_t from, size_t to)
{
    int closed = 0;
    for (size_t i = from; i < to; ++i)
        closed += clients[i]->isClosedByServer() ? 1 : 0;
    return closed;
}

bool reasonsOk(const QSignalSpy &rejected, QString *bad)
{
    for (const QList<QVariant> &arguments : rejected) {
        const QString reason = arguments.at(1).toString();
        if (!reason.startsWith(kReasonPrefix)) {
            *bad = reason;
            return false;
        }
    }
    return true;
}

} // namespace

class tst_DescriptorExhaustion : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();
    void survivesEmfile_data();
    void survivesEmfile();

private:
    void lowerLimit(int softLimit);
    void restoreLimit();
    void listenAndFindSpare(Server &server);
    void refuseWhileFull(Server &server, const Clients &clients, int freeSlots, bool spareUsable);
    void idleWhileFull(Server &server, const Clients &clients, int freeSlots, bool spareUsable);
    void serveNewClient(Server &server, const PlainClient &client);

    rlimit m_original{};
};

void tst_DescriptorExhaustion::initTestCase()
{
    QVERIFY2(::getrlimit(RLIMIT_NOFILE, &m_original) == 0, strerror(errno));
}

void tst_DescriptorExhaustion::cleanup()
{
    restoreLimit(); // even when the test failed with the limit lowered
}

void tst_DescriptorExhaustion::lowerLimit(int softLimit)
{
    rlimit lowered = m_original;
    lowered.rlim_cur = rlim_t(softLimit);
    QVERIFY2(::setrlimit(RLIMIT_NOFILE, &lowered) == 0, strerror(errno));
}

void tst_DescriptorExhaustion::restoreLimit()
{
    QVERIFY2(::setrlimit(RLIMIT_NOFILE, &m_original) == 0, strerror(errno));
}

void tst_DescriptorExhaustion::survivesEmfile_data()
{
    QTest::addColumn<int>("freeSlots");        // descriptors still available under the lowered limit
    QTest::addColumn<bool>("spareUsable");  // the acceptor's spare descriptor lies under the limit
    QTest::newRow("two free, spare under the limit") << 2 << true;
    QTest::newRow("none free, spare under the limit") << 0 << true;
    // The spare frees a number the process may not use: nothing can be accepted, so the refused
    // peers wait in the backlog and the acceptor must back off instead of spinning.
    QTest::newRow("none free, spare over the limit") << 0 << false;
}

void tst_DescriptorExhaustion::survivesEmfile()
{
    QFETCH(int, freeSlots);
    QFETCH(bool, spareUsable);

    Server server;
    listenAndFindSpare(server);
    if (QTest::currentTestFailed())
        return;
    Clients clients = makeClients(freeSlots + kRefused + kInWindow);
    PlainClient last; // connected once the limit is back
    const QSet<int> open = openDescriptors();
    const int limit = spareUsable ? limitLeavingFree(open, freeSlots)
                                  : qMin(limitLeavingFree(open, 0), server.spare);
    QVERIFY2((server.spare < limit) == spareUsable,
             qPrintable(QStringLiteral("spare %1, limit %2").arg(server.spare).arg(limit)));
    lowerLimit(limit);

    refuseWhileFull(server, clients, freeSlots, spareUsable);
    if (QTest::currentTestFailed())
        return;
    idleWhileFull(server, clients, freeSlots, spareUsable);
    if (QTest::currentTestFailed())
        return;

    // Descriptors are back: the server accepts again (without a spare, the waiting backlog first).
    restoreLimit();
    QTRY_COMPARE(server.connected.size(), spareUsable ? freeSlots : qsizetype(clients.size()));
    serveNewClient(server, last);
}

void tst_DescriptorExhaustion::listenAndFindSpare(Server &server)
{
    const QSet<int> beforeListen = openDescriptors();
    server.session.listen(
        *parseEndpoint(QStringLiteral("127.0.0.1"), 0, SocketType::Stream, EndpointPurpose::Listen).value);
    QTRY_COMPARE(server.listening.size(), 1);
    server.port = server.session.listenAddress().port();
    // The acceptor's spare is the /dev/null descriptor listen() opened.
    for (int fd : openDescriptors() - beforeListen) {
        if (linkTarget(fd) == QLatin1String("/dev/null"))
            server.spare = fd;
    }
    QVERIFY2(server.spare >= 0, "listen() opened no spare descriptor");
}

// The free descriptors go to the first clients; then the table is full and each newcomer is refused.
void tst_DescriptorExhaustion::refuseWhileFull(Server &server, const Clients &clients, int freeSlots,
                                               bool spareUsable)
{
    for (int i = 0; i < freeSlots; ++i)
        QVERIFY(clients[size_t(i)]->connectTo(server.port));
    QTRY_COMPARE(server.connected.size(), freeSlots);

    const auto refusedEnd = size_t(freeSlots + kRefused);
    for (size_t i = size_t(freeSlots); i < refusedEnd; ++i)
        QVERIFY(clients[i]->connectTo(server.port));
    for (size_t i = size_t(freeSlots); i < refusedEnd; ++i)
        QTRY_VERIFY2(clients[i]->isConnected(), "the kernel did not complete the handshake");
    if (spareUsable) {
        QTRY_COMPARE(countClosed(clients, size_t(freeSlots), refusedEnd), kRefused);
        QTRY_COMPARE(server.rejected.size(), qsizetype(kRefused)); // one report per refused peer
    } else {
        QTRY_VERIFY(server.rejected.size() >= 1);
    }
    QString badReason;
    QVERIFY2(reasonsOk(server.rejected, &badReason), qPrintable(badReason));
    QCOMPARE(countClosed(clients, 0, size_t(freeSlots)), 0); // clients accepted earlier are untouched
}

// Measurement window: more connections arrive (and, without a spare, the backlog stays full) while the
// server cannot accept. A busy-looping I/O thread would burn nearly the whole window (~300 ms of one core);
// a healthy one sleeps in epoll_wait (or its 100 ms back-off) and uses a few ms. CPU time only counts while
// we actually run, so a loaded machine cannot push a healthy process over half the window; it can only
// make a spinning one look cheaper, and even then it stays far above a few ms.
void tst_DescriptorExhaustion::idleWhileFull(Server &server, const Clients &clients, int freeSlots,
                                             bool spareUsable)
{
    const auto refusedEnd = size_t(freeSlots + kRefused);
    const qsizetype rejectedBefore = server.rejected.size();
    const long cpuBefore = cpuMilliseconds();
    for (size_t i = refusedEnd; i < clients.size(); ++i)
        QVERIFY(clients[i]->connectTo(server.port));
    QTest::qWait(kWindowMs); // the measurement window itself, not a wait for a condition
    const long cpuUsed = cpuMilliseconds() - cpuBefore;
    QVERIFY2(cpuUsed < kMaxWindowCpuMs,
             qPrintable(QStringLiteral("%1 ms of CPU in a %2 ms window: the I/O thread spins")
                            .arg(cpuUsed).arg(kWindowMs)));

    if (spareUsable) {
        QTRY_COMPARE(countClosed(clients, refusedEnd, clients.size()), kInWindow);
        QCOMPARE(server.connected.size(), freeSlots);
        // accept() fails with EMFILE on a full table even when nobody is waiting: no report for those.
        QTRY_COMPARE(server.rejected.size(), qsizetype(kRefused + kInWindow));
    } else {
        // One report per 100 ms back-off at most, not one per wake-up of a spinning loop.
        const qsizetype inWindow = server.rejected.size() - rejectedBefore;
        QVERIFY2(inWindow <= kWindowMs / 100 + 2, qPrintable(QStringLiteral("%1 rejections").arg(inWindow)));
        QCOMPARE(countClosed(clients, 0, clients.size()), 0); // waiting in the backlog, not dropped
    }
    QString badReason;
    QVERIFY2(reasonsOk(server.rejected, &badReason), qPrintable(badReason));
}

// A client connecting once descriptors are back is accepted and served: one byte each way.
void tst_DescriptorExhaustion::serveNewClient(Server &server, const PlainClient &client)
{
    const qsizetype before = server.connected.size();
    QVERIFY(client.connectTo(server.port));
    QTRY_COMPARE_WITH_TIMEOUT(server.connected.size(), before + 1, 10000);
    QCOMPARE(server.connected.constLast().at(1).value<SocketAddress>().port(), client.localPort());
    const auto id = server.connected.constLast().at(0).value<ConnectionId>();

    QTRY_VERIFY(client.isConnected());
    QCOMPARE(::send(client.fd, "x", 1, MSG_NOSIGNAL), ssize_t(1));
    QTRY_COMPARE(server.received.size(), 1);
    QCOMPARE(server.received.at(0).at(0).value<ConnectionId>(), id);
    QCOMPARE(server.received.at(0).at(1).toByteArray(), QByteArray("x"));
    server.session.send(id, QByteArray("y"));
    char reply = 0;
    // Peeked while waiting: QTRY evaluates its condition once more after it held.
    QTRY_VERIFY(::recv(client.fd, &reply, 1, MSG_DONTWAIT | MSG_PEEK) == 1);
    QCOMPARE(::recv(client.fd, &reply, 1, MSG_DONTWAIT), ssize_t(1));
    QCOMPARE(reply, 'y');
}

QTEST_GUILESS_MAIN(tst_DescriptorExhaustion)
#include "tst_descriptorexhaustion.moc"
