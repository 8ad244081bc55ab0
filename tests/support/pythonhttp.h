// python3's http.server on 127.0.0.1 as a test peer: a real web server from Debian, serving a folder, on a
// port the system picks. Header-only; test code only. A test without python3 skips (python3() is empty).
#pragma once

#include <QDeadlineTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QString>
#include <QTemporaryDir>
#include <QTest>

namespace testsupport {

// Debian's own python3 first: a user's pyenv or venv may lack nothing, but it is not what CI installs.
inline QString python3()
{
    if (QFileInfo(QStringLiteral("/usr/bin/python3")).isExecutable())
        return QStringLiteral("/usr/bin/python3");
    return QStandardPaths::findExecutable(QStringLiteral("python3"));
}

class PythonHttpServer
{
public:
    PythonHttpServer() = default;
    PythonHttpServer(const PythonHttpServer &) = delete;
    PythonHttpServer &operator=(const PythonHttpServer &) = delete;
    ~PythonHttpServer()
    {
        m_process.kill();
        m_process.waitForFinished(5000);
    }

    // Serves one file, `name` holding `content`, from a folder of its own; the port, or 0 on failure.
    quint16 serveFile(const QString &name, const QByteArray &content)
    {
        QFile file(m_root.filePath(name));
        if (!m_root.isValid() || !file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
            return 0;
        file.close();
        return start(m_root.path());
    }

    // Serves `directory`; returns the port once the server says it listens, 0 on failure.
    quint16 start(const QString &directory)
    {
        m_process.setProcessChannelMode(QProcess::MergedChannels);
        m_process.start(python3(), {QStringLiteral("-u"), QStringLiteral("-m"), QStringLiteral("http.server"),
                                    QStringLiteral("0"), QStringLiteral("--bind"), QStringLiteral("127.0.0.1"),
                                    QStringLiteral("--directory"), directory});
        if (!m_process.waitForStarted(5000))
            return 0;
        // "Serving HTTP on 127.0.0.1 port 41234 (http://127.0.0.1:41234/) ..."
        const QRegularExpression portLine(QStringLiteral("port (\\d+)"));
        QByteArray banner;
        QDeadlineTimer deadline(10000);
        while (!deadline.hasExpired()) {
            m_process.waitForReadyRead(100);
            banner += m_process.readAll();
            const QRegularExpressionMatch match = portLine.match(QString::fromUtf8(banner));
            if (match.hasMatch())
                return quint16(match.captured(1).toUInt());
        }
        return 0;
    }

private:
    QTemporaryDir m_root;
    QProcess m_process;
};

} // namespace testsupport
