// curl as a test peer: a real HTTP client from Debian fetching a URL on loopback, run as a process while
// the test's event loop keeps turning (so a server in the test's own thread can answer). Header-only; test
// code only. A test without curl skips (curl() is empty).
#pragma once

#include <QByteArray>
#include <QProcess>
#include <QStandardPaths>
#include <QString>
#include <QTest>

namespace testsupport {

inline QString curl()
{
    return QStandardPaths::findExecutable(QStringLiteral("curl"));
}

struct CurlResult
{
    bool finished = false; // false: it did not start or end within the time
    int exitCode = -1;
    QByteArray output;     // with --include: the status line and headers, then the body
    QByteArray errors;
};

// GET `url` (loopback only: no proxy), with the response headers in the output.
inline CurlResult curlGet(const QString &url, int timeoutMs = 15000)
{
    CurlResult result;
    QProcess process;
    process.start(curl(), {QStringLiteral("--silent"), QStringLiteral("--show-error"), QStringLiteral("--include"),
                           QStringLiteral("--max-time"), QString::number(timeoutMs / 1000),
                           QStringLiteral("--noproxy"), QStringLiteral("*"), url});
    if (!process.waitForStarted(5000))
        return result;
    result.finished = QTest::qWaitFor([&] { return process.state() == QProcess::NotRunning; }, timeoutMs + 1000);
    if (!result.finished) {
        process.kill();
        process.waitForFinished(5000);
        return result;
    }
    result.exitCode = process.exitCode();
    result.output = process.readAllStandardOutput();
    result.errors = process.readAllStandardError();
    return result;
}

} // namespace testsupport
