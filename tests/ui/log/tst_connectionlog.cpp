// describeEvent's sentence and severity for every event kind, and the ConnectionLog widget: timestamped
// lines, traffic events skipped, the line cap with its trimmed count, auto-scroll and copying.
#include "support/palettes.h"
#include "support/translations.h"
#include "ui/log/connectionlog.h"
#include "core/codec/eventdescription.h"

#include <QClipboard>
#include <QDateTime>
#include <QGuiApplication>
#include <QLabel>
#include <QListView>
#include <QLocale>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTest>

#include <cerrno>

using core::CloseReason;
using core::SessionEvent;
using core::SocketAddress;
using ui::ConnectionLog;
using core::EventDescription;
using Kind = SessionEvent::Kind;
using Severity = EventDescription::Severity;

Q_DECLARE_METATYPE(EventDescription::Severity)

namespace {

SocketAddress address(const QString &host, quint16 port)
{
    return SocketAddress::fromNumericHost(host, port).value();
}

SessionEvent makeEvent(Kind kind, core::ConnectionId connection = 0)
{
    SessionEvent event;
    event.kind = kind;
    event.connection = connection;
    return event;
}

SessionEvent withLocal(SessionEvent event, const SocketAddress &local)
{
    event.local = local;
    return event;
}

SessionEvent withPeer(SessionEvent event, const SocketAddress &peer)
{
    event.peer = peer;
    return event;
}

SessionEvent closedEvent(CloseReason reason)
{
    SessionEvent event = makeEvent(Kind::Closed, 7);
    event.reason = reason;
    return event;
}

// Whether the session tries another address after this error (a connect with more addresses to go).
enum class Retry { None, MoreToTry };

SessionEvent errorEvent(core::ConnectionId connection, core::SocketError error, Retry retry = Retry::None)
{
    SessionEvent event = makeEvent(Kind::Error, connection);
    event.error = std::move(error);
    event.moreToTry = retry == Retry::MoreToTry;
    return event;
}

// Whether the queue rose past the high-water mark (reading paused) or drained below it again.
enum class Pressure { Off, On };

SessionEvent backPressureEvent(Pressure pressure, qint64 queued)
{
    SessionEvent event = makeEvent(Kind::BackPressure, 7);
    event.queueHigh = pressure == Pressure::On;
    event.count = queued;
    return event;
}

qint64 localTimeUs(int hour, int minute, int second, int ms, int us)
{
    return QDateTime(QDate(2024, 5, 17), QTime(hour, minute, second, ms)).toMSecsSinceEpoch() * 1000 + us;
}

} // namespace

class tst_ConnectionLog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void describe_data();
    void describe();
    void describeUnnamed_data();
    void describeUnnamed();
    void describeStopped_data();
    void describeStopped();
    void everyKindIsCovered();
    void byteCounts_data();
    void byteCounts();

    void appendStampsAndColours();
    void appendSkipsTraffic();
    void logSaysEachThingOnce_data();
    void logSaysEachThingOnce();
    void boundedAtTheCap();
    void trimmedCountGroupsDigits();
    void eventsReachTheViewInOneInsertion();
    void clearForgetsEverything();
    void ctrlCCopiesLines();
    void autoScroll();
    void paletteAware();
};

void tst_ConnectionLog::initTestCase()
{
    // Byte counts are formatted in the user's locale; pin it so the expected text is exact.
    QLocale::setDefault(QLocale::c());
}

void tst_ConnectionLog::describe_data()
{
    QTest::addColumn<SessionEvent>("event");
    QTest::addColumn<Severity>("severity");
    QTest::addColumn<QString>("text");

    const SocketAddress loopback80 = address(QStringLiteral("127.0.0.1"), 80);
    const SocketAddress client = address(QStringLiteral("127.0.0.1"), 40312);

    SessionEvent resolving = makeEvent(Kind::Resolving, 3);
    resolving.detail = QStringLiteral("localhost");
    QTest::newRow("resolving") << resolving << Severity::Info << QStringLiteral("Resolving “localhost”…");
    SessionEvent resolved = makeEvent(Kind::Resolved, 3);
    resolved.addresses = {loopback80, address(QStringLiteral("::1"), 80)};
    QTest::newRow("resolved, no host") << resolved << Severity::Info << QStringLiteral("Resolved to 127.0.0.1, ::1");
    resolved.detail = QStringLiteral("localhost");
    QTest::newRow("resolved") << resolved << Severity::Info
                              << QStringLiteral("Resolved “localhost” to 127.0.0.1, ::1");
    QTest::newRow("connecting") << withPeer(makeEvent(Kind::Connecting, 3), address(QStringLiteral("::1"), 80))
                                << Severity::Info << QStringLiteral("Connecting to [::1]:80…");
    QTest::newRow("connected")
        << withLocal(withPeer(makeEvent(Kind::Connected, 3), loopback80), address(QStringLiteral("127.0.0.1"), 51234))
        << Severity::Success << QStringLiteral("Connected to 127.0.0.1:80 from 127.0.0.1:51234");
    QTest::newRow("listening") << withLocal(makeEvent(Kind::Listening), address(QStringLiteral("127.0.0.1"), 5000))
                               << Severity::Success << QStringLiteral("Listening on 127.0.0.1:5000");
    QTest::newRow("bound") << withLocal(makeEvent(Kind::Bound), address(QStringLiteral("127.0.0.1"), 9000))
                           << Severity::Success << QStringLiteral("Bound to 127.0.0.1:9000");
    QTest::newRow("accepted") << withPeer(makeEvent(Kind::Accepted, 7), client) << Severity::Success
                              << QStringLiteral("Accepted #7 from 127.0.0.1:40312");

    SessionEvent full = withPeer(makeEvent(Kind::Rejected), client);
    full.detail = QStringLiteral("Connection from 127.0.0.1:40312 closed: the server already has 2 clients "
                                 "(the maximum).");
    QTest::newRow("rejected, full") << full << Severity::Warning << full.detail;
    SessionEvent acceptFailed = makeEvent(Kind::Rejected);
    acceptFailed.error = {core::SocketError::Kind::Os, EMFILE, QStringLiteral("Out of file descriptors.")};
    acceptFailed.detail = acceptFailed.error.message;
    QTest::newRow("rejected, accept failed") << acceptFailed << Severity::Error
                                             << QStringLiteral("Out of file descriptors.");
    QTest::newRow("rejected, no detail") << withPeer(makeEvent(Kind::Rejected), client) << Severity::Warning
                                         << QStringLiteral("Rejected a connection from 127.0.0.1:40312");

    SessionEvent received = makeEvent(Kind::Received, 7);
    received.data = "hello";
    QTest::newRow("received") << received << Severity::Info << QString();
    SessionEvent written = makeEvent(Kind::Written, 7);
    written.count = 5;
    QTest::newRow("written") << written << Severity::Info << QString();

    // Who did it: one sentence per close, the reason saying whether we, the peer or the system ended it.
    QTest::newRow("peer finished, stays open") << makeEvent(Kind::PeerClosed, 7) << Severity::Info
                                              << QStringLiteral("#7 finished sending (FIN); it stays open for replies");
    SessionEvent peerClosedToo = makeEvent(Kind::PeerClosed, 7);
    peerClosedToo.closesToo = true; // our side closes too: the Closed line says it
    QTest::newRow("peer finished, we close too") << peerClosedToo << Severity::Info << QString();
    QTest::newRow("reset (its Closed says it)") << makeEvent(Kind::Reset, 7) << Severity::Warning << QString();
    QTest::newRow("closed, we finished first") << closedEvent(CloseReason::Graceful) << Severity::Info
                                               << QStringLiteral("You closed #7");
    QTest::newRow("closed, peer finished first") << closedEvent(CloseReason::PeerFinished) << Severity::Info
                                                 << QStringLiteral("#7 closed by the peer (FIN)");
    QTest::newRow("closed, we aborted") << closedEvent(CloseReason::Aborted) << Severity::Info
                                        << QStringLiteral("You aborted #7 (RST sent)");
    QTest::newRow("closed, peer reset") << closedEvent(CloseReason::Reset) << Severity::Warning
                                        << QStringLiteral("#7 reset by the peer");
    QTest::newRow("closed, error (its Error said it)") << closedEvent(CloseReason::Error) << Severity::Info
                                                       << QString();
    QTest::newRow("closed, we cancelled") << closedEvent(CloseReason::Cancelled) << Severity::Info
                                          << QStringLiteral("You cancelled #7");
    QTest::newRow("closed, server stopped") << closedEvent(CloseReason::Stopped) << Severity::Info
                                            << QStringLiteral("#7 closed: server stopped");

    QTest::newRow("back pressure on") << backPressureEvent(Pressure::On, 4 * 1024 * 1024 + 100) << Severity::Warning
                                      << QStringLiteral("Send queue to #7 above 4.0 MiB — the peer reads slowly");
    QTest::newRow("back pressure off") << backPressureEvent(Pressure::Off, 1536) << Severity::Info
                                       << QStringLiteral("Send queue to #7 back down to 1.5 KiB");

    const QString refused = QStringLiteral("Connection refused by 127.0.0.1:9 — is anything listening?");
    const core::SocketError refusedError{core::SocketError::Kind::Os, ECONNREFUSED, refused};
    QTest::newRow("error, session") << errorEvent(0, refusedError) << Severity::Error << refused;
    QTest::newRow("error, connection") << errorEvent(7, refusedError) << Severity::Error
                                       << QStringLiteral("#7: ") + refused;
    QTest::newRow("error, more to try") << errorEvent(0, refusedError, Retry::MoreToTry) << Severity::Warning
                                        << refused + QStringLiteral(" Trying the next address…");
    QTest::newRow("error, input") << errorEvent(7, core::SocketError::input(QStringLiteral("Not connected.")))
                                  << Severity::Error << QStringLiteral("Not connected.");
    QTest::newRow("error, no message") << errorEvent(0, {core::SocketError::Kind::Os, EIO, QString()})
                                       << Severity::Error << QStringLiteral("Unknown error.");
    QTest::newRow("stopped, nothing started") << makeEvent(Kind::Stopped) << Severity::Info << QString();

    SessionEvent replied = withPeer(makeEvent(Kind::AutoReplied, 7), client);
    replied.detail = QStringLiteral("ping");
    replied.count = 6;
    QTest::newRow("auto-reply") << replied << Severity::Success
                                << QStringLiteral("Rule “ping” answered #7 (127.0.0.1:40312) with 6 bytes");
    replied.count = 1;
    replied.messages = 1500;
    QTest::newRow("auto-reply, delayed") << replied << Severity::Success
                                         << QStringLiteral("Rule “ping” answered #7 (127.0.0.1:40312) with 1 byte after 1500 ms");
}

void tst_ConnectionLog::describe()
{
    QFETCH(SessionEvent, event);
    QFETCH(Severity, severity);
    QFETCH(QString, text);

    const EventDescription description = core::describeEvent(event);
    QCOMPARE(description.text, text);
    QCOMPARE(int(description.severity), int(severity));
}

// A client's or a UDP socket's log: one connection, never a number.
void tst_ConnectionLog::describeUnnamed_data()
{
    QTest::addColumn<SessionEvent>("event");
    QTest::addColumn<Severity>("severity");
    QTest::addColumn<QString>("text");

    QTest::newRow("peer finished, stays open")
        << makeEvent(Kind::PeerClosed, 3) << Severity::Info
        << QStringLiteral("The peer finished sending (FIN); the connection stays open for replies");
    QTest::newRow("closed, we finished first") << closedEvent(CloseReason::Graceful) << Severity::Info
                                               << QStringLiteral("You closed the connection");
    QTest::newRow("closed, peer finished first") << closedEvent(CloseReason::PeerFinished) << Severity::Info
                                                 << QStringLiteral("Closed by the peer (FIN)");
    QTest::newRow("closed, we aborted") << closedEvent(CloseReason::Aborted) << Severity::Info
                                        << QStringLiteral("You aborted the connection (RST sent)");
    QTest::newRow("closed, peer reset") << closedEvent(CloseReason::Reset) << Severity::Warning
                                        << QStringLiteral("Connection reset by the peer");
    QTest::newRow("closed, we cancelled") << closedEvent(CloseReason::Cancelled) << Severity::Info
                                          << QStringLiteral("You cancelled the connection attempt");
    QTest::newRow("back pressure on") << backPressureEvent(Pressure::On, 4 * 1024 * 1024) << Severity::Warning
                                      << QStringLiteral("Send queue above 4.0 MiB — the peer reads slowly");
    const QString refused = QStringLiteral("Connection refused by 127.0.0.1:9 — is anything listening?");
    const core::SocketError refusedError{core::SocketError::Kind::Os, ECONNREFUSED, refused};
    QTest::newRow("error, connection") << errorEvent(3, refusedError) << Severity::Error << refused;
    QTest::newRow("error, more to try") << errorEvent(3, refusedError, Retry::MoreToTry) << Severity::Warning
                                        << refused + QStringLiteral(" Trying the next address…");
    SessionEvent replied = withPeer(makeEvent(Kind::AutoReplied, 3), address(QStringLiteral("127.0.0.1"), 9000));
    replied.detail = QStringLiteral("hello");
    replied.count = 3;
    QTest::newRow("auto-reply to a datagram's sender") << replied << Severity::Success
                                                       << QStringLiteral("Rule “hello” answered 127.0.0.1:9000 with 3 bytes");
}

void tst_ConnectionLog::describeUnnamed()
{
    QFETCH(SessionEvent, event);
    QFETCH(Severity, severity);
    QFETCH(QString, text);

    core::EventContext context;
    context.namesConnections = false;
    const EventDescription description = core::describeEvent(event, context);
    QCOMPARE(description.text, text);
    QCOMPARE(int(description.severity), int(severity));
}

// Stopped says what it ended; after a failed listen or bind (nothing started) it says nothing.
void tst_ConnectionLog::describeStopped_data()
{
    QTest::addColumn<int>("started");
    QTest::addColumn<QString>("text");
    QTest::newRow("after listening") << int(core::EventContext::Started::Listening)
                                     << QStringLiteral("Stopped listening on 127.0.0.1:5000");
    QTest::newRow("after bound") << int(core::EventContext::Started::Bound) << QStringLiteral("Unbound from 127.0.0.1:5000");
    QTest::newRow("after nothing") << int(core::EventContext::Started::Nothing) << QString();
}

void tst_ConnectionLog::describeStopped()
{
    QFETCH(int, started);
    QFETCH(QString, text);
    core::EventContext context;
    context.started = core::EventContext::Started(started);
    context.startedAt = address(QStringLiteral("127.0.0.1"), 5000);
    QCOMPARE(core::describeEvent(makeEvent(Kind::Stopped, 2), context).text, text);
}

void tst_ConnectionLog::everyKindIsCovered()
{
    // A kind added to core without a sentence here would be logged as nothing.
    for (int value = int(Kind::Resolving); value <= int(Kind::AutoReplied); ++value) {
        const auto kind = Kind(value);
        SessionEvent event = makeEvent(kind, 1);
        event.detail = QStringLiteral("x");
        event.error = core::SocketError::input(QStringLiteral("x"));
        // Said by another line: Reset by its Closed; Stopped by nothing here (nothing started).
        const bool silent = kind == Kind::Received || kind == Kind::Written || kind == Kind::Reset
            || kind == Kind::Stopped;
        QVERIFY2(core::describeEvent(event).text.isEmpty() == silent,
                 qPrintable(QStringLiteral("kind %1").arg(value)));
    }
}

void tst_ConnectionLog::byteCounts_data()
{
    QTest::addColumn<qint64>("bytes");
    QTest::addColumn<QString>("text");
    QTest::newRow("zero") << qint64(0) << QStringLiteral("0 B");
    QTest::newRow("under a KiB") << qint64(1023) << QStringLiteral("1023 B");
    QTest::newRow("one KiB") << qint64(1024) << QStringLiteral("1.0 KiB");
    QTest::newRow("truncated, not rounded") << qint64(2047) << QStringLiteral("1.9 KiB");
    QTest::newRow("4 MiB") << qint64(4) * 1024 * 1024 << QStringLiteral("4.0 MiB");
    QTest::newRow("GiB") << qint64(3) * 1024 * 1024 * 1024 / 2 << QStringLiteral("1.5 GiB");
    QTest::newRow("past the last unit") << qint64(2048) * 1024 * 1024 * 1024 * 1024 << QStringLiteral("2048.0 TiB");
}

void tst_ConnectionLog::byteCounts()
{
    QFETCH(qint64, bytes);
    QFETCH(QString, text);
    QCOMPARE(core::describeByteCount(bytes), text);
}

void tst_ConnectionLog::appendStampsAndColours()
{
    ConnectionLog log;
    log.setNamesConnections(false); // a client's log
    SessionEvent listening = withLocal(makeEvent(Kind::Listening), address(QStringLiteral("127.0.0.1"), 5000));
    listening.timeUs = localTimeUs(13, 4, 5, 678, 901);
    log.append(listening);
    SessionEvent reset = closedEvent(CloseReason::Reset);
    reset.timeUs = localTimeUs(13, 4, 6, 0, 0);
    log.append(reset);
    log.appendLine(localTimeUs(23, 59, 59, 999, 999), Severity::Info, QStringLiteral("A note"));

    QCOMPARE(log.lineCount(), 3);
    QCOMPARE(log.lineText(0), QStringLiteral("13:04:05.678  Listening on 127.0.0.1:5000"));
    QCOMPARE(log.lineText(1), QStringLiteral("13:04:06.000  Connection reset by the peer"));
    QCOMPARE(log.lineText(2), QStringLiteral("23:59:59.999  A note"));
    QCOMPARE(int(log.lineSeverity(0)), int(Severity::Success));
    QCOMPARE(int(log.lineSeverity(1)), int(Severity::Warning));

    const QAbstractItemModel *model = log.view()->model();
    QCOMPARE(model->index(1, 0).data(ConnectionLog::kSeverityRole).toInt(), int(Severity::Warning));
    QCOMPARE(model->index(1, 0).data(Qt::AccessibleTextRole).toString(),
             QStringLiteral("Warning: 13:04:06.000  Connection reset by the peer"));
    QVERIFY2(!model->index(2, 0).data(Qt::ForegroundRole).isValid(), "info lines use the palette's text colour");
    QVERIFY2(model->index(0, 0).data(Qt::ForegroundRole).value<QColor>()
                 != model->index(1, 0).data(Qt::ForegroundRole).value<QColor>(),
             "success and warning must look different");

    const qint64 before = core::nowMicroseconds() / 1000 * 1000;
    log.appendNote(Severity::Error, QStringLiteral("Could not send"));
    const QString stamp = log.lineText(3).left(12);
    const QTime noted = QTime::fromString(stamp, QStringLiteral("hh:mm:ss.zzz"));
    QVERIFY2(noted.isValid(), qPrintable(stamp));
    const QTime earliest = QDateTime::fromMSecsSinceEpoch(before / 1000).time();
    QVERIFY2(qAbs(earliest.msecsTo(noted)) < 5000, "a note is stamped with the current time");
    QCOMPARE(log.lineText(3).mid(12), QStringLiteral("  Could not send"));
}

void tst_ConnectionLog::appendSkipsTraffic()
{
    ConnectionLog log;
    log.append(withPeer(makeEvent(Kind::Accepted, 7), address(QStringLiteral("127.0.0.1"), 40312)));
    SessionEvent received = makeEvent(Kind::Received, 7);
    received.data = "hello";
    log.append(received);
    log.append(makeEvent(Kind::Written, 7));
    QCOMPARE(log.lineCount(), 1);
    log.append(makeEvent(Kind::PeerClosed, 7));
    QCOMPARE(log.lineCount(), 2);
    QVERIFY(log.lineText(1).endsWith(QStringLiteral("  #7 finished sending (FIN); it stays open for replies")));
}

// A session's events as core sends them, and the log's lines: each thing once, with who did it.
void tst_ConnectionLog::logSaysEachThingOnce_data()
{
    QTest::addColumn<bool>("namesConnections");
    QTest::addColumn<QList<SessionEvent>>("events");
    QTest::addColumn<QStringList>("lines");

    const SocketAddress server = address(QStringLiteral("127.0.0.1"), 5000);
    const SocketAddress client = address(QStringLiteral("127.0.0.1"), 40312);
    SessionEvent peerFinished = makeEvent(Kind::PeerClosed, 7);
    peerFinished.closesToo = true;
    QTest::newRow("server: listen, peer closes, stop")
        << true
        << QList<SessionEvent>{withLocal(makeEvent(Kind::Listening, 2), server),
                               withPeer(makeEvent(Kind::Accepted, 7), client), peerFinished,
                               closedEvent(CloseReason::PeerFinished), makeEvent(Kind::Stopped, 2)}
        << QStringList{QStringLiteral("Listening on 127.0.0.1:5000"), QStringLiteral("Accepted #7 from 127.0.0.1:40312"),
                       QStringLiteral("#7 closed by the peer (FIN)"), QStringLiteral("Stopped listening on 127.0.0.1:5000")};
    QTest::newRow("server: peer resets")
        << true
        << QList<SessionEvent>{withPeer(makeEvent(Kind::Accepted, 7), client), makeEvent(Kind::Reset, 7),
                               closedEvent(CloseReason::Reset)}
        << QStringList{QStringLiteral("Accepted #7 from 127.0.0.1:40312"), QStringLiteral("#7 reset by the peer")};
    // Only accepted clients have numbers: the listening socket's id means nothing to the reader.
    const core::SocketError inUse{core::SocketError::Kind::Os, EADDRINUSE,
                                  QStringLiteral("Port 5000 on 127.0.0.1 is already in use.")};
    QTest::newRow("server: listen fails")
        << true << QList<SessionEvent>{errorEvent(2, inUse), makeEvent(Kind::Stopped, 2)}
        << QStringList{QStringLiteral("Port 5000 on 127.0.0.1 is already in use.")};
    QTest::newRow("server: a client's error names it, then its close adds nothing")
        << true
        << QList<SessionEvent>{withPeer(makeEvent(Kind::Accepted, 7), client),
                               errorEvent(7, {core::SocketError::Kind::Os, ETIMEDOUT,
                                              QStringLiteral("Connection timed out.")}),
                               closedEvent(CloseReason::Error)}
        << QStringList{QStringLiteral("Accepted #7 from 127.0.0.1:40312"), QStringLiteral("#7: Connection timed out.")};
    QTest::newRow("client: you disconnect")
        << false
        << QList<SessionEvent>{withLocal(withPeer(makeEvent(Kind::Connected, 7), server), client),
                               closedEvent(CloseReason::Graceful)}
        << QStringList{QStringLiteral("Connected to 127.0.0.1:5000 from 127.0.0.1:40312"),
                       QStringLiteral("You closed the connection")};
    const core::SocketError refused{core::SocketError::Kind::Os, ECONNREFUSED,
                                    QStringLiteral("Connection refused by 127.0.0.1:5000 — is a server listening?")};
    QTest::newRow("client: refused")
        << false << QList<SessionEvent>{errorEvent(7, refused), closedEvent(CloseReason::Error)}
        << QStringList{QStringLiteral("Connection refused by 127.0.0.1:5000 — is a server listening?")};
    QTest::newRow("udp: bind, unbind")
        << false << QList<SessionEvent>{withLocal(makeEvent(Kind::Bound, 4), server), makeEvent(Kind::Stopped, 4)}
        << QStringList{QStringLiteral("Bound to 127.0.0.1:5000"), QStringLiteral("Unbound from 127.0.0.1:5000")};
    QTest::newRow("udp: bind fails, then binds and unbinds")
        << false
        << QList<SessionEvent>{errorEvent(4, inUse), makeEvent(Kind::Stopped, 4),
                               withLocal(makeEvent(Kind::Bound, 5), server), makeEvent(Kind::Stopped, 5)}
        << QStringList{inUse.message, QStringLiteral("Bound to 127.0.0.1:5000"),
                       QStringLiteral("Unbound from 127.0.0.1:5000")};
}

void tst_ConnectionLog::logSaysEachThingOnce()
{
    QFETCH(bool, namesConnections);
    QFETCH(QList<SessionEvent>, events);
    QFETCH(QStringList, lines);

    ConnectionLog log;
    log.setNamesConnections(namesConnections);
    // Events sent to a client's log carry ids too: they must not show.
    for (const SessionEvent &event : events)
        log.append(event);
    QStringList shown;
    for (int row = 0; row < log.lineCount(); ++row)
        shown << log.lineText(row).mid(14); // after "hh:mm:ss.zzz  "
    QCOMPARE(shown, lines);
    // The view sees them too, together, on the next pass of the event loop.
    QTRY_COMPARE(log.view()->model()->rowCount(), lines.size());
}

void tst_ConnectionLog::boundedAtTheCap()
{
    ConnectionLog log;
    const int extra = 25;
    for (int i = 0; i < ConnectionLog::kMaxLines + extra; ++i)
        log.appendLine(localTimeUs(12, 0, 0, 0, 0), Severity::Info, QStringLiteral("line %1").arg(i));

    QCOMPARE(log.lineCount(), ConnectionLog::kMaxLines);
    QCOMPARE(log.view()->model()->rowCount(), ConnectionLog::kMaxLines);
    QCOMPARE(log.trimmedCount(), quint64(extra));
    QCOMPARE(log.lineText(0), QStringLiteral("12:00:00.000  line 25"));
    QCOMPARE(log.lineText(ConnectionLog::kMaxLines - 1), QStringLiteral("12:00:00.000  line 10024"));

    auto *trimmed = log.findChild<QLabel *>(QStringLiteral("trimmedLines"));
    QVERIFY(trimmed);
    QVERIFY(!trimmed->isHidden());
    QVERIFY2(trimmed->accessibleName().isEmpty(), "a live label's name would hide its text from screen readers");
    QCOMPARE(trimmed->text(), QStringLiteral("25 older lines removed; the log keeps the newest 10000."));
}

void tst_ConnectionLog::trimmedCountGroupsDigits()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    ConnectionLog log;
    for (int i = 0; i < ConnectionLog::kMaxLines + 1234; ++i)
        log.appendLine(1, Severity::Info, QStringLiteral("x"));
    const QString text = log.findChild<QLabel *>(QStringLiteral("trimmedLines"))->text();
    QLocale::setDefault(QLocale::c());
    QCOMPARE(text, QStringLiteral("1,234 older lines removed; the log keeps the newest 10,000."));
    log.clear();
    log.appendLine(1, Severity::Info, QStringLiteral("x"));
    for (int i = 0; i < ConnectionLog::kMaxLines; ++i)
        log.appendLine(1, Severity::Info, QStringLiteral("x"));
    QCOMPARE(log.findChild<QLabel *>(QStringLiteral("trimmedLines"))->text(),
             QStringLiteral("1 older line removed; the log keeps the newest 10000."));
}

// A delivery of many events (10,000 clients closing) is one insertion and one trim for the view.
void tst_ConnectionLog::eventsReachTheViewInOneInsertion()
{
    ConnectionLog log;
    log.resize(400, 300);
    log.show();
    QVERIFY(QTest::qWaitForWindowExposed(&log));
    QSignalSpy inserted(log.view()->model(), &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(log.view()->model(), &QAbstractItemModel::rowsRemoved);
    const int clients = (ConnectionLog::kMaxLines + 2000) / 2; // two lines each: accepted, closed
    for (int i = 1; i <= clients; ++i) {
        log.append(withPeer(makeEvent(Kind::Accepted, core::ConnectionId(i)), address(QStringLiteral("127.0.0.1"), 40000)));
        SessionEvent closed = closedEvent(CloseReason::PeerFinished);
        closed.connection = core::ConnectionId(i);
        log.append(closed);
    }
    QCOMPARE(inserted.count(), 0); // not yet: on the next pass of the event loop
    QTRY_COMPARE(log.view()->model()->rowCount(), ConnectionLog::kMaxLines);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(removed.count(), 0); // the lines past the cap never entered the view
    QCOMPARE(log.trimmedCount(), quint64(2000));
    QVERIFY(log.lineText(ConnectionLog::kMaxLines - 1).endsWith(QStringLiteral("  #6000 closed by the peer (FIN)")));
    QTRY_COMPARE(log.view()->verticalScrollBar()->value(), log.view()->verticalScrollBar()->maximum());
}

void tst_ConnectionLog::clearForgetsEverything()
{
    ConnectionLog log;
    for (int i = 0; i < ConnectionLog::kMaxLines + 3; ++i)
        log.appendLine(1, Severity::Info, QStringLiteral("x"));
    QCOMPARE(log.trimmedCount(), quint64(3));
    log.clear();
    QCOMPARE(log.lineCount(), 0);
    QCOMPARE(log.trimmedCount(), quint64(0));
    for (QLabel *label : log.findChildren<QLabel *>())
        QVERIFY2(label->isHidden() || label->text().isEmpty(), qPrintable(label->text()));
    log.appendNote(Severity::Info, QStringLiteral("fresh"));
    QCOMPARE(log.lineCount(), 1);
}

void tst_ConnectionLog::ctrlCCopiesLines()
{
    ConnectionLog log;
    log.resize(500, 300);
    for (int i = 0; i < 4; ++i)
        log.appendLine(localTimeUs(8, 0, i, 0, 0), Severity::Info, QStringLiteral("event %1").arg(i));
    log.show();
    QVERIFY(QTest::qWaitForWindowExposed(&log));
    QListView *view = log.view();
    view->selectionModel()->select(view->model()->index(3, 0), QItemSelectionModel::Select);
    view->selectionModel()->select(view->model()->index(1, 0), QItemSelectionModel::Select);
    view->setFocus();
    QGuiApplication::clipboard()->clear();
    QTest::keyClick(view, Qt::Key_C, Qt::ControlModifier);
    QCOMPARE(QGuiApplication::clipboard()->text(),
             QStringLiteral("08:00:01.000  event 1\n08:00:03.000  event 3\n"));
}

void tst_ConnectionLog::autoScroll()
{
    ConnectionLog log;
    log.resize(500, 200);
    for (int i = 0; i < 100; ++i)
        log.appendNote(Severity::Info, QStringLiteral("line %1").arg(i));
    log.show();
    QVERIFY(QTest::qWaitForWindowExposed(&log));
    QScrollBar *bar = log.view()->verticalScrollBar();
    QTRY_VERIFY(bar->maximum() > 0);
    QTRY_COMPARE(bar->value(), bar->maximum());
    QFocusEvent focusIn(QEvent::FocusIn, Qt::TabFocusReason); // Qt alone would jump to the first line
    QCoreApplication::sendEvent(log.view(), &focusIn);
    QCOMPARE(log.view()->currentIndex().row(), 99);
    QCOMPARE(bar->value(), bar->maximum());
    QVERIFY(log.isFollowingTail());

    bar->setValue(5);
    QVERIFY(!log.isFollowingTail());
    QPushButton *hint = log.view()->findChild<QPushButton *>();
    QVERIFY(hint);
    QVERIFY(!hint->isHidden());
    const int pausedMaximum = bar->maximum();
    for (int i = 0; i < 3; ++i)
        log.appendNote(Severity::Info, QStringLiteral("more"));
    QCOMPARE(hint->text(), QStringLiteral("Auto-scroll paused — 3 new lines"));
    QTRY_COMPARE(bar->maximum(), pausedMaximum + 3);
    QCOMPARE(bar->value(), 5);

    bar->setValue(bar->maximum());
    QVERIFY(log.isFollowingTail());
    QVERIFY(hint->isHidden());
    log.appendNote(Severity::Info, QStringLiteral("newest"));
    QListView *view = log.view();
    const QModelIndex last = view->model()->index(log.lineCount() - 1, 0);
    QTRY_VERIFY2(view->viewport()->rect().contains(view->visualRect(last)), "the newest line must be in view");

    bar->setValue(0);
    log.appendNote(Severity::Info, QStringLiteral("one"));
    QCOMPARE(hint->text(), QStringLiteral("Auto-scroll paused — 1 new line"));
    QTest::mouseClick(hint, Qt::LeftButton);
    QVERIFY(log.isFollowingTail());
    QTRY_COMPARE(bar->value(), bar->maximum());
}

void tst_ConnectionLog::paletteAware()
{
    ConnectionLog log;
    log.appendLine(1, Severity::Error, QStringLiteral("bad"));
    const auto colour = [&log] { return log.view()->model()->index(0, 0).data(Qt::ForegroundRole).value<QColor>(); };
    log.setPalette(testsupport::testPalette(testsupport::PaletteTone::Light));
    QVERIFY2(colour().lightness() < 128, "an error on a light base needs a dark red");
    log.setPalette(testsupport::testPalette(testsupport::PaletteTone::Dark));
    QVERIFY2(colour().lightness() > 128, "an error on a dark base needs a light red");
}

QTEST_MAIN(tst_ConnectionLog)
#include "tst_connectionlog.moc"
