// Plural forms: with Sockscope's translators installed (as the app installs them), "%n client(s)" reads
// "1 client" and "2 clients"; and translations/sockscope_en.ts holds a finished English entry for every plural
// message in core/, ui/ and app/ (lupdate is run over the sources to find them, and the sources are read).
#include "support/translations.h"
#include "ui/session/servertab.h"
#include "ui/session/sessiontab.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

#include <algorithm>

namespace {

const QString kTsFile = QStringLiteral(SOCKSCOPE_SOURCE_DIR "/translations/sockscope_en.ts");

struct NumerusMessage
{
    QString context;
    QString source;
    bool unfinished = false;
    QStringList forms;
};

// The numerus messages of a .ts file, or an error sentence in *error.
QList<NumerusMessage> readNumerusMessages(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot open %1: %2").arg(path, file.errorString());
        return {};
    }
    QList<NumerusMessage> messages;
    QXmlStreamReader xml(&file);
    QString context;
    NumerusMessage *message = nullptr;
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        const auto name = xml.name();
        if (name == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (name == QLatin1String("message")) {
            message = nullptr;
            if (xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes")) {
                messages.append({context, {}, false, {}});
                message = &messages.last();
            }
        } else if (message && name == QLatin1String("source")) {
            message->source = xml.readElementText();
        } else if (message && name == QLatin1String("translation")) {
            message->unfinished = xml.attributes().value(QLatin1String("type")) == QLatin1String("unfinished");
        } else if (message && name == QLatin1String("numerusform")) {
            message->forms.append(xml.readElementText());
        }
    }
    if (xml.hasError())
        *error = QStringLiteral("%1: %2 at line %3").arg(path, xml.errorString()).arg(xml.lineNumber());
    return messages;
}

// "%n", "%Ln", "%1"…: what a form must keep from its source so the numbers still reach the sentence.
QStringList placeholders(const QString &text)
{
    static const QRegularExpression marker(QStringLiteral("%L?(n|\\d+)"));
    QStringList found;
    for (auto it = marker.globalMatch(text); it.hasNext();)
        found.append(it.next().captured());
    found.sort();
    return found;
}

} // namespace

class tst_Plurals : public QObject
{
    Q_OBJECT

private slots:
    void englishFormsFollowTheCount_data();
    void englishFormsFollowTheCount();
    void everyPluralMessageHasFinishedEnglishForms();
    void translationFileListsEveryPluralMessageInTheSources();
    void everyPluralStringInTheSourcesIsInTheTranslationFile();
};

void tst_Plurals::englishFormsFollowTheCount_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");

    const auto clients = [](int n) { return ui::ServerTab::tr("Listening on %1 · %Ln client(s)", nullptr, n); };
    QTest::newRow("0 clients") << clients(0) << QStringLiteral("Listening on %1 · 0 clients");
    QTest::newRow("1 client") << clients(1) << QStringLiteral("Listening on %1 · 1 client");
    QTest::newRow("2 clients") << clients(2) << QStringLiteral("Listening on %1 · 2 clients");
    QTest::newRow("1,024 clients, grouped") << clients(1024) << QStringLiteral("Listening on %1 · 1,024 clients");
    const auto bytes = [](int n) { return ui::SessionTab::tr("%1 byte(s)", nullptr, n); };
    QTest::newRow("1 byte") << bytes(1) << QStringLiteral("%1 byte");
    QTest::newRow("int max bytes") << bytes(core::pluralCount(quint64(1) << 40)) << QStringLiteral("%1 bytes");
}

void tst_Plurals::englishFormsFollowTheCount()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    QCOMPARE(text, expected);
}

void tst_Plurals::everyPluralMessageHasFinishedEnglishForms()
{
    QString error;
    const QList<NumerusMessage> messages = readNumerusMessages(kTsFile, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY2(!messages.isEmpty(), "the translation file has no plural messages");
    for (const NumerusMessage &message : messages) {
        const QString where = message.context + QStringLiteral(": ") + message.source;
        QVERIFY2(!message.unfinished, qPrintable(QStringLiteral("unfinished: ") + where));
        QVERIFY2(message.forms.size() == 2, qPrintable(QStringLiteral("not one singular and one plural: ") + where));
        for (const QString &form : message.forms) {
            QVERIFY2(!form.isEmpty(), qPrintable(QStringLiteral("an empty form: ") + where));
            QVERIFY2(!form.contains(QLatin1String("(s)")), qPrintable(QStringLiteral("\"(s)\" left in: ") + form));
            QVERIFY2(placeholders(form) == placeholders(message.source),
                     qPrintable(QStringLiteral("the form \"%1\" does not keep the numbers of: %2").arg(form, where)));
        }
        QVERIFY2(message.forms.first() != message.forms.last(),
                 qPrintable(QStringLiteral("singular and plural read the same: ") + where));
    }
}

// The same lupdate run as the `translations` target, into a scratch file: any plural message it finds that
// the committed file lacks means the committed file is stale (run `make translations` and fill it in).
void tst_Plurals::translationFileListsEveryPluralMessageInTheSources()
{
    QTemporaryDir scratch;
    QVERIFY2(scratch.isValid(), qPrintable(scratch.errorString()));
    const QString fresh = scratch.filePath(QStringLiteral("sockscope_en.ts"));
    const QString root = QStringLiteral(SOCKSCOPE_SOURCE_DIR);
    QProcess lupdate;
    lupdate.setWorkingDirectory(root);
    lupdate.start(QStringLiteral(SOCKSCOPE_LUPDATE),
                  {QStringLiteral("-pluralonly"), QStringLiteral("-locations"), QStringLiteral("none"),
                   QStringLiteral("-silent"), QStringLiteral("-I"), root, root + QStringLiteral("/core"),
                   root + QStringLiteral("/ui"), root + QStringLiteral("/app"), QStringLiteral("-ts"), fresh});
    QVERIFY2(lupdate.waitForFinished(120'000), qPrintable(lupdate.errorString()));
    QVERIFY2(lupdate.exitStatus() == QProcess::NormalExit && lupdate.exitCode() == 0,
             lupdate.readAllStandardError().constData());

    QString error;
    const QList<NumerusMessage> inSources = readNumerusMessages(fresh, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const QList<NumerusMessage> committed = readNumerusMessages(kTsFile, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY2(!inSources.isEmpty(), "lupdate found no plural message in the sources");

    QSet<QString> known;
    for (const NumerusMessage &message : committed)
        known.insert(message.context + QLatin1Char('\n') + message.source);
    QStringList missing;
    for (const NumerusMessage &message : inSources) {
        if (!known.contains(message.context + QLatin1Char('\n') + message.source))
            missing.append(message.context + QStringLiteral(": ") + message.source);
    }
    QVERIFY2(missing.isEmpty(), qPrintable(QStringLiteral("not in translations/sockscope_en.ts (run `make "
                                                          "translations` and fill them in):\n")
                                           + missing.join(QLatin1Char('\n'))));
    QCOMPARE(committed.size(), inSources.size()); // nothing stale left behind either
}

// lupdate can miss a call it cannot parse (it skipped core::pluralCount(…) inside namespace core), so the
// sources are read directly too: every string literal with "(s)" must be part of a plural message.
void tst_Plurals::everyPluralStringInTheSourcesIsInTheTranslationFile()
{
    QString error;
    const QList<NumerusMessage> committed = readNumerusMessages(kTsFile, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    // Comments, character literals and string literals, in order, so a quote inside one never starts another.
    static const QRegularExpression token(
        QStringLiteral(R"re(//[^\n]*|/\*.*?\*/|'(?:[^'\\\n]|\\.)*'|"((?:[^"\\\n]|\\.)*)")re"),
        QRegularExpression::DotMatchesEverythingOption);
    int found = 0;
    for (const char *folder : {"core", "ui", "app"}) {
        const QDir dir(QStringLiteral(SOCKSCOPE_SOURCE_DIR "/") + QLatin1String(folder));
        QStringList files;
        for (QDirIterator it(dir.path(), {QStringLiteral("*.cpp"), QStringLiteral("*.h")}, QDir::Files,
                             QDirIterator::Subdirectories);
             it.hasNext();)
            files.append(dir.relativeFilePath(it.next()));
        QVERIFY2(!files.isEmpty(), qPrintable(dir.path()));
        for (const QString &name : files) {
            QFile file(dir.filePath(name));
            QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
            const QString text = QString::fromUtf8(file.readAll());
            for (auto it = token.globalMatch(text); it.hasNext();) {
                QString piece = it.next().captured(1);
                if (!piece.contains(QLatin1String("(s)")))
                    continue;
                piece.replace(QStringLiteral("\\\""), QStringLiteral("\""));
                ++found;
                const bool known = std::any_of(committed.cbegin(), committed.cend(),
                                               [&](const NumerusMessage &m) { return m.source.contains(piece); });
                QVERIFY2(known, qPrintable(QStringLiteral("%1/%2: \"%3\" is in no plural message of the translation "
                                                          "file (a plain tr(), or a call lupdate cannot read?)")
                                               .arg(QLatin1String(folder), name, piece)));
            }
        }
    }
    QVERIFY2(found > 0, "no \"(s)\" string found in the sources");
}

QTEST_MAIN(tst_Plurals)
#include "tst_plurals.moc"
