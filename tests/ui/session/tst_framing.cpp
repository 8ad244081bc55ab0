// Framing from the window: the framing row edits the spec (and says why a custom delimiter is wrong), and
// survives a restart (a damaged settings file falls back field by field); a server tab lists each client's
// messages however they were split, with the raw reads a checkbox away and the hex panel marking a message's
// header; the composer frames what it sends (length header, delimiter) and refuses what the framing cannot
// carry; echo sends whole messages back; framing errors reach the log; and the client tab frames python3's
// http.server reply to a GET as one HTTP message. Peers are plain sockets and python3, on 127.0.0.1.
#include "core/codec/httptemplates.h"
#include "core/io/iothread.h"
#include "support/onloop.h"
#include "support/plainpeer.h"
#include "support/pythonhttp.h"
#include "support/testpeers.h"
#include "support/translations.h"
#include "ui/compose/payloadpreview.h"
#include "ui/compose/sendcomposer.h"
#include "ui/hex/bytesource.h"
#include "ui/hex/hexpanel.h"
#include "ui/hex/hexview.h"
#include "ui/log/connectionlog.h"
#include "ui/session/clienttab.h"
#include "ui/session/clientsmodel.h"
#include "ui/session/framingbar.h"
#include "ui/session/servertab.h"
#include "ui/traffic/trafficmodel.h"
#include "ui/traffic/trafficview.h"

#include <QAbstractButton>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace ui;
using testsupport::PlainPeer;

namespace {

void choose(QComboBox *box, const QVariant &data)
{
    const int index = box->findData(data);
    QVERIFY2(index >= 0, qPrintable(box->objectName()));
    box->setCurrentIndex(index);
}

quint16 listen(ServerTab &tab)
{
    QSignalSpy listening(tab.serverSession(), &core::TcpServerSession::listening);
    tab.findChild<QAbstractButton *>(QStringLiteral("listenButton"))->click();
    if (!listening.wait(5000))
        return 0;
    return tab.serverSession()->listenAddress().port();
}

// A server tab framing with `spec`, listening, with one plain client connected.
struct ServerWithClient
{
    core::IoThread io;
    ServerTab tab{io};
    PlainPeer peer;

    bool start(const core::FramingSpec &spec)
    {
        tab.show();
        tab.framingBar()->setSpec(spec);
        const quint16 port = listen(tab);
        if (port == 0 || !peer.connectTo(port))
            return false;
        return QTest::qWaitFor([this] { return tab.clientsModel()->rowCount() == 1; }, 5000);
    }
};

QStringList dataColumn(const TrafficModel &model)
{
    QStringList cells;
    for (int row = 0; row < model.rowCount(); ++row)
        cells << model.index(row, TrafficModel::DataColumn).data().toString();
    return cells;
}

} // namespace

class tst_Framing : public QObject
{
    Q_OBJECT

private slots:
    void framingRowEditsTheSpec();
    void framingSurvivesARestart();
    void serverListsEachClientsMessages();
    void listBudgetIsShownInTheStatus();
    void composerFramesWhatItSends();
    void echoSendsWholeMessages();
    void framingErrorsReachTheLog();
    void clientFramesAnHttpReply();
};

void tst_Framing::framingRowEditsTheSpec()
{
    FramingBar bar;
    bar.show();
    QSignalSpy changed(&bar, &FramingBar::specChanged);
    auto *kind = bar.findChild<QComboBox *>(QStringLiteral("framingKind"));
    QCOMPARE(kind->accessibleName(), QStringLiteral("Message framing"));
    QCOMPARE(bar.spec().kind, core::FramingKind::None);
    QVERIFY(bar.findChild<QWidget *>(QStringLiteral("delimiterControls"))->isHidden());
    QVERIFY(bar.findChild<QCheckBox *>(QStringLiteral("rawReads"))->isHidden());

    choose(kind, int(core::FramingKind::LengthPrefix));
    QCOMPARE(changed.count(), 1);
    QVERIFY(bar.findChild<QWidget *>(QStringLiteral("lengthControls"))->isVisible());
    QVERIFY(bar.findChild<QWidget *>(QStringLiteral("delimiterControls"))->isHidden());
    choose(bar.findChild<QComboBox *>(QStringLiteral("lengthWidth")), 4);
    choose(bar.findChild<QComboBox *>(QStringLiteral("byteOrder")), int(core::ByteOrder::LittleEndian));
    bar.findChild<QSpinBox *>(QStringLiteral("preamble"))->setValue(2);
    bar.findChild<QCheckBox *>(QStringLiteral("countsHeader"))->click();
    bar.findChild<QSpinBox *>(QStringLiteral("maxFrame"))->setValue(64);
    core::FramingSpec spec = bar.spec();
    QCOMPARE(spec.lengthWidth, 4);
    QCOMPARE(spec.byteOrder, core::ByteOrder::LittleEndian);
    QCOMPARE(spec.preambleBytes, 2);
    QVERIFY(spec.lengthCountsHeader);
    QCOMPARE(spec.maxFrameBytes, qint64(64 * 1024));
    QCOMPARE(changed.count(), 6);
    QCOMPARE(changed.last().at(0).value<core::FramingSpec>(), spec);

    // A custom delimiter: the field shows the current one in hex; bad hex keeps the last good spec and says why.
    choose(kind, int(core::FramingKind::Delimiter));
    choose(bar.findChild<QComboBox *>(QStringLiteral("delimiter")), -1);
    auto *custom = bar.findChild<QLineEdit *>(QStringLiteral("customDelimiter"));
    QVERIFY(custom->isVisible());
    QCOMPARE(custom->text(), QStringLiteral("0a"));
    custom->clear();
    QTest::keyClicks(custom, QStringLiteral("7e 7"));
    QVERIFY2(bar.problem().startsWith(QStringLiteral("Delimiter: ")), qPrintable(bar.problem()));
    QVERIFY(bar.findChild<QLabel *>(QStringLiteral("framingHint"))->isVisible());
    QCOMPARE(bar.spec().delimiter, QByteArray("~")); // "7e" was good on the way
    QTest::keyClicks(custom, QStringLiteral("e"));
    QCOMPARE(bar.problem(), QString());
    QCOMPARE(bar.spec().delimiter, QByteArray("~~"));
    bar.findChild<QCheckBox *>(QStringLiteral("keepDelimiter"))->click();
    QVERIFY(bar.spec().keepDelimiter);
    // The hint is about the delimiter only: another kind hides it.
    custom->setText(QStringLiteral("zz"));
    QVERIFY(!bar.problem().isEmpty());
    choose(kind, int(core::FramingKind::FixedLength));
    QCOMPARE(bar.problem(), QString());
    bar.findChild<QSpinBox *>(QStringLiteral("fixedLength"))->setValue(5);
    QCOMPARE(bar.spec().fixedLength, qint64(5));
    QCOMPARE(bar.spec().kind, core::FramingKind::FixedLength);
}

void tst_Framing::framingSurvivesARestart()
{
    QTemporaryDir dir;
    QSettings settings(dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
    core::FramingSpec spec;
    spec.kind = core::FramingKind::Delimiter;
    spec.delimiter = QByteArray("\x7e\x00", 2);
    spec.keepDelimiter = true;
    spec.lengthWidth = 8;
    spec.byteOrder = core::ByteOrder::LittleEndian;
    spec.preambleBytes = 3;
    spec.fixedLength = 9;
    spec.maxFrameBytes = 2 * 1024 * 1024;
    {
        FramingBar bar;
        bar.setSpec(spec);
        bar.setShowsRawReads(true);
        bar.saveState(settings, QStringLiteral("framing"));
    }
    FramingBar restored;
    restored.restoreState(settings, QStringLiteral("framing"));
    QCOMPARE(restored.spec(), spec);
    QVERIFY(restored.showsRawReads());
    QCOMPARE(restored.findChild<QLineEdit *>(QStringLiteral("customDelimiter"))->text(), QStringLiteral("7e 00"));

    // A file damaged by hand or by another version: each bad field falls back to its default.
    settings.setValue(QStringLiteral("framing/kind"), 99);
    settings.setValue(QStringLiteral("framing/delimiter"), QStringLiteral("zz"));
    settings.setValue(QStringLiteral("framing/lengthWidth"), 3);
    settings.setValue(QStringLiteral("framing/preamble"), 1000);
    settings.setValue(QStringLiteral("framing/fixedLength"), -4);
    settings.setValue(QStringLiteral("framing/maxFrameBytes"), QStringLiteral("lots"));
    FramingBar damaged;
    damaged.restoreState(settings, QStringLiteral("framing"));
    const core::FramingSpec defaults;
    QCOMPARE(damaged.spec().kind, defaults.kind);
    QCOMPARE(damaged.spec().delimiter, defaults.delimiter);
    QCOMPARE(damaged.spec().lengthWidth, defaults.lengthWidth);
    QCOMPARE(damaged.spec().preambleBytes, 64);
    QCOMPARE(damaged.spec().fixedLength, qint64(1));
    QCOMPARE(damaged.spec().maxFrameBytes, qint64(1024)); // "lots" reads as 0: the smallest allowed
}

void tst_Framing::serverListsEachClientsMessages()
{
    core::IoThread io;
    ServerTab tab(io);
    tab.show();
    choose(tab.framingBar()->kindBox(), int(core::FramingKind::Delimiter));
    const quint16 port = listen(tab);
    QVERIFY(port != 0);
    PlainPeer a;
    PlainPeer b;
    QVERIFY(a.connectTo(port));
    QVERIFY(b.connectTo(port));
    QTRY_COMPARE(tab.clientsModel()->rowCount(), 2);
    // a: one message in two reads; b: two messages in one read.
    QVERIFY(a.sendAll("HELLO fr"));
    QTRY_COMPARE(tab.session()->counters().bytesIn, quint64(8));
    QVERIFY(b.sendAll("one\ntwo\n"));
    QTRY_COMPARE(tab.session()->counters().bytesIn, quint64(16));
    QVERIFY(a.sendAll("om a\n"));
    TrafficModel *model = tab.traffic()->model();
    QTRY_COMPARE(model->rowCount(), 3);
    QCOMPARE(dataColumn(*model), (QStringList{QStringLiteral("one"), QStringLiteral("two"), QStringLiteral("HELLO from a")}));
    QCOMPARE(model->index(2, TrafficModel::LengthColumn).data().toString(), QStringLiteral("12"));

    // The raw reads are a checkbox away, and back.
    auto *raw = tab.findChild<QCheckBox *>(QStringLiteral("rawReads"));
    QVERIFY(raw->isVisible());
    raw->click();
    QCOMPARE(dataColumn(*model), (QStringList{QStringLiteral("HELLO fr"), QStringLiteral("one\\ntwo\\n"), QStringLiteral("om a\\n")}));
    raw->click();
    QCOMPARE(model->rowCount(), 3);

    // Keeping the delimiter: the hex panel shows the selected message with its delimiter tinted apart.
    tab.findChild<QCheckBox *>(QStringLiteral("keepDelimiter"))->click();
    QTRY_COMPARE(model->rowCount(), 3);
    tab.traffic()->table()->selectRow(2);
    const ByteSource *shown = tab.hexPanel()->view()->source();
    QCOMPARE(shown->read(0, 100), QByteArray("HELLO from a\n"));
    QCOMPARE(shown->partAt(0), ByteSource::Part::Body);
    QCOMPARE(shown->partAt(12), ByteSource::Part::Trailer);
    const QString caption = tab.hexPanel()->findChild<QLabel *>(QStringLiteral("hexCaption"))->text();
    QVERIFY2(caption.startsWith(QStringLiteral("Message #3 · 13 bytes at stream offset 0")), qPrintable(caption));
    QVERIFY2(caption.contains(QStringLiteral("1-byte delimiter")), qPrintable(caption));
}

void tst_Framing::listBudgetIsShownInTheStatus()
{
    ServerWithClient server;
    QVERIFY(server.start(core::FramingSpec{core::FramingKind::Delimiter}));
    TrafficModel *model = server.tab.traffic()->model();
    model->setMessageBudget(10 * (5 + TrafficModel::kMessageRowOverhead));
    QByteArray lines;
    for (int i = 0; i < 50; ++i)
        lines += "n" + QByteArray::number(1000 + i) + '\n';
    QVERIFY(server.peer.sendAll(lines));
    QTRY_COMPARE(model->droppedMessages(), quint64(40));
    QCOMPARE(model->rowCount(), 10);
    QCOMPARE(model->index(0, TrafficModel::DataColumn).data().toString(), QStringLiteral("n1040"));
    const QString status = server.tab.statusText();
    QVERIFY2(status.contains(QStringLiteral("40 oldest messages left out of the list (over its ")), qPrintable(status));
    // The counters stay exact (they come with the session's events, maybe a tick after the capture).
    QTRY_VERIFY2(server.tab.statusText().contains(QStringLiteral("received 300 bytes")),
                 qPrintable(server.tab.statusText()));
}

void tst_Framing::composerFramesWhatItSends()
{
    core::FramingSpec records;
    records.kind = core::FramingKind::LengthPrefix;
    records.lengthWidth = 2;
    ServerWithClient server;
    QVERIFY(server.start(records));
    ServerTab &tab = server.tab;
    PlainPeer &peer = server.peer;
    SendComposer *composer = tab.composer();
    auto *lineEnd = composer->findChild<QComboBox *>(QStringLiteral("lineEnding"));
    QVERIFY(!lineEnd->isEnabled()); // the framing ends each message
    QTest::keyClicks(composer->findChild<QPlainTextEdit *>(QStringLiteral("payloadEditor")), QStringLiteral("hello"));
    QVERIFY2(composer->findChild<PayloadPreview *>()->previewText().startsWith(QStringLiteral("00 05 68 65 6c 6c 6f")),
             qPrintable(composer->findChild<PayloadPreview *>()->previewText()));
    composer->send();
    QTRY_COMPARE((peer.poll(), peer.received), QByteArray("\x00\x05hello", 7));
    // The sent message is listed as one message, its body in the Data column.
    QTRY_COMPARE(tab.traffic()->model()->rowCount(), 1);
    QCOMPARE(dataColumn(*tab.traffic()->model()), QStringList{QStringLiteral("hello")});

    // Fixed length 4 cannot carry five bytes: Send is blocked and says why.
    core::FramingSpec fixed;
    fixed.kind = core::FramingKind::FixedLength;
    fixed.fixedLength = 4;
    tab.framingBar()->setSpec(fixed);
    auto *send = composer->findChild<QAbstractButton *>(QStringLiteral("sendButton"));
    QVERIFY(!send->isEnabled());
    QVERIFY2(send->toolTip().contains(QStringLiteral("5 bytes")), qPrintable(send->toolTip()));
    // None again: the line ending is back, and the payload goes as typed.
    tab.framingBar()->setSpec({});
    QVERIFY(lineEnd->isEnabled());
    QVERIFY(send->isEnabled());
}

void tst_Framing::echoSendsWholeMessages()
{
    core::IoThread io;
    ServerTab tab(io);
    tab.show();
    core::FramingSpec lines;
    lines.kind = core::FramingKind::Delimiter;
    tab.framingBar()->setSpec(lines);
    tab.findChild<QCheckBox *>(QStringLiteral("echo"))->click();
    const quint16 port = listen(tab);
    PlainPeer peer;
    QVERIFY(peer.connectTo(port));
    QTRY_COMPARE(tab.clientsModel()->rowCount(), 1);
    testsupport::onLoop(io, [] {});
    QVERIFY(peer.sendAll("ab"));
    QTRY_COMPARE(tab.session()->counters().bytesIn, quint64(2));
    QVERIFY(peer.sendAll("c\nd"));
    QTRY_COMPARE((peer.poll(), peer.received), QByteArray("abc\n"));
    QVERIFY(peer.sendAll("\n"));
    QTRY_COMPARE((peer.poll(), peer.received), QByteArray("abc\nd\n"));
    // A new framing reaches the echo at once: fixed length 2.
    core::FramingSpec pairs;
    pairs.kind = core::FramingKind::FixedLength;
    pairs.fixedLength = 2;
    tab.framingBar()->setSpec(pairs);
    testsupport::onLoop(io, [] {});
    QVERIFY(peer.sendAll("xyz"));
    QTRY_COMPARE((peer.poll(), peer.received), QByteArray("abc\nd\nxy"));
}

void tst_Framing::framingErrorsReachTheLog()
{
    core::FramingSpec records;
    records.kind = core::FramingKind::LengthPrefix;
    records.lengthWidth = 2;
    records.maxFrameBytes = 1024;
    ServerWithClient server;
    QVERIFY(server.start(records));
    ServerTab &tab = server.tab;
    PlainPeer &peer = server.peer;
    QVERIFY(peer.sendAll(QByteArray("\x00\x02ok\xff\xff", 6)));
    ConnectionLog *log = tab.log();
    const auto framingLine = [log] {
        for (int row = 0; row < log->lineCount(); ++row)
            if (log->lineText(row).contains(QStringLiteral("Framing of what")))
                return row;
        return -1;
    };
    QTRY_VERIFY(framingLine() >= 0);
    const QString line = log->lineText(framingLine());
    QVERIFY2(line.contains(QStringLiteral("Framing of what 127.0.0.1:")) && line.contains(QStringLiteral("(#")),
             qPrintable(line));
    QVERIFY2(line.contains(QStringLiteral("offset 4")), qPrintable(line));
    QCOMPARE(log->lineSeverity(framingLine()), ConnectionLog::Severity::Warning);
    QCOMPARE(dataColumn(*tab.traffic()->model()), QStringList{QStringLiteral("ok")});
}

void tst_Framing::clientFramesAnHttpReply()
{
    if (testsupport::python3().isEmpty())
        QSKIP("python3 is not installed (packaging/install-deps.sh installs it)");
    const QByteArray content = QByteArray("{\"ok\": true}\n").repeated(500); // several reads' worth
    testsupport::PythonHttpServer server;
    const quint16 port = server.serveFile(QStringLiteral("status.json"), content);
    QVERIFY(port != 0);

    core::IoThread io;
    ClientTab tab(io);
    tab.show();
    choose(tab.framingBar()->kindBox(), int(core::FramingKind::Http));
    tab.findChild<QComboBox *>(QStringLiteral("host"))->setEditText(QStringLiteral("127.0.0.1"));
    tab.findChild<QLineEdit *>(QStringLiteral("port"))->setText(QString::number(port));
    QSignalSpy closed(tab.clientSession(), &core::TcpClientSession::closed);
    tab.findChild<QAbstractButton *>(QStringLiteral("connectButton"))->click();
    QTRY_COMPARE(tab.clientSession()->state(), core::SessionState::Connected);
    // The composer's GET template (Host from the fields), as a tester would pick it from the Messages menu.
    QMenu *menu = tab.composer()->savedMenu();
    emit menu->aboutToShow();
    QAction *templates = nullptr;
    for (QAction *action : menu->actions())
        if (action->menu() && action->text() == QStringLiteral("Templates"))
            templates = action;
    QVERIFY(templates);
    QCOMPARE(templates->menu()->actions().size(), 1);
    QCOMPARE(templates->menu()->actions()[0]->text(), QStringLiteral("HTTP/1.1 GET request (Host: 127.0.0.1)"));
    templates->menu()->actions()[0]->trigger();
    QCOMPARE(tab.composer()->payload().bytes, core::httpGetRequest(QStringLiteral("127.0.0.1"), port));
    tab.composer()->send();
    QVERIFY(closed.wait(10000));
    TrafficModel *model = tab.traffic()->model();
    QTRY_COMPARE(model->rowCount(), 2);
    QCOMPARE(model->chunkAt(0).direction, core::Direction::Sent);
    const core::CapturedChunk reply = model->chunkAt(1);
    QCOMPARE(reply.direction, core::Direction::Received);
    QVERIFY2(reply.bytes.startsWith("HTTP/1.0 200 OK\r\n"), reply.bytes.left(40).constData());
    const TrafficModel::MessageMarks marks = *model->marksAt(1);
    QVERIFY(marks.complete);
    // GET / is the folder's listing: one HTML message naming the file, its body as long as it says.
    const QByteArray body = reply.bytes.mid(marks.headerSize);
    QVERIFY2(body.contains("status.json"), body.left(200).constData());
    QVERIFY(reply.bytes.contains("Content-Length: " + QByteArray::number(body.size()) + "\r\n"));
    // The raw reads hold the same bytes, however the server's writes were cut.
    tab.findChild<QCheckBox *>(QStringLiteral("rawReads"))->click();
    QByteArray reads;
    for (int row = 0; row < model->rowCount(); ++row)
        if (model->chunkAt(row).direction == core::Direction::Received)
            reads += model->chunkAt(row).bytes;
    QVERIFY(reads == reply.bytes);
}

QTEST_MAIN(tst_Framing)
#include "tst_framing.moc"
