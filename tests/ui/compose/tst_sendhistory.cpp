// SendHistory stays small whatever is sent: texts over the entry limit and files are kept as summaries (size,
// SHA-256 prefix, file path) never their bytes; the entry count and total characters are bounded; a settings
// file from an older version with two 50 MB entries loads without putting them anywhere and is trimmed on
// the next save. Summaries are described when recalled, through the composer's real widgets.
#include "support/translations.h"
#include "ui/compose/sendcomposer.h"
#include "ui/compose/sendhistory.h"

#include <QApplication>
#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QMenu>
#include <QPlainTextEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using ui::SendComposer;
using ui::SendHistory;
using ui::SendHistoryEntry;

namespace {

template<typename T>
T *child(const QWidget &parent, const char *name)
{
    T *widget = parent.findChild<T *>(QLatin1String(name));
    if (!widget)
        qFatal("no child named %s", name);
    return widget;
}

QString shortSha256(const QByteArray &bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex().left(16));
}

QString statusText(const SendComposer &composer)
{
    return child<QLabel>(composer, "composerStatus")->accessibleDescription();
}

} // namespace

class tst_SendHistory : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void entryFor_data();
    void entryFor();
    void totalCharactersAreBounded();
    void summariesRoundTripWithoutBytes();
    void oldSettingsFileIsTrimmedOnLoad();

    void largeTextIsSentWholeButRememberedAsSummary();
    void fileSendIsRemembered();

private:
    QTemporaryDir m_dir;
};

void tst_SendHistory::initTestCase()
{
    QVERIFY2(m_dir.isValid(), qPrintable(m_dir.errorString()));
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); // digit grouping as asserted
}

void tst_SendHistory::entryFor_data()
{
    QTest::addColumn<int>("chars");
    QTest::addColumn<bool>("summary");
    QTest::newRow("empty") << 0 << false;
    QTest::newRow("at the limit") << int(SendHistory::kMaxEntryChars) << false;
    QTest::newRow("one over") << int(SendHistory::kMaxEntryChars + 1) << true;
    QTest::newRow("a megabyte") << 1024 * 1024 << true;
}

void tst_SendHistory::entryFor()
{
    QFETCH(int, chars);
    QFETCH(bool, summary);
    const QString text(chars, u'é');
    const QByteArray bytes = text.toUtf8() + "\r\n";
    const SendHistoryEntry entry = SendHistory::entryFor(text, core::PayloadMode::Escapes, u"UTF-8"_s,
                                                         core::LineEnding::CRLF, bytes);
    QCOMPARE(entry.isSummary(), summary);
    QCOMPARE(entry.mode, core::PayloadMode::Escapes);
    QCOMPARE(entry.lineEnding, core::LineEnding::CRLF);
    QCOMPARE(entry.text, summary ? QString() : text);
    QCOMPARE(entry.size, summary ? bytes.size() : qint64(-1));
    QCOMPARE(entry.digest, summary ? shortSha256(bytes) : QString());
}

void tst_SendHistory::totalCharactersAreBounded()
{
    SendHistory history;
    for (int i = 0; i < 40; ++i)
        history.add({QString(SendHistory::kMaxEntryChars - 2, QChar(u'a' + i % 26)) + QString::number(i % 10) + u'!',
                     core::PayloadMode::Text, u"UTF-8"_s, core::LineEnding::None, -1, {}, {}});
    // Each entry costs 4,096 characters plus its encoding's five: fifteen fit in 64 Ki, sixteen do not.
    QCOMPARE(history.size(), 15);
    QVERIFY(history.at(0).text.endsWith(u"9!"_s));
    QCOMPARE(history.at(0).text.at(0), QChar(u'a' + 39 % 26));
    QCOMPARE(history.at(14).text.at(0), QChar(u'a' + 25 % 26));

    // An entry over the limit is never added: it has to come through entryFor().
    history.add({QString(SendHistory::kMaxEntryChars + 1, u'z'), core::PayloadMode::Text, u"UTF-8"_s,
                 core::LineEnding::None, -1, {}, {}});
    QCOMPARE(history.size(), 15);
    QVERIFY(history.at(0).text.endsWith(u"9!"_s));
}

void tst_SendHistory::summariesRoundTripWithoutBytes()
{
    const QByteArray payload(100000, 'q');
    SendHistory history;
    history.add({u"small"_s, core::PayloadMode::Hex, u"UTF-8"_s, core::LineEnding::LF, -1, {}, {}});
    history.add(SendHistory::entryFor(QString::fromLatin1(payload), core::PayloadMode::Text, u"UTF-8"_s,
                                      core::LineEnding::None, payload));
    history.add(SendHistory::summaryEntry(52428800, QCryptographicHash::hash("x", QCryptographicHash::Sha256),
                                          m_dir.filePath(u"big.bin"_s)));
    const QString path = m_dir.filePath(u"summaries.ini"_s);
    {
        QSettings settings(path, QSettings::IniFormat);
        history.save(settings);
    }
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray written = file.readAll();
    QVERIFY2(written.size() < 2048, qPrintable(u"%1 bytes written"_s.arg(written.size())));
    QVERIFY2(!written.contains("qqqqqqqq"), "a summary's bytes were written");

    SendHistory restored;
    QSettings settings(path, QSettings::IniFormat);
    restored.restore(settings);
    QCOMPARE(restored.entries(), history.entries());
    QCOMPARE(restored.at(0).filePath, m_dir.filePath(u"big.bin"_s));
    QCOMPARE(restored.at(1).size, 100000);
    QCOMPARE(restored.at(1).digest, shortSha256(payload));
    QCOMPARE(restored.droppedOnRestore(), 0);
}

// The old version stored every payload whole: two 50 MB history entries made a 100 MB settings file.
void tst_SendHistory::oldSettingsFileIsTrimmedOnLoad()
{
    const QString path = m_dir.filePath(u"old.ini"_s);
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        const QByteArray huge(50 * 1000 * 1000, 'x');
        file.write("[composer]\nmode=text\nencoding=UTF-8\nlineEnding=none\ntext=draft\n");
        for (int i = 1; i <= 3; ++i) {
            const QByteArray prefix = "history\\" + QByteArray::number(i) + "\\";
            file.write(prefix + "encoding=UTF-8\n" + prefix + "lineEnding=none\n" + prefix + "mode=text\n");
            file.write(prefix + "text=" + (i == 2 ? QByteArray("kept") : huge) + "\n");
        }
        file.write("history\\size=3\n");
    }

    SendComposer composer;
    QElapsedTimer timer;
    timer.start();
    {
        QSettings settings(path, QSettings::IniFormat);
        composer.restoreState(settings, u"composer"_s);
    }
    const qint64 loadMs = timer.elapsed();
    qInfo("restoring a 100 MB settings file took %lld ms (QSettings parsing it included)", loadMs);
    // Generous: QSettings has to read 100 MB whatever we do; nothing of it may reach a widget.
    QVERIFY2(loadMs < 20000, qPrintable(QString::number(loadMs)));
    QCOMPARE(composer.history().size(), 1);
    QCOMPARE(composer.history().at(0).text, u"kept"_s);
    QCOMPARE(composer.history().droppedOnRestore(), 2);
    QCOMPARE(composer.text(), u"draft"_s);

    {
        QSettings settings(path, QSettings::IniFormat);
        composer.saveState(settings, u"composer"_s);
    }
    QFile file(path);
    QVERIFY2(file.size() < 4096, qPrintable(u"%1 bytes left after saving"_s.arg(file.size())));
    QSettings settings(path, QSettings::IniFormat);
    QCOMPARE(settings.value(u"composer/history/size"_s).toInt(), 1);
    QCOMPARE(settings.value(u"composer/history/1/text"_s).toString(), u"kept"_s);
    QVERIFY(!settings.contains(u"composer/history/3/text"_s));
}

void tst_SendHistory::largeTextIsSentWholeButRememberedAsSummary()
{
    SendComposer composer;
    const QString text = (QString(99, u'z') + u'\n').repeated(80); // 8,000 characters
    composer.setText(text);
    QSignalSpy spy(&composer, &SendComposer::sendRequested);
    composer.send();
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).toByteArray(), text.toUtf8());
    const SendHistoryEntry entry = composer.history().at(0);
    QVERIFY(entry.isSummary());
    QCOMPARE(entry.size, 8000);
    QCOMPARE(entry.digest, shortSha256(text.toUtf8()));
    QVERIFY(entry.text.isEmpty());

    // Recalled, it says what it was and leaves the editor alone.
    composer.setText(u"draft"_s);
    auto *menu = child<QMenu>(composer, "historyMenu");
    menu->popup(QPoint(0, 0));
    QAction *action = menu->actions().at(0);
    QCOMPARE(action->text(), u"Text: %1 · SHA-256 %2"_s.arg(QLocale().formattedDataSize(8000), entry.digest));
    action->trigger();
    menu->close();
    QCOMPARE(composer.text(), u"draft"_s);
    QCOMPARE(statusText(composer),
             u"A payload of %1 (8,000 bytes), SHA-256 %2. The history keeps only the size and digest of payloads "
             "over 4,096 characters, not their bytes."_s.arg(QLocale().formattedDataSize(8000), entry.digest));
}

void tst_SendHistory::fileSendIsRemembered()
{
    const QByteArray data(300000, 'f');
    const QString path = m_dir.filePath(u"remembered.bin"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly) && file.write(data) == data.size());
    file.close();

    SendComposer composer;
    QSignalSpy finished(&composer, &SendComposer::fileSendFinished);
    QVERIFY(composer.sendFile(path));
    QTRY_COMPARE(finished.count(), 1);
    QCOMPARE(composer.history().size(), 1);
    const SendHistoryEntry entry = composer.history().at(0);
    QCOMPARE(entry.filePath, path);
    QCOMPARE(entry.size, data.size());
    QCOMPARE(entry.digest, shortSha256(data));
    QVERIFY(entry.text.isEmpty());
}

QTEST_MAIN(tst_SendHistory)
#include "tst_sendhistory.moc"
