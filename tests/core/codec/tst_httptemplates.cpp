// The HTTP templates: their exact bytes, each read back by HttpFramer as one complete message, and both
// against the real peers a tester uses — the GET template sent by a TcpClientSession to python3's
// http.server (its reply framed as one HTTP message, the file's bytes exact), and the response template,
// sent by an auto-reply rule of a TcpServerSession, fetched by curl. Loopback only.
#include "core/codec/autoreplyresponder.h"
#include "core/codec/framer.h"
#include "core/codec/httptemplates.h"
#include "core/io/iothread.h"
#include "core/session/tcpclientsession.h"
#include "core/session/tcpserversession.h"
#include "support/curl.h"
#include "support/pythonhttp.h"
#include "support/testpeers.h"
#include "support/translations.h"

#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace core;

namespace {

FramerOutput frameHttp(const QByteArray &bytes)
{
    FramingSpec spec;
    spec.kind = FramingKind::Http;
    auto framer = makeFramer(spec);
    FramerOutput out;
    framer->feed(bytes, out);
    framer->finish(out);
    return out;
}

} // namespace

class tst_HttpTemplates : public QObject
{
    Q_OBJECT

private slots:
    void getRequestBytes();
    void responseBytes();
    void getTemplateAgainstPythonHttpServer();
    void curlGetsTheResponseTemplate();
};

void tst_HttpTemplates::getRequestBytes()
{
    const QByteArray get = httpGetRequest(QStringLiteral("127.0.0.1"), 8080, QStringLiteral("/status"));
    QCOMPARE(get, QByteArray("GET /status HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nUser-Agent: Sockscope\r\nAccept: */*\r\n"
                             "Connection: close\r\n\r\n"));
    QVERIFY(httpGetRequest(QStringLiteral("::1"), 80).contains("\r\nHost: [::1]\r\n"));
    QVERIFY(httpGetRequest(QStringLiteral("localhost"), 80, {}).startsWith("GET / HTTP/1.1\r\nHost: localhost\r\n"));
    const FramerOutput out = frameHttp(get + get);
    QCOMPARE(out.frames.size(), size_t(2));
    QVERIFY(out.frames[0].complete);
    QCOMPARE(out.frames[0].bytes, get);
    QVERIFY(out.errors.empty());
}

void tst_HttpTemplates::responseBytes()
{
    const QByteArray body = "héllo\n";
    const QByteArray response = httpResponse(404, "text/plain; charset=utf-8", body);
    QCOMPARE(response, QByteArray("HTTP/1.1 404 Not Found\r\nContent-Type: text/plain; charset=utf-8\r\n"
                                  "Content-Length: 7\r\nConnection: close\r\n\r\nhéllo\n"));
    const FramerOutput out = frameHttp(response + httpResponse(200, "text/html", {}));
    QCOMPARE(out.frames.size(), size_t(2));
    QCOMPARE(out.frames[0].body(), body);
    QVERIFY(out.frames[1].complete);
    QCOMPARE(out.frames[1].body(), QByteArray());
}

void tst_HttpTemplates::getTemplateAgainstPythonHttpServer()
{
    if (testsupport::python3().isEmpty())
        QSKIP("python3 is not installed (packaging/install-deps.sh installs it)");
    const QByteArray content = testsupport::randomBytes(20000, 9);
    testsupport::PythonHttpServer server;
    const quint16 port = server.serveFile(QStringLiteral("hello.txt"), content);
    QVERIFY(port != 0);

    IoThread io;
    TcpClientSession client(io);
    QByteArray reply;
    connect(&client, &TcpClientSession::received, this, [&](const QByteArray &bytes) { reply += bytes; });
    QSignalSpy connected(&client, &TcpClientSession::connected);
    QSignalSpy closed(&client, &TcpClientSession::closed);
    client.connectToHost(QStringLiteral("127.0.0.1"), port);
    QVERIFY(connected.wait(5000));
    client.send(httpGetRequest(QStringLiteral("127.0.0.1"), port, QStringLiteral("/hello.txt")));
    QVERIFY(closed.wait(10000)); // Connection: close — the server ends it after the reply

    const FramerOutput out = frameHttp(reply);
    QVERIFY2(out.errors.empty(), qPrintable(out.errors.empty() ? QString() : out.errors.front().message));
    QCOMPARE(out.frames.size(), size_t(1));
    QVERIFY(out.frames[0].complete);
    QVERIFY2(out.frames[0].bytes.startsWith("HTTP/1.0 200 OK\r\n"), out.frames[0].bytes.left(40).constData());
    QVERIFY(out.frames[0].body() == content);
}

void tst_HttpTemplates::curlGetsTheResponseTemplate()
{
    if (testsupport::curl().isEmpty())
        QSKIP("curl is not installed (packaging/install-deps.sh installs it)");
    FramingSpec http;
    http.kind = FramingKind::Http;
    const QByteArray body = "hello from Sockscope\n";
    std::vector<ReplyRule> rules{{true, QStringLiteral("any GET"), MatchKind::Prefix, QStringLiteral("GET "),
                                  httpResponse(200, "text/plain", body)}};
    IoThread io;
    TcpServerSession server(io);
    server.setConsumerFactory(autoReplyFactory(http, rules));
    QSignalSpy listening(&server, &TcpServerSession::listening);
    server.listen(testsupport::streamEndpoint(QStringLiteral("127.0.0.1"), 0));
    QVERIFY(listening.wait(5000));
    const testsupport::CurlResult got =
        testsupport::curlGet(QStringLiteral("http://127.0.0.1:%1/index.html").arg(server.listenAddress().port()));
    QVERIFY(got.finished);
    QVERIFY2(got.exitCode == 0, got.errors.constData());
    QVERIFY2(got.output.startsWith("HTTP/1.1 200 OK\r\n"), got.output.constData());
    QVERIFY(got.output.endsWith("\r\n\r\n" + body));
}

QTEST_GUILESS_MAIN(tst_HttpTemplates)
#include "tst_httptemplates.moc"
