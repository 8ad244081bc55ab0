// Many clients closing at once, seen by a real server tab: a ServerTab (offscreen) listens on 127.0.0.1, the
// benchmark opens N plain non-blocking sockets to it (from a child process, see PeerProcess), waits until every one is in the clients table, then
// closes them all at once (close() on each) — or presses Stop — and measures, until the table shows none
// open: the UI thread's longest stall (the longest gap of a zero-interval heartbeat), the total time and
// the scenario's peak RSS. Each client's FIN closes the server's side too (close-on-FIN on), so every row
// ends closed; the "half-close" scenario leaves that off, and the rows end "peer finished sending". Stop
// closes each client gracefully and waits for its FIN; these peers never answer, so Stop's total time is the
// close timeout (3 s) while the rows say "closing" — its stall is the figure that matters.
#include "tests/support/plainpeer.h"
#include "tests/support/stallmeter.h"
#include "core/io/iothread.h"
#include "core/session/tcpserversession.h"
#include "ui/session/clientsmodel.h"
#include "ui/log/connectionlog.h"
#include "ui/session/servertab.h"

#include "benchsupport.h"

#include <QAbstractButton>
#include <QApplication>
#include <QElapsedTimer>
#include <QSpinBox>
#include <QStyleFactory>
#include <QTimer>

#include <arpa/inet.h>
#include <cerrno>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <vector>

namespace {

constexpr int kConnectBatch = 100; // below the listen backlog (128), so no SYN waits for a retry

using testsupport::StallMeter;

// The clients live in a child process (forked before any thread starts), so the server's descriptors and
// theirs do not share one process's limit: 10,000 of each would not fit under a hard limit of 20,000.
// The parent sends commands down a pipe; the child answers each with an int.
class PeerProcess
{
public:
    enum Op : int { Open, CloseAll, Exit };
    struct Command
    {
        Op op = Exit;
        int count = 0;
        quint16 port = 0;
    };

    PeerProcess()
    {
        int toChild[2];
        int toParent[2];
        if (::pipe(toChild) != 0 || ::pipe(toParent) != 0)
            return;
        const pid_t pid = ::fork();
        if (pid == 0) {
            ::close(toChild[1]);
            ::close(toParent[0]);
            serve(toChild[0], toParent[1]);
            ::_exit(0);
        }
        ::close(toChild[0]);
        ::close(toParent[1]);
        m_pid = pid;
        m_commands = toChild[1];
        m_answers = toParent[0];
    }
    ~PeerProcess()
    {
        if (m_pid > 0) {
            post({Exit, 0, 0});
            ::waitpid(m_pid, nullptr, 0);
        }
    }
    bool isValid() const { return m_pid > 0; }
    // Opens `count` more connections; the number opened (short of `count` on a failure).
    int open(int count, quint16 port)
    {
        post({Open, count, port});
        return answer();
    }
    // Closes every connection at once; the answer is read by answer(), so the UI's loop runs meanwhile.
    void postCloseAll() { post({CloseAll, 0, 0}); }
    int answer()
    {
        int value = -1;
        return ::read(m_answers, &value, sizeof(value)) == ssize_t(sizeof(value)) ? value : -1;
    }

private:
    void post(const Command &command) { (void)!::write(m_commands, &command, sizeof(command)); }

    static void serve(int commands, int answers)
    {
        std::vector<int> fds;
        Command command;
        while (::read(commands, &command, sizeof(command)) == ssize_t(sizeof(command)) && command.op != Exit) {
            int result = 0;
            if (command.op == Open) {
                for (; result < command.count; ++result) {
                    const int fd = testsupport::connectToLoopback(command.port, SOCK_NONBLOCK);
                    if (fd < 0)
                        break;
                    fds.push_back(fd);
                }
            } else {
                for (const int fd : fds)
                    ::close(fd);
                result = int(fds.size());
                fds.clear();
            }
            (void)!::write(answers, &result, sizeof(result));
        }
    }

    pid_t m_pid = -1;
    int m_commands = -1;
    int m_answers = -1;
};

// The soft descriptor limit (often 1,024) up to the hard one: the server holds one per client.
void raiseDescriptorLimit()
{
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0)
        return;
    limit.rlim_cur = limit.rlim_max;
    ::setrlimit(RLIMIT_NOFILE, &limit);
}

int openRows(const ui::ClientsModel &model)
{
    int open = 0;
    for (int row = 0; row < model.rowCount(); ++row)
        open += model.isOpen(row) ? 1 : 0;
    return open;
}

enum class Ending { ClientsClose, ClientsHalfClose, Stop };

void benchScenario(PeerProcess &peers, const char *name, int clients, Ending ending)
{
    const long rssBefore = bench::resetPeakRssKiB();
    core::IoThread io;
    ui::ServerTab tab(io);
    tab.resize(1260, 810);
    tab.show();
    tab.findChild<QSpinBox *>(QStringLiteral("maxClients"))->setValue(clients);
    core::TcpServerSession *server = tab.serverSession();
    tab.findChild<QAbstractButton *>(QStringLiteral("listenButton"))->click();
    if (!bench::waitFor([server] { return server->isListening(); })) {
        std::printf("%s: did not listen\n", name);
        return;
    }
    server->setCloseOnPeerFin(ending != Ending::ClientsHalfClose);
    const quint16 port = server->listenAddress().port();

    int opened = 0;
    const auto connectStart = bench::Clock::now();
    StallMeter stalls;
    while (opened < clients) {
        const int batch = qMin(kConnectBatch, clients - opened);
        const int now = peers.open(batch, port);
        opened += qMax(now, 0);
        if (now != batch) {
            std::printf("%s: connect failed after %d clients\n", name, opened);
            peers.postCloseAll();
            peers.answer();
            return;
        }
        if (!bench::waitFor([&] { return tab.clientsModel()->rowCount() >= opened; })) {
            std::printf("%s: only %d of %d clients reached the table\n", name, tab.clientsModel()->rowCount(), opened);
            peers.postCloseAll();
            peers.answer();
            return;
        }
    }
    const double connectStallMs = stalls.take();
    const double connectS = bench::seconds(connectStart, bench::Clock::now());
    const qint64 logBefore = qint64(tab.log()->lineCount()) + qint64(tab.log()->trimmedCount());

    const auto start = bench::Clock::now();
    stalls.take();
    if (ending == Ending::Stop) {
        tab.findChild<QAbstractButton *>(QStringLiteral("listenButton"))->click();
    } else {
        peers.postCloseAll();
    }
    const bool done = bench::waitFor([&] {
        if (ending == Ending::ClientsHalfClose) {
            int halfClosed = 0;
            for (int row = 0; row < tab.clientsModel()->rowCount(); ++row)
                halfClosed += tab.clientsModel()->index(row, ui::ClientsModel::StateColumn).data().toString()
                                      == ui::ClientsModel::tr("peer finished sending") ? 1 : 0;
            return halfClosed == clients;
        }
        return server->clientIds().isEmpty() && openRows(*tab.clientsModel()) == 0;
    });
    const double stallMs = stalls.take();
    const double totalS = bench::seconds(start, bench::Clock::now());
    std::printf("%-34s %6d clients: longest stall %8.1f ms, total %6.2f s, log +%lld lines, rows left %d, "
                "peak RSS +%ld MiB (connect: %.2f s, longest stall %.1f ms)%s\n",
                name, clients, stallMs, totalS, qint64(tab.log()->lineCount()) + qint64(tab.log()->trimmedCount()) - logBefore, tab.clientsModel()->rowCount(),
                (bench::peakRssKiB() - rssBefore) / 1024, connectS, connectStallMs, done ? "" : " TIMED OUT");
    std::fflush(stdout);
    if (ending == Ending::Stop)
        peers.postCloseAll();
    peers.answer();
    if (server->isListening()) {
        server->stop();
        bench::waitFor([server] { return !server->isListening(); });
    }
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    raiseDescriptorLimit();
    PeerProcess peers; // before QApplication and the I/O thread: fork() a single-threaded process
    if (!peers.isValid())
        return 1;
    QApplication app(argc, argv);
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));

    // A count on the command line runs one scenario with that many (quick checks): the clients close, or with
    // "stop" after the count, Stop is pressed.
    if (argc > 1) {
        const bool stop = argc > 2 && QByteArray(argv[2]) == "stop";
        benchScenario(peers, stop ? "Stop" : "clients close (FIN)", QByteArray(argv[1]).toInt(),
                      stop ? Ending::Stop : Ending::ClientsClose);
        return 0;
    }
    benchScenario(peers, "warm-up", 200, Ending::ClientsClose);
    for (const int clients : {2'000, 5'000, 10'000})
        benchScenario(peers, "clients close (FIN)", clients, Ending::ClientsClose);
    benchScenario(peers, "clients half-close (FIN, stay)", 10'000, Ending::ClientsHalfClose);
    benchScenario(peers, "Stop", 10'000, Ending::Stop);
    return 0;
}
