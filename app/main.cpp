// Sockscope's entry point: the application, the one I/O thread every session shares, and the window.
#include "core/io/iothread.h"
#include "core/i18n/translations.h"
#include "ui/shell/mainwindow.h"

#include <QApplication>
#include <QSettings>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Sockscope"));
    QApplication::setOrganizationName(QStringLiteral("Sockscope"));
    QApplication::setApplicationVersion(QStringLiteral(SOCKSCOPE_VERSION));
    core::installTranslations(app);

    // Declared before the window so it outlives every session (see core/io/iothread.h).
    core::IoThread io;
    QSettings settings;
    ui::MainWindow window(io, settings);
    window.restoreSettings();
    window.show();
    return app.exec();
}
