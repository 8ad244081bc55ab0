// Saved messages in the send composer: save what the editor holds under a name (through the Messages menu),
// send one in one click with its own mode and encoding, load one to change it, replace by name, delete;
// refusals said in the message line (no name, a held large payload); kept across a restart, a damaged entry
// skipped; and the server tab's HTTP response template read back as one message.
#include "core/codec/framer.h"
#include "core/io/iothread.h"
#include "support/translations.h"
#include "ui/compose/composermessageline.h"
#include "ui/compose/savedmessages.h"
#include "ui/compose/sendcomposer.h"
#include "ui/session/servertab.h"

#include <QAction>
#include <QMenu>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace ui;

namespace {

QAction *actionNamed(QMenu *menu, const QString &text)
{
    for (QAction *action : menu->actions())
        if (action->text() == text)
            return action;
    return nullptr;
}

} // namespace

class tst_SavedMessages : public QObject
{
    Q_OBJECT

private slots:
    void saveSendLoadAndDelete();
    void refusalsAreSaid();
    void keptAcrossARestart();
    void serverTemplateIsOneHttpMessage();
};

void tst_SavedMessages::saveSendLoadAndDelete()
{
    SendComposer composer;
    composer.show();
    composer.setMode(core::PayloadMode::Hex);
    composer.setText(QStringLiteral("02 10 03"));
    composer.setNameChooser([](QWidget *, const QString &suggestion) {
        return suggestion == QStringLiteral("Message 1") ? QStringLiteral("status poll") : QString();
    });
    QMenu *menu = composer.savedMenu();
    emit menu->aboutToShow();
    QVERIFY(actionNamed(menu, QStringLiteral("No saved messages yet")));
    menu->findChild<QAction *>(QStringLiteral("saveMessage"))->trigger();
    QCOMPARE(composer.savedMessages().messages().size(), 1);
    QCOMPARE(composer.savedMessages().messages()[0].name, QStringLiteral("status poll"));

    // Something else in the editor, in another mode; one click sends the saved one as it was saved.
    composer.setMode(core::PayloadMode::Text);
    composer.setText(QStringLiteral("other"));
    QSignalSpy sent(&composer, &SendComposer::sendRequested);
    emit menu->aboutToShow();
    actionNamed(menu, QStringLiteral("Send “status poll”"))->trigger();
    QCOMPARE(sent.count(), 1);
    QCOMPARE(sent.at(0).at(0).toByteArray(), QByteArray("\x02\x10\x03", 3));
    QCOMPARE(composer.mode(), core::PayloadMode::Hex);

    // Saving under the same name replaces it; loading puts it in the editor without sending.
    composer.setText(QStringLiteral("02 11 03"));
    QVERIFY(composer.saveMessageAs(QStringLiteral("status poll")));
    QCOMPARE(composer.savedMessages().messages().size(), 1);
    composer.setText(QString());
    emit menu->aboutToShow();
    QMenu *load = actionNamed(menu, QStringLiteral("Load into the editor"))->menu();
    load->actions()[0]->trigger();
    QCOMPARE(composer.text(), QStringLiteral("02 11 03"));
    QCOMPARE(sent.count(), 1);
    emit menu->aboutToShow();
    actionNamed(menu, QStringLiteral("Delete"))->menu()->actions()[0]->trigger();
    QVERIFY(composer.savedMessages().messages().isEmpty());
}

void tst_SavedMessages::refusalsAreSaid()
{
    SendComposer composer;
    composer.setText(QStringLiteral("x"));
    QVERIFY(!composer.saveMessageAs(QStringLiteral("   ")));
    QCOMPARE(composer.findChild<ComposerMessageLine *>()->message(), QStringLiteral("A saved message needs a name."));
    SavedMessages saved;
    for (int i = 0; i < SavedMessages::kMaxMessages; ++i)
        QVERIFY(saved.save({QString::number(i), QStringLiteral("x")}));
    QVERIFY(!saved.save({QStringLiteral("one more"), QStringLiteral("x")}));
    QVERIFY(saved.save({QStringLiteral("7"), QStringLiteral("replaced")})); // a name already kept: replaced
    QVERIFY(!saved.save({QStringLiteral("long"), QString(SavedMessages::kMaxTextChars + 1, QLatin1Char('y'))}));
}

void tst_SavedMessages::keptAcrossARestart()
{
    QTemporaryDir dir;
    QSettings settings(dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
    {
        SendComposer composer;
        composer.setMode(core::PayloadMode::Escapes);
        composer.setText(QStringLiteral("PING\\r\\n"));
        QVERIFY(composer.saveMessageAs(QStringLiteral("ping")));
        composer.saveState(settings, QStringLiteral("composer"));
    }
    settings.setValue(QStringLiteral("composer/saved/size"), 2);
    settings.setValue(QStringLiteral("composer/saved/2/name"), QStringLiteral("broken"));
    settings.setValue(QStringLiteral("composer/saved/2/mode"), 9); // no such mode: skipped
    SendComposer restored;
    restored.restoreState(settings, QStringLiteral("composer"));
    QCOMPARE(restored.savedMessages().messages().size(), 1);
    const SavedMessage kept = restored.savedMessages().messages()[0];
    QCOMPARE(kept, (SavedMessage{QStringLiteral("ping"), QStringLiteral("PING\\r\\n"), core::PayloadMode::Escapes,
                                 QStringLiteral("UTF-8")}));
}

void tst_SavedMessages::serverTemplateIsOneHttpMessage()
{
    core::IoThread io;
    ServerTab tab(io);
    QMenu *menu = tab.composer()->savedMenu();
    emit menu->aboutToShow();
    QMenu *templates = actionNamed(menu, QStringLiteral("Templates"))->menu();
    QVERIFY(templates);
    templates->actions()[0]->trigger();
    const QByteArray bytes = tab.composer()->payload().bytes;
    core::FramingSpec http;
    http.kind = core::FramingKind::Http;
    auto framer = core::makeFramer(http);
    core::FramerOutput out;
    framer->feed(bytes, out);
    QCOMPARE(out.frames.size(), std::size_t(1));
    QVERIFY(out.frames[0].complete);
    QCOMPARE(out.frames[0].body(), QByteArray("Hello from Sockscope\n"));
    QVERIFY(bytes.startsWith("HTTP/1.1 200 OK\r\n"));
}

QTEST_MAIN(tst_SavedMessages)
#include "tst_savedmessages.moc"
