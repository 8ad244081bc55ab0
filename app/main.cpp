#include <QApplication>
#include <QLabel>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Sockscope"));
    QApplication::setOrganizationName(QStringLiteral("Sockscope"));
    QLabel placeholder(QObject::tr("Sockscope — the window arrives with the next issue."));
    placeholder.show();
    return app.exec();
}
