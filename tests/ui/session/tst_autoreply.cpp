// Auto-reply from the window: the rules editor adds, edits, reorders and turns rules on and off, says what is
// wrong with a pattern or a reply (and leaves that rule out), and survives a restart (damaged values fall
// back); the server tab answers a client by rule — with echo for the rest — and logs each firing; the UDP
// tab answers a datagram's sender after the rule's delay; a saved message becomes a rule's reply, byte for
// byte whatever its mode and encoding, and answers a client. Peers are plain and Qt sockets on 127.0.0.1.
#include "core/io/iothread.h"
#include "support/curl.h"
#include "support/onloop.h"
#include "support/plainpeer.h"
#include "support/translations.h"
#include "ui/log/connectionlog.h"
#include "ui/session/clientsmodel.h"
#include "ui/session/framingbar.h"
#include "ui/session/autoreplycontrols.h"
#include "ui/session/servertab.h"
#include "ui/session/udptab.h"
#include "ui/traffic/trafficmodel.h"
#include "ui/traffic/trafficview.h"
#include "ui/compose/sendcomposer.h"
#include "core/codec/payloadcodec.h"

#include <QAbstractButton>
#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QPlainTextEdit>
#include <QToolButton>
#include <QNetworkDatagram>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QUdpSocket>

using namespace ui;

namespace {

void retype(QLineEdit *edit, const QString &text)
{
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Delete);
    QTest::keyClicks(edit, text);
}

void choose(QComboBox *box, int data)
{
    box->setCurrentIndex(box->findData(data));
}

// Adds a rule through the editor's own controls.
void addRule(ReplyRulesEditor &editor, const QString &name, core::MatchKind match, const QString &pattern,
             const QString &reply, int delayMs = 0)
{
    editor.findChild<QAbstractButton *>(QStringLiteral("addRule"))->click();
    retype(editor.findChild<QLineEdit *>(QStringLiteral("ruleName")), name);
    choose(editor.findChild<QComboBox *>(QStringLiteral("ruleMatch")), int(match));
    retype(editor.findChild<QLineEdit *>(QStringLiteral("rulePattern")), pattern);
    retype(editor.findChild<QLineEdit *>(QStringLiteral("ruleReply")), reply);
    editor.findChild<QSpinBox *>(QStringLiteral("ruleDelay"))->setValue(delayMs);
}

QAction *actionNamed(QMenu *menu, const QString &text)
{
    for (QAction *action : menu->actions())
        if (action->text() == text)
            return action;
    return nullptr;
}

// Listens from the tab's button; the port, or 0.
quint16 listen(ServerTab &tab)
{
    QSignalSpy listening(tab.serverSession(), &core::TcpServerSession::listening);
    tab.findChild<QAbstractButton *>(QStringLiteral("listenButton"))->click();
    return listening.wait(5000) ? tab.serverSession()->listenAddress().port() : quint16(0);
}

// Listens from the tab's button, connects `peer` and waits until the loop has taken the responder.
bool listenWithClient(ServerTab &tab, core::IoThread &io, testsupport::PlainPeer &peer)
{
    const quint16 port = listen(tab);
    if (port == 0 || !peer.connectTo(port))
        return false;
    if (!QTest::qWaitFor([&] { return tab.clientsModel()->rowCount() == 1; }, 5000))
        return false;
    testsupport::onLoop(io, [] {});
    return true;
}

int logLineWith(const ConnectionLog &log, const QString &text)
{
    for (int row = 0; row < log.lineCount(); ++row)
        if (log.lineText(row).contains(text))
            return row;
    return -1;
}

} // namespace

class tst_AutoReply : public QObject
{
    Q_OBJECT

private slots:
    void editorEditsReordersAndChecks();
    void rulesSurviveARestart();
    void serverAnswersByRuleAndEchoesTheRest();
    void udpAnswersTheSenderAfterTheDelay();
    void savedMessageBecomesTheReply_data();
    void savedMessageBecomesTheReply();
    void serverAnswersWithASavedMessage();
    void curlGetsTheServerTabsTemplate();
};

void tst_AutoReply::editorEditsReordersAndChecks()
{
    ReplyRulesEditor editor;
    editor.show();
    QSignalSpy changed(&editor, &ReplyRulesEditor::rulesChanged);
    addRule(editor, QStringLiteral("ping"), core::MatchKind::Exact, QStringLiteral("PING"), QStringLiteral("PONG\\r\\n"));
    addRule(editor, QStringLiteral("status"), core::MatchKind::Regex, QStringLiteral("(("), QStringLiteral("OK"));
    QVERIFY(changed.count() >= 2);
    // The broken pattern is said with its position, marked in the list, and left out.
    QVERIFY2(editor.problemText().startsWith(QStringLiteral("Pattern: ")), qPrintable(editor.problemText()));
    QVERIFY(editor.problemText().endsWith(QStringLiteral("This rule is left out until it is fixed.")));
    QCOMPARE(editor.list()->item(1)->text(), QStringLiteral("status — not valid"));
    QCOMPARE(editor.runnableRules().size(), std::size_t(1));
    retype(editor.findChild<QLineEdit *>(QStringLiteral("rulePattern")), QStringLiteral("^STATUS\\b"));
    QCOMPARE(editor.problemText(), QString());
    QCOMPARE(editor.list()->item(1)->text(), QStringLiteral("status"));
    // A reply in hex that is not hex.
    choose(editor.findChild<QComboBox *>(QStringLiteral("ruleReplyMode")), int(core::PayloadMode::Hex));
    QVERIFY2(editor.problemText().startsWith(QStringLiteral("Reply: ")), qPrintable(editor.problemText()));
    retype(editor.findChild<QLineEdit *>(QStringLiteral("ruleReply")), QStringLiteral("4f 4b"));
    std::vector<core::ReplyRule> rules = editor.runnableRules();
    QCOMPARE(rules.size(), std::size_t(2));
    QCOMPARE(rules[0].reply, QByteArray("PONG\r\n")); // escapes by default
    QCOMPARE(rules[1].reply, QByteArray("OK"));
    QCOMPARE(rules[1].match, core::MatchKind::Regex);

    // Reorder: the second rule is tried first.
    editor.findChild<QAbstractButton *>(QStringLiteral("moveRuleUp"))->click();
    QCOMPARE(editor.runnableRules()[0].name, QStringLiteral("status"));
    QVERIFY(!editor.findChild<QAbstractButton *>(QStringLiteral("moveRuleUp"))->isEnabled());
    editor.findChild<QAbstractButton *>(QStringLiteral("moveRuleDown"))->click();
    QCOMPARE(editor.runnableRules()[0].name, QStringLiteral("ping"));
    // Off by its checkbox in the list.
    editor.list()->item(0)->setCheckState(Qt::Unchecked);
    QCOMPARE(editor.runnableRules().size(), std::size_t(1));
    QCOMPARE(editor.runnableRules()[0].name, QStringLiteral("status"));
    editor.list()->setCurrentRow(0);
    editor.findChild<QAbstractButton *>(QStringLiteral("removeRule"))->click();
    QCOMPARE(editor.drafts().size(), 1);
    QCOMPARE(editor.drafts()[0].name, QStringLiteral("status"));
}

void tst_AutoReply::rulesSurviveARestart()
{
    QTemporaryDir dir;
    QSettings settings(dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
    ReplyRuleDraft draft{false, QStringLiteral("hex"), core::MatchKind::HexPattern, QStringLiteral("02 ?? *"),
                         QStringLiteral("06"), core::PayloadMode::Hex, 250};
    {
        AutoReplyControls controls(QStringLiteral("Auto-reply by &rules"), QStringLiteral("Rules"));
        controls.editor()->setDrafts({draft});
        controls.setOn(true);
        controls.save(settings);
    }
    AutoReplyControls restored(QStringLiteral("Auto-reply by &rules"), QStringLiteral("Rules"));
    restored.restore(settings);
    QVERIFY(restored.isOn());
    QCOMPARE(restored.editor()->drafts(), QList<ReplyRuleDraft>{draft});
    QCOMPARE(restored.findChild<QAbstractButton *>(QStringLiteral("editRules"))->text(), QStringLiteral("Rules (0 of 1)…"));
    // Damaged: an unknown match or mode and a delay out of range fall back field by field.
    settings.setValue(QStringLiteral("replyRules/1/match"), 42);
    settings.setValue(QStringLiteral("replyRules/1/replyMode"), -3);
    settings.setValue(QStringLiteral("replyRules/1/delayMs"), 10'000'000);
    AutoReplyControls damaged(QStringLiteral("Auto-reply by &rules"), QStringLiteral("Rules"));
    damaged.restore(settings);
    QCOMPARE(damaged.editor()->drafts().size(), 1);
    const ReplyRuleDraft read = damaged.editor()->drafts()[0];
    QCOMPARE(read.match, core::MatchKind::Exact);
    QCOMPARE(read.replyMode, core::PayloadMode::Escapes);
    QCOMPARE(read.delayMs, core::ReplyRule::kMaxDelayMs);
    QCOMPARE(read.pattern, draft.pattern);
}

void tst_AutoReply::serverAnswersByRuleAndEchoesTheRest()
{
    core::IoThread io;
    ServerTab tab(io);
    tab.show();
    core::FramingSpec lines;
    lines.kind = core::FramingKind::Delimiter;
    tab.framingBar()->setSpec(lines);
    addRule(*tab.autoReply()->editor(), QStringLiteral("ping"), core::MatchKind::Exact, QStringLiteral("PING"),
            QStringLiteral("PONG"));
    tab.findChild<QCheckBox *>(QStringLiteral("autoReply"))->click();
    tab.findChild<QCheckBox *>(QStringLiteral("echo"))->click();
    testsupport::PlainPeer peer;
    QVERIFY(listenWithClient(tab, io, peer));
    QVERIFY(peer.sendAll("PI"));
    QTRY_COMPARE(tab.session()->counters().bytesIn, quint64(2));
    QVERIFY(peer.sendAll("NG\nhello\n"));
    // The rule's reply gets the tab's delimiter; what no rule matched comes back as it was.
    QTRY_COMPARE((peer.poll(), peer.received), QByteArray("PONG\nhello\n"));
    const QString fired = QStringLiteral("Rule “ping” answered #");
    QTRY_VERIFY(logLineWith(*tab.log(), fired) >= 0);
    const QString line = tab.log()->lineText(logLineWith(*tab.log(), fired));
    QVERIFY2(line.endsWith(QStringLiteral("(%1) with 5 bytes").arg(peer.localAddress())), qPrintable(line));
    // Auto-reply off: only the echo answers now.
    tab.findChild<QCheckBox *>(QStringLiteral("autoReply"))->click();
    testsupport::onLoop(io, [] {});
    QVERIFY(peer.sendAll("PING\n"));
    QTRY_COMPARE((peer.poll(), peer.received), QByteArray("PONG\nhello\nPING\n"));
}

void tst_AutoReply::udpAnswersTheSenderAfterTheDelay()
{
    core::IoThread io;
    UdpTab tab(io);
    tab.show();
    addRule(*tab.autoReply()->editor(), QStringLiteral("who"), core::MatchKind::Prefix, QStringLiteral("WHO"),
            QStringLiteral("sockscope\\n"), 200);
    tab.findChild<QCheckBox *>(QStringLiteral("autoReply"))->click();
    QSignalSpy bound(tab.udpSession(), &core::UdpSession::bound);
    tab.findChild<QAbstractButton *>(QStringLiteral("bindButton"))->click();
    QVERIFY(bound.wait(5000));
    testsupport::onLoop(io, [] {});
    QUdpSocket peer;
    QVERIFY(peer.bind(QHostAddress::LocalHost, 0));
    peer.writeDatagram("WHO is there", QHostAddress::LocalHost, tab.udpSession()->localAddress().port());
    peer.writeDatagram("nobody asks", QHostAddress::LocalHost, tab.udpSession()->localAddress().port());
    QVERIFY(peer.waitForReadyRead(5000));
    QCOMPARE(peer.receiveDatagram().data(), QByteArray("sockscope\n"));
    QVERIFY(!peer.hasPendingDatagrams()); // echo is off: the other datagram gets nothing
    const QString fired = QStringLiteral("Rule “who” answered 127.0.0.1:%1 with 10 bytes after 200 ms").arg(peer.localPort());
    QTRY_VERIFY2(logLineWith(*tab.log(), fired) >= 0, qPrintable(fired));
}

void tst_AutoReply::savedMessageBecomesTheReply_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("mode");
    QTest::addColumn<QString>("encoding");
    QTest::addColumn<int>("replyMode");
    QTest::addColumn<QString>("replyText");
    const int text = int(core::PayloadMode::Text);
    const int hex = int(core::PayloadMode::Hex);
    const int escapes = int(core::PayloadMode::Escapes);
    const QString utf8 = QStringLiteral("UTF-8");
    QTest::newRow("one line of UTF-8 text stays text") << QStringLiteral("température") << text << utf8 << text
                                                       << QStringLiteral("température");
    QTest::newRow("escapes stay escapes") << QStringLiteral("OK\\r\\n") << escapes << utf8 << escapes
                                          << QStringLiteral("OK\\r\\n");
    QTest::newRow("two lines become escapes") << QStringLiteral("HTTP/1.0 200 OK\r\n\r\nhi") << text << utf8
                                              << escapes << QStringLiteral("HTTP/1.0 200 OK\\r\\n\\r\\nhi");
    QTest::newRow("Latin-1 text becomes its bytes") << QStringLiteral("café") << text << QStringLiteral("ISO-8859-1")
                                                    << escapes << QStringLiteral("caf\\xe9");
    QTest::newRow("hex stays hex, tidied") << QStringLiteral("02 10\n0A03") << hex << utf8 << hex
                                           << QStringLiteral("02 10 0a 03");
}

void tst_AutoReply::savedMessageBecomesTheReply()
{
    QFETCH(QString, text);
    QFETCH(int, mode);
    QFETCH(QString, encoding);
    QFETCH(int, replyMode);
    QFETCH(QString, replyText);
    const SavedMessage saved{QStringLiteral("m"), text, core::PayloadMode(mode), encoding};
    ReplyRuleDraft draft;
    QCOMPARE(draft.setReplyFrom(saved), QString());
    QCOMPARE(int(draft.replyMode), replyMode);
    QCOMPARE(draft.replyText, replyText);
    // The rule sends exactly the bytes the composer would have sent.
    const QByteArray expected = core::encodePayload(text, core::PayloadMode(mode), encoding, core::LineEnding::None).bytes;
    QCOMPARE(draft.toRule().reply, expected);
}

void tst_AutoReply::serverAnswersWithASavedMessage()
{
    core::IoThread io;
    ServerTab tab(io);
    tab.show();
    core::FramingSpec lines;
    lines.kind = core::FramingKind::Delimiter;
    tab.framingBar()->setSpec(lines);
    ReplyRulesEditor &editor = *tab.autoReply()->editor();
    auto *fromSaved = editor.findChild<QToolButton *>(QStringLiteral("replyFromSaved"));
    QVERIFY(fromSaved);
    QVERIFY(!fromSaved->accessibleName().isEmpty());
    QMenu *menu = fromSaved->menu();
    emit menu->aboutToShow(); // nothing saved yet: the menu says where saved messages come from
    QCOMPARE(menu->actions().size(), 1);
    QVERIFY(!menu->actions().at(0)->isEnabled());
    QVERIFY(menu->actions().at(0)->text().startsWith(QStringLiteral("No saved messages")));
    SendComposer *composer = tab.composer();
    composer->setMode(core::PayloadMode::Hex);
    QTest::keyClicks(composer->findChild<QPlainTextEdit *>(QStringLiteral("payloadEditor")), QStringLiteral("06 4f 4b"));
    QVERIFY(composer->saveMessageAs(QStringLiteral("ack")));
    addRule(editor, QStringLiteral("status"), core::MatchKind::Prefix, QStringLiteral("STATUS"), QString());
    // The menu lists the tab's saved messages when it opens; picking one fills the reply.
    emit menu->aboutToShow();
    QCOMPARE(menu->actions().size(), 1);
    QCOMPARE(menu->actions().at(0)->text(), QStringLiteral("ack"));
    menu->actions().at(0)->trigger();
    QCOMPARE(editor.findChild<QLineEdit *>(QStringLiteral("ruleReply"))->text(), QStringLiteral("06 4f 4b"));
    QCOMPARE(editor.drafts().last().replyMode, core::PayloadMode::Hex);
    QCOMPARE(editor.problemText(), QString());

    tab.findChild<QCheckBox *>(QStringLiteral("autoReply"))->click();
    testsupport::PlainPeer peer;
    QVERIFY(listenWithClient(tab, io, peer));
    QVERIFY(peer.sendAll("STATUS?\n"));
    QTRY_COMPARE((peer.poll(), peer.received), QByteArray("\x06OK\n"));

    // A saved message that is not valid any more is refused with its name, and the reply stays.
    emit menu->aboutToShow();
    editor.useSavedMessage({QStringLiteral("broken"), QStringLiteral("0"), core::PayloadMode::Hex});
    QVERIFY2(editor.problemText().startsWith(QStringLiteral("Saved message “broken” cannot be a reply: ")),
             qPrintable(editor.problemText()));
    QCOMPARE(editor.findChild<QLineEdit *>(QStringLiteral("ruleReply"))->text(), QStringLiteral("06 4f 4b"));
}

void tst_AutoReply::curlGetsTheServerTabsTemplate()
{
    if (testsupport::curl().isEmpty())
        QSKIP("curl is not installed (packaging/install-deps.sh installs it)");
    core::IoThread io;
    ServerTab tab(io);
    tab.show();
    core::FramingSpec http;
    http.kind = core::FramingKind::Http;
    tab.framingBar()->setSpec(http);
    // A tiny web server by hand: the composer's HTTP response template, saved, answers every GET by rule.
    QMenu *messages = tab.composer()->savedMenu();
    emit messages->aboutToShow();
    QAction *templates = actionNamed(messages, QStringLiteral("Templates"));
    QVERIFY(templates && templates->menu());
    templates->menu()->actions().at(0)->trigger();
    QVERIFY(tab.composer()->saveMessageAs(QStringLiteral("page")));
    ReplyRulesEditor &editor = *tab.autoReply()->editor();
    addRule(editor, QStringLiteral("page"), core::MatchKind::Prefix, QStringLiteral("GET "), QString());
    QMenu *fromSaved = editor.findChild<QToolButton *>(QStringLiteral("replyFromSaved"))->menu();
    emit fromSaved->aboutToShow();
    actionNamed(fromSaved, QStringLiteral("page"))->trigger();
    QCOMPARE(editor.problemText(), QString());
    tab.findChild<QCheckBox *>(QStringLiteral("autoReply"))->click();
    const quint16 port = listen(tab);
    QVERIFY(port != 0);
    testsupport::onLoop(io, [] {});

    const testsupport::CurlResult got = testsupport::curlGet(QStringLiteral("http://127.0.0.1:%1/").arg(port));
    QVERIFY(got.finished);
    QVERIFY2(got.exitCode == 0, got.errors.constData());
    QVERIFY2(got.output.startsWith("HTTP/1.1 200 OK\r\n"), got.output.constData());
    QVERIFY2(got.output.contains("Content-Length: 21\r\n"), got.output.constData());
    QVERIFY(got.output.endsWith("\r\n\r\nHello from Sockscope\n"));
    // The list shows curl's request and our reply as one HTTP message each; the log names the rule.
    TrafficModel *model = tab.traffic()->model();
    QTRY_COMPARE(model->rowCount(), 2);
    QVERIFY(model->chunkAt(0).bytes.startsWith("GET / HTTP/1.1\r\n"));
    QCOMPARE(model->chunkAt(1).bytes, got.output);
    QTRY_VERIFY(logLineWith(*tab.log(), QStringLiteral("Rule “page” answered #")) >= 0);
}

QTEST_MAIN(tst_AutoReply)
#include "tst_autoreply.moc"
