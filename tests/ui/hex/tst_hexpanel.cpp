// HexPanel: the selected chunk, the whole conversation in two colours (per connection on request), a
// conversation rebuilt when the capture drops its start, the tab's framing marked in the conversation
// (message starts, headers and delimiters, across reads and other streams' bytes, flushed by a stream's
// end), and rows fitted to the width.
#include "core/capture/capturestore.h"
#include "support/translations.h"
#include "ui/capture/capturefeed.h"
#include "ui/hex/bytesource.h"
#include "ui/hex/hexpanel.h"
#include "ui/hex/hexview.h"

#include <QLabel>
#include <QTest>

using namespace ui;

namespace {
core::CapturedChunk chunk(core::Direction direction, core::ConnectionId connection, const QByteArray &bytes)
{
    core::CapturedChunk c;
    c.direction = direction;
    c.connection = connection;
    c.bytes = bytes;
    return c;
}

// One letter per byte of the source: h header, t trailer, b body; upper case where a message starts.
QString marks(const ByteSource &source)
{
    QString out;
    for (qint64 at = 0; at < source.size(); ++at) {
        const ByteSource::Part part = source.partAt(at);
        const QChar letter = part == ByteSource::Part::Header ? QLatin1Char('h')
                             : part == ByteSource::Part::Trailer ? QLatin1Char('t')
                                                                 : QLatin1Char('b');
        out += source.startsMessage(at) ? letter.toUpper() : letter;
    }
    return out;
}

QString captionOf(const HexPanel &panel)
{
    return panel.findChild<QLabel *>(QStringLiteral("hexCaption"))->text();
}
} // namespace

class tst_HexPanel : public QObject
{
    Q_OBJECT

private slots:
    void showsTheSelectedChunk();
    void conversationInTwoColours();
    void conversationOfOneConnection();
    void conversationRebuiltAfterDrops();
    void conversationMarksDelimitedMessages();
    void conversationMarksAHeaderSplitByAnotherStream();
    void conversationMarksWhatAStreamEndFlushes();
    void captionIsCutNotWidened();
    void rowsFitTheWidth();
};

void tst_HexPanel::showsTheSelectedChunk()
{
    auto capture = std::make_shared<core::CaptureStore>();
    const quint64 first = capture->append(chunk(core::Direction::Sent, 1, "hello"));
    const quint64 second = capture->append(chunk(core::Direction::Received, 1, "world!"));
    HexPanel panel;
    CaptureFeed feed(capture);
    feed.start();
    panel.setFeed(&feed);
    panel.showChunk(second);
    QCOMPARE(panel.view()->source()->read(0, 100), QByteArray("world!"));
    QCOMPARE(panel.view()->source()->originAt(0), ByteSource::Origin::Received);
    panel.showChunk(first);
    QCOMPARE(panel.view()->source()->read(0, 100), QByteArray("hello"));
    QCOMPARE(panel.view()->source()->originAt(4), ByteSource::Origin::Sent);
}

void tst_HexPanel::conversationInTwoColours()
{
    auto capture = std::make_shared<core::CaptureStore>();
    capture->append(chunk(core::Direction::Sent, 1, "GET"));
    HexPanel panel;
    CaptureFeed feed(capture);
    feed.start();
    panel.setFeed(&feed);
    panel.setMode(HexPanel::Mode::Conversation);
    ByteSource *source = panel.view()->source();
    QCOMPARE(source->read(0, 100), QByteArray("GET"));
    capture->append(chunk(core::Direction::Received, 1, "200"));
    QTRY_COMPARE(source->size(), qint64(6)); // the panel polls the capture at ~30 Hz
    QCOMPARE(source->read(0, 6), QByteArray("GET200"));
    QCOMPARE(source->originAt(2), ByteSource::Origin::Sent);
    QCOMPARE(source->originAt(3), ByteSource::Origin::Received);
}

void tst_HexPanel::conversationOfOneConnection()
{
    auto capture = std::make_shared<core::CaptureStore>();
    capture->append(chunk(core::Direction::Received, 1, "aa"));
    capture->append(chunk(core::Direction::Received, 2, "bb"));
    capture->append(chunk(core::Direction::Sent, 1, "cc"));
    HexPanel panel;
    CaptureFeed feed(capture);
    feed.start();
    panel.setFeed(&feed);
    panel.setMode(HexPanel::Mode::Conversation);
    panel.setConnectionFilter(1);
    QCOMPARE(panel.view()->source()->read(0, 100), QByteArray("aacc"));
    panel.setConnectionFilter(0);
    QCOMPARE(panel.view()->source()->read(0, 100), QByteArray("aabbcc"));
}

void tst_HexPanel::conversationRebuiltAfterDrops()
{
    auto capture = std::make_shared<core::CaptureStore>();
    capture->setBudget(3 * core::CaptureStore::costOf(4));
    capture->append(chunk(core::Direction::Sent, 1, "0000"));
    capture->append(chunk(core::Direction::Sent, 1, "1111"));
    HexPanel panel;
    CaptureFeed feed(capture);
    feed.start();
    panel.setFeed(&feed);
    panel.setMode(HexPanel::Mode::Conversation);
    QCOMPARE(panel.view()->source()->read(0, 100), QByteArray("00001111"));
    for (const char *bytes : {"2222", "3333", "4444"})
        capture->append(chunk(core::Direction::Received, 1, bytes));
    // The capture now keeps only the last three chunks; the conversation shows what it keeps.
    QTRY_COMPARE(panel.view()->source()->read(0, 100), QByteArray("222233334444"));
}

void tst_HexPanel::conversationMarksDelimitedMessages()
{
    auto capture = std::make_shared<core::CaptureStore>();
    capture->append(chunk(core::Direction::Received, 1, "he"));     // 0-1
    capture->append(chunk(core::Direction::Received, 2, "AB\n"));   // 2-4
    capture->append(chunk(core::Direction::Received, 1, "llo\nwo")); // 5-10
    capture->append(chunk(core::Direction::Received, 1, "rld\n"));   // 11-14
    HexPanel panel;
    CaptureFeed feed(capture);
    feed.start();
    panel.setFeed(&feed);
    panel.setMode(HexPanel::Mode::Conversation);
    const ByteSource &source = *panel.view()->source();
    QCOMPARE(marks(source), QStringLiteral("bbbbbbbbbbbbbbb")); // no framing, no marks
    core::FramingSpec lines;
    lines.kind = core::FramingKind::Delimiter; // LF, stripped: the wire still has it, tinted as a trailer
    panel.setFraming(lines);
    QCOMPARE(source.read(0, 100), QByteArray("heAB\nllo\nworld\n"));
    // "hello" starts at 0 and ends at 8 (its "\n" in the third read), "AB" sits between its halves.
    QCOMPARE(marks(source), QStringLiteral("BbBbtbbbtBbbbbt"));
    QVERIFY2(captionOf(panel).contains(QStringLiteral("3 message starts marked")), qPrintable(captionOf(panel)));
    // Client 1 alone: the marks move with its bytes.
    panel.setConnectionFilter(1);
    QCOMPARE(source.read(0, 100), QByteArray("hello\nworld\n"));
    QCOMPARE(marks(source), QStringLiteral("BbbbbtBbbbbt"));
    // New bytes are marked as they come.
    capture->append(chunk(core::Direction::Received, 1, "!\n"));
    QTRY_COMPARE(marks(source), QStringLiteral("BbbbbtBbbbbtBt"));
    // Framing none (or the list's raw reads) marks nothing.
    panel.setFraming({});
    QCOMPARE(marks(source), QStringLiteral("bbbbbbbbbbbbbb"));
    QVERIFY(!captionOf(panel).contains(QStringLiteral("marked")));
}

void tst_HexPanel::conversationMarksAHeaderSplitByAnotherStream()
{
    auto capture = std::make_shared<core::CaptureStore>();
    capture->append(chunk(core::Direction::Received, 1, QByteArray("\x00", 1))); // 0: half a 2-byte header
    capture->append(chunk(core::Direction::Sent, 1, QByteArray("\x00\x01z", 3))); // 1-3: our own message
    capture->append(chunk(core::Direction::Received, 1, QByteArray("\x03" "abc" "\x00\x00", 6))); // 4-9
    HexPanel panel;
    CaptureFeed feed(capture);
    feed.start();
    panel.setFeed(&feed);
    core::FramingSpec records;
    records.kind = core::FramingKind::LengthPrefix;
    records.lengthWidth = 2;
    panel.setFraming(records); // set while the panel shows a selected row: marked once it shows the rest
    panel.setMode(HexPanel::Mode::Conversation);
    // The received header's two bytes lie either side of the sent message; the last record is empty.
    QCOMPARE(marks(*panel.view()->source()), QStringLiteral("HHhbhbbbHh"));
}

void tst_HexPanel::conversationMarksWhatAStreamEndFlushes()
{
    auto capture = std::make_shared<core::CaptureStore>();
    const QByteArray head = "HTTP/1.0 200 OK\r\n\r\n"; // 19 bytes, a body to the close
    capture->append(chunk(core::Direction::Received, 4, head + "bo"));
    HexPanel panel;
    CaptureFeed feed(capture);
    feed.start();
    panel.setFeed(&feed);
    panel.setMode(HexPanel::Mode::Conversation);
    core::FramingSpec http;
    http.kind = core::FramingKind::Http;
    panel.setFraming(http);
    capture->append(chunk(core::Direction::Received, 4, "dy"));
    const ByteSource &source = *panel.view()->source();
    QTRY_COMPARE(source.size(), qint64(23));
    QCOMPARE(marks(source), QString(23, QLatin1Char('b'))); // the body runs to the close: nothing yet
    panel.endStream(4);
    QTRY_COMPARE(marks(source), QStringLiteral("H") + QString(18, QLatin1Char('h')) + QStringLiteral("bbbb"));
    // Framed again (a new framing, the same one back), the end is applied again.
    panel.setFraming({});
    panel.setFraming(http);
    QCOMPARE(marks(source), QStringLiteral("H") + QString(18, QLatin1Char('h')) + QStringLiteral("bbbb"));
}

void tst_HexPanel::captionIsCutNotWidened()
{
    auto capture = std::make_shared<core::CaptureStore>();
    capture->append(chunk(core::Direction::Received, 1, "x\n"));
    HexPanel panel;
    CaptureFeed feed(capture);
    feed.start();
    panel.setFeed(&feed);
    panel.setMode(HexPanel::Mode::Conversation);
    core::FramingSpec lines;
    lines.kind = core::FramingKind::Delimiter;
    panel.setFraming(lines);
    auto *caption = panel.findChild<QLabel *>(QStringLiteral("hexCaption"));
    // A long caption never asks for more width than the panel has; cut short, its tooltip carries it all.
    panel.resize(300, 200);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QVERIFY(panel.minimumSizeHint().width() < 300);
    QTRY_COMPARE(caption->toolTip(), caption->text());
    panel.resize(1600, 200);
    QTRY_COMPARE(caption->toolTip(), QString());
}

void tst_HexPanel::rowsFitTheWidth()
{
    HexPanel panel;
    panel.resize(1000, 300);
    panel.show();
    QTRY_COMPARE(panel.view()->bytesPerRow(), 16);
    panel.resize(380, 300);
    QTRY_COMPARE(panel.view()->bytesPerRow(), 8);
    panel.resize(1000, 300);
    QTRY_COMPARE(panel.view()->bytesPerRow(), 16);
}

QTEST_MAIN(tst_HexPanel)
#include "tst_hexpanel.moc"
