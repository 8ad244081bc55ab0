// sockscope-screenshots: puts the real window into realistic states — a server with three clients and
// traffic, a client mid-conversation with a hex selection, UDP with datagrams from two senders — and saves a
// PNG of each tab, in the light palette and in a dark one. Traffic stays on 127.0.0.1.
// Usage: sockscope-screenshots OUTPUT_DIR   (`make screenshots` runs it under Xvfb into docs/screenshots)
#include "core/io/iothread.h"
#include "core/session/tcpclientsession.h"
#include "core/i18n/translations.h"
#include "ui/shell/darkpalette.h"
#include "ui/session/clienttab.h"
#include "ui/hex/hexpanel.h"
#include "ui/hex/hexview.h"
#include "ui/compose/sendcomposer.h"
#include "ui/session/framingbar.h"
#include "ui/session/autoreplycontrols.h"
#include "core/codec/httptemplates.h"
#include "ui/shell/mainwindow.h"
#include "ui/session/servertab.h"
#include "ui/session/endpointfields.h"
#include "ui/session/clientsmodel.h"
#include "ui/traffic/trafficmodel.h"
#include "ui/traffic/trafficview.h"
#include "ui/session/udptab.h"

#include <QApplication>
#include <QComboBox>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QListWidget>
#include <QSettings>
#include <QStyleFactory>
#include <QTabWidget>
#include <QTableView>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QUdpSocket>


#include <cstdio>
#include <functional>
#include <memory>
#include <vector>

namespace {

// Runs the event loop until done() holds; false after 10 s.
bool waitFor(const std::function<bool()> &done)
{
    QDeadlineTimer deadline(10000);
    while (!done()) {
        if (deadline.hasExpired())
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    }
    return true;
}

void settle()
{
    QDeadlineTimer deadline(300); // let the 30 Hz views catch up
    while (!deadline.hasExpired())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
}

struct Scenes
{
    Scenes(ui::MainWindow &w, core::IoThread &thread) : window(w), io(thread) {}
    ui::MainWindow &window;
    core::IoThread &io;
    std::vector<std::unique_ptr<QTcpSocket>> serverClients;
    QTcpServer peerServer;
    std::unique_ptr<QTcpSocket> peer;
    QUdpSocket sensorA;
    QUdpSocket sensorB;
    std::vector<std::unique_ptr<core::TcpClientSession>> unixClients;

    bool server()
    {
        auto *tab = static_cast<ui::ServerTab *>(window.tab(0));
        core::FramingSpec lines; // device lines end in CRLF; the list shows them whole, the hex view greys it
        lines.kind = core::FramingKind::Delimiter;
        lines.delimiter = "\r\n";
        lines.keepDelimiter = true;
        tab->framingBar()->setSpec(lines);
        // Each HELLO is answered by a rule on the I/O thread; the log says so.
        tab->autoReply()->editor()->setDrafts({{true, QStringLiteral("hello"), core::MatchKind::Prefix,
                                                QStringLiteral("HELLO "), QStringLiteral("ACK"),
                                                core::PayloadMode::Escapes, 0},
                                               {true, QStringLiteral("status"), core::MatchKind::HexPattern,
                                                QStringLiteral("53 54 ?? *"), QStringLiteral("06 4f 4b"),
                                                core::PayloadMode::Hex, 250}});
        tab->autoReply()->setOn(true);
        tab->toggleActive();
        if (!waitFor([&] { return tab->serverSession()->isListening(); }))
            return false;
        const quint16 port = tab->serverSession()->listenAddress().port();
        for (int i = 0; i < 3; ++i) {
            auto client = std::make_unique<QTcpSocket>();
            client->connectToHost(QHostAddress::LocalHost, port);
            if (!client->waitForConnected(5000))
                return false;
            serverClients.push_back(std::move(client));
        }
        if (!waitFor([&] { return tab->serverSession()->clientIds().size() == 3; }))
            return false;
        // Sticky packets: two messages in one write, and one message in two writes.
        serverClients[0]->write("HELLO sensor-1 fw=2.1.0\r\nTEMP=21.5C;HUM=40%\r\n");
        serverClients[1]->write("HELLO sen");
        serverClients[1]->flush();
        if (!waitFor([&] { return tab->session()->counters().bytesIn >= 53; }))
            return false;
        serverClients[1]->write("sor-2 fw=2.2.0\r\n");
        serverClients[2]->write("HELLO sensor-3 fw=2.3.0\r\n");
        if (!waitFor([&] { return tab->session()->counters().bytesIn >= 53 + 16 + 25; }))
            return false;
        if (!waitFor([&] { return tab->session()->counters().bytesOut >= 15; }))
            return false;
        settle();
        ui::TrafficModel *model = tab->traffic()->model();
        for (int row = 0; row < model->rowCount(); ++row)
            if (model->chunkAt(row).bytes.startsWith("HELLO sensor-2")) // the message that came in two reads
                tab->traffic()->table()->selectRow(row);
        return true;
    }

    bool client()
    {
        if (!peerServer.listen(QHostAddress::LocalHost, 0))
            return false;
        auto *tab = static_cast<ui::ClientTab *>(window.tab(1));
        core::FramingSpec http;
        http.kind = core::FramingKind::Http;
        tab->framingBar()->setSpec(http);
        tab->findChild<QComboBox *>(QStringLiteral("host"))->setEditText(QStringLiteral("localhost"));
        tab->findChild<QLineEdit *>(QStringLiteral("port"))->setText(QString::number(peerServer.serverPort()));
        tab->toggleActive();
        if (!peerServer.waitForNewConnection(5000))
            return false;
        peer.reset(peerServer.nextPendingConnection());
        if (!waitFor([&] { return tab->clientSession()->state() == core::SessionState::Connected; }))
            return false;
        tab->clientSession()->send("GET /status HTTP/1.1\r\nHost: localhost\r\nAccept: application/json\r\n\r\n");
        if (!waitFor([&] { return peer->bytesAvailable() > 0; }))
            return false;
        peer->readAll();
        peer->write(core::httpResponse(200, "application/json", "{\"uptime\": 86400, \"load\": [0.12, 0.08]}\r\n"));
        if (!waitFor([&] { return tab->session()->counters().bytesIn > 90; }))
            return false;
        settle();
        // The whole conversation: the GET and the reply each start at an amber bar, their header blocks tinted.
        tab->hexPanel()->setMode(ui::HexPanel::Mode::Conversation);
        tab->traffic()->table()->selectRow(1);
        tab->composer()->setText(QStringLiteral("PING\\r\\n"));
        tab->composer()->setMode(core::PayloadMode::Escapes);
        return true;
    }

    // A Unix seqpacket server with two local clients: peers known by their process, each message its own row.
    bool unixServer(const QString &path)
    {
        auto *tab = static_cast<ui::ServerTab *>(window.addSession(ui::ServerTab::kKindId, QStringLiteral("Unix")));
        auto *kind = tab->findChild<ui::SocketKindCombo *>(QStringLiteral("socketKind"));
        kind->setKind(ui::SocketKind::UnixSeqPacket);
        tab->findChild<QComboBox *>(QStringLiteral("bindAddress"))->setEditText(path);
        tab->toggleActive();
        if (!waitFor([&] { return tab->serverSession()->isListening(); }))
            return false;
        // The device's two local clients: Sockscope's own client sessions, over seqpacket.
        for (int i = 0; i < 2; ++i) {
            auto client = std::make_unique<core::TcpClientSession>(io);
            core::TcpClientSession::Options options;
            options.type = core::SocketType::SeqPacket;
            client->connectToHost(path, 0, options);
            if (!waitFor([&] { return client->state() == core::SessionState::Connected; }))
                return false;
            unixClients.push_back(std::move(client));
        }
        for (const char *message : {"STATUS", "VERSION?", "PING"})
            unixClients[0]->send(message);
        unixClients[1]->send("SUBSCRIBE temperature");
        if (!waitFor([&] { return tab->session()->counters().messagesIn >= 4; }))
            return false;
        tab->serverSession()->sendToAll("OK");
        if (!waitFor([&] { return tab->session()->counters().messagesOut >= 2; }))
            return false;
        settle();
        tab->traffic()->table()->selectRow(0);
        return true;
    }

    bool udp()
    {
        auto *tab = static_cast<ui::UdpTab *>(window.tab(2));
        tab->toggleActive();
        if (!waitFor([&] { return tab->udpSession()->isBound(); }))
            return false;
        const quint16 port = tab->udpSession()->localAddress().port();
        if (!sensorA.bind(QHostAddress::LocalHost, 0) || !sensorB.bind(QHostAddress::LocalHost, 0))
            return false;
        for (int i = 0; i < 3; ++i) {
            sensorA.writeDatagram(QStringLiteral("A:seq=%1 t=21.%1").arg(i).toLatin1(), QHostAddress::LocalHost, port);
            sensorB.writeDatagram(QByteArray::fromHex("b5620107") + char(i), QHostAddress::LocalHost, port);
        }
        if (!waitFor([&] { return tab->session()->counters().messagesIn == 6; }))
            return false;
        tab->udpSession()->replyToLastSender("ack");
        if (!waitFor([&] { return tab->session()->counters().messagesOut == 1; }))
            return false;
        settle();
        tab->traffic()->table()->selectRow(1); // a binary datagram, shown in the hex view
        return true;
    }
};

bool saveWidget(QWidget &widget, const QString &path)
{
    settle();
    const bool ok = widget.grab().save(path);
    std::printf("%s %s\n", ok ? "wrote" : "FAILED", qPrintable(path));
    return ok;
}

bool save(ui::MainWindow &window, int tab, const QString &path)
{
    window.tabs()->setCurrentIndex(tab);
    return saveWidget(window, path);
}

// The server tab's rules dialog, its second rule selected.
bool saveRules(ui::MainWindow &window, const QString &path)
{
    window.tabs()->setCurrentIndex(0);
    ui::ReplyRulesDialog *dialog = static_cast<ui::ServerTab *>(window.tab(0))->autoReply()->dialog();
    dialog->resize(860, 340);
    dialog->show();
    dialog->editor()->list()->setCurrentRow(1);
    const bool ok = saveWidget(*dialog, path);
    dialog->hide();
    return ok;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    core::installTranslations(app);
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    if (argc < 2) {
        std::fprintf(stderr, "usage: sockscope-screenshots OUTPUT_DIR\n");
        return 2;
    }
    const QString out = QString::fromLocal8Bit(argv[1]);
    QDir().mkpath(out);
    QTemporaryDir settingsDir; // a fresh set-up, as a first-time user sees it
    QSettings settings(settingsDir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
    core::IoThread io;
    ui::MainWindow window(io, settings);
    window.restoreSettings();
    window.resize(1280, 800);
    window.show();
    Scenes scenes(window, io);
    if (!scenes.server() || !scenes.client() || !scenes.udp()) {
        std::fprintf(stderr, "a scene did not reach its state\n");
        return 1;
    }
    const QStringList names{QStringLiteral("server"), QStringLiteral("client"), QStringLiteral("udp")};
    bool ok = true;
    for (int i = 0; i < 3; ++i)
        ok = save(window, i, QDir(out).filePath(names[i] + QStringLiteral(".png"))) && ok;
    ok = saveRules(window, QDir(out).filePath(QStringLiteral("rules.png"))) && ok;
    QTemporaryDir unixDir;
    if (!scenes.unixServer(unixDir.filePath(QStringLiteral("device.sock")))) {
        std::fprintf(stderr, "the Unix scene did not reach its state\n");
        return 1;
    }
    ok = save(window, 3, QDir(out).filePath(QStringLiteral("unix.png"))) && ok;
    QApplication::setPalette(ui::darkPalette());
    for (int i = 0; i < 3; ++i)
        ok = save(window, i, QDir(out).filePath(names[i] + QStringLiteral("-dark.png"))) && ok;
    return ok ? 0 : 1;
}
