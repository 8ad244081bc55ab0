// HexPanel: the selected chunk, the whole conversation in two colours (per connection on request), a
// conversation rebuilt when the capture drops its start, and rows fitted to the width.
#include "core/capture/capturestore.h"
#include "support/translations.h"
#include "ui/capture/capturefeed.h"
#include "ui/hex/bytesource.h"
#include "ui/hex/hexpanel.h"
#include "ui/hex/hexview.h"

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
} // namespace

class tst_HexPanel : public QObject
{
    Q_OBJECT

private slots:
    void showsTheSelectedChunk();
    void conversationInTwoColours();
    void conversationOfOneConnection();
    void conversationRebuiltAfterDrops();
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
