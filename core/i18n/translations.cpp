#include "core/i18n/translations.h"

#include <QCoreApplication>
#include <QLocale>
#include <QTranslator>

namespace core {

namespace {

// Built from translations/*.ts into the resources under this prefix (translations/CMakeLists.txt).
const QString kDirectory = QStringLiteral(":/i18n");
const QString kPrefix = QStringLiteral("sockscope");

bool install(QCoreApplication &application, QTranslator *translator, bool loaded)
{
    if (!loaded) {
        delete translator;
        return false;
    }
    application.installTranslator(translator);
    return true;
}

} // namespace

void installTranslations(QCoreApplication &application)
{
    // Always English first: our sources carry "(s)" forms that only a translator turns into real plurals.
    auto *english = new QTranslator(&application);
    if (!install(application, english, english->load(kPrefix + QStringLiteral("_en"), kDirectory)))
        qWarning("Sockscope: the English plural forms (%s/sockscope_en.qm) are missing", qPrintable(kDirectory));

    // The seam for other languages: a translations/sockscope_<lang>.ts added to translations/CMakeLists.txt
    // is found here for the user's locale. Installed last, it is asked first, so its own plural forms win.
    const QLocale locale;
    if (locale.language() == QLocale::English || locale.language() == QLocale::C)
        return;
    auto *local = new QTranslator(&application);
    install(application, local, local->load(locale, kPrefix, QStringLiteral("_"), kDirectory));
}

} // namespace core
