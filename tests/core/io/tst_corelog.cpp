// The core trace (logging category sockscope.core): silent by default, and with the debug rule on it tells
// a server's life in order — listening, a connect attempt, the accept, the peer's FIN, the close, the stop.
#include "core/io/corelog.h"
#include "core/io/iothread.h"
#include "core/session/tcpclientsession.h"
#include "core/session/tcpserversession.h"
#include "support/testpeers.h"

#include <QLoggingCategory>
#include <QSignalSpy>
#include <QTest>

#include <mutex>

using namespace core;

namespace {

std::mutex g_mutex;
QStringList g_lines; // sockscope.core messages, from any thread
QtMessageHandler g_previous = nullptr;

void collect(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (context.category && qstrcmp(context.category, "sockscope.core") == 0) {
        std::lock_guard lock(g_mutex);
        g_lines.append(message);
        return;
    }
    g_previous(type, context, message);
}

QStringList lines()
{
    std::lock_guard lock(g_mutex);
    return g_lines;
}

} // namespace

class tst_CoreLog : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void offByDefault();
    void traceTellsAConnectionInOrder();

private:
    void runOneConnection();
};

void tst_CoreLog::init()
{
    {
        std::lock_guard lock(g_mutex);
        g_lines.clear();
    }
    g_previous = qInstallMessageHandler(collect);
}

void tst_CoreLog::cleanup()
{
    qInstallMessageHandler(g_previous);
    QLoggingCategory::setFilterRules({});
}

// A server and a client on loopback: connect, send, the client finishes, both close, the server stops.
void tst_CoreLog::runOneConnection()
{
    IoThread io;
    TcpServerSession server(io);
    QSignalSpy listening(&server, &TcpServerSession::listening);
    QSignalSpy stopped(&server, &TcpServerSession::stopped);
    ListenOptions options;
    options.connection.closeOnPeerFin = true;
    server.listen(testsupport::streamEndpoint(QStringLiteral("127.0.0.1"), 0), options);
    QVERIFY(listening.wait(5000));
    TcpClientSession client(io);
    QSignalSpy connected(&client, &TcpClientSession::connected);
    QSignalSpy closed(&client, &TcpClientSession::closed);
    client.connectToHost(QStringLiteral("127.0.0.1"), server.listenAddress().port());
    QVERIFY(connected.wait(5000));
    client.disconnectFromHost();
    QVERIFY(closed.wait(5000));
    server.stop();
    QVERIFY(stopped.wait(5000));
}

void tst_CoreLog::offByDefault()
{
    QVERIFY(!lcCore().isDebugEnabled());
    QVERIFY(lcCore().isWarningEnabled());
    runOneConnection();
    QCOMPARE(lines(), QStringList());
}

void tst_CoreLog::traceTellsAConnectionInOrder()
{
    QLoggingCategory::setFilterRules(QStringLiteral("sockscope.core.debug=true"));
    QVERIFY(lcCore().isDebugEnabled());
    runOneConnection();
    const QStringList trace = lines();
    const QList<QRegularExpression> expected{
        QRegularExpression(QStringLiteral("^#\\d+: listening on 127\\.0\\.0\\.1:\\d+$")),
        QRegularExpression(QStringLiteral("^connecting to 127\\.0\\.0\\.1:\\d+$")),
        QRegularExpression(QStringLiteral("^accepted on 127\\.0\\.0\\.1:\\d+ from 127\\.0\\.0\\.1:\\d+$")),
        QRegularExpression(QStringLiteral("^#\\d+: 127\\.0\\.0\\.1:\\d+ finished sending \\(FIN\\)$")),
        QRegularExpression(QStringLiteral("^#\\d+: closed \\((graceful|peer finished)\\), connection with "
                                          "127\\.0\\.0\\.1:\\d+$")),
        QRegularExpression(QStringLiteral("^#\\d+: stopped listening$")),
    };
    // Each expected line appears, in this order (other lines may come between: both ends share a loop).
    qsizetype at = 0;
    for (const QRegularExpression &line : expected) {
        while (at < trace.size() && !line.match(trace.at(at)).hasMatch())
            ++at;
        QVERIFY2(at < trace.size(), qPrintable(QStringLiteral("no “%1” in order in:\n%2")
                                                   .arg(line.pattern(), trace.join(QLatin1Char('\n')))));
        ++at;
    }
}

QTEST_GUILESS_MAIN(tst_CoreLog)
#include "tst_corelog.moc"
