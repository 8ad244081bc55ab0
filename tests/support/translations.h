// Installs Sockscope's translators in every test executable that includes this header, as soon as its
// application object exists, so tests read what users read ("1 client", not "1 client(s)"). Test code only.
#pragma once

#include "core/i18n/translations.h"

#include <QCoreApplication>

inline void sockscopeTestsInstallTranslations()
{
    core::installTranslations(*QCoreApplication::instance());
}
Q_COREAPP_STARTUP_FUNCTION(sockscopeTestsInstallTranslations)
