// TrafficModel, TrafficFilter and TrafficView over a CaptureStore filled directly (no sockets): exact column
// texts, rows following the store's appends and drops, bounded refreshes, each filter, auto-scroll driven by
// the real scroll bar, and the clipboard text of a copy.
#include "support/palettes.h"
#include "support/translations.h"
#include "ui/capture/capturefeed.h"
#include "ui/traffic/trafficfilter.h"
#include "ui/traffic/trafficmodel.h"
#include "ui/traffic/trafficview.h"

#include <QClipboard>
#include <QDateTime>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QToolButton>

#include <memory>

using core::CapturedChunk;
using core::CaptureStore;
using core::Direction;
using ui::CaptureFeed;
using ui::TrafficFilter;
using ui::TrafficModel;
using ui::TrafficView;

Q_DECLARE_METATYPE(core::Direction)
Q_DECLARE_METATYPE(TrafficFilter::DirectionFilter)
Q_DECLARE_METATYPE(TrafficFilter::ContentMode)

namespace {

core::SocketAddress address(const QString &host, quint16 port)
{
    return core::SocketAddress::fromNumericHost(host, port).value();
}

// Microseconds since the epoch for a local wall-clock time, so the expected text does not depend on the
// machine's time zone.
qint64 localTimeUs(int hour, int minute, int second, int ms, int us)
{
    const QDateTime time(QDate(2024, 5, 17), QTime(hour, minute, second, ms));
    return time.toMSecsSinceEpoch() * 1000 + us;
}

CapturedChunk makeChunk(Direction direction, const QByteArray &bytes, core::ConnectionId connection = 1,
                        const core::SocketAddress &peer = address(QStringLiteral("127.0.0.1"), 5000),
                        qint64 timeUs = localTimeUs(13, 4, 5, 678, 901))
{
    CapturedChunk chunk;
    chunk.timeUs = timeUs;
    chunk.direction = direction;
    chunk.connection = connection;
    chunk.local = address(QStringLiteral("127.0.0.1"), 40000);
    chunk.peer = peer;
    chunk.bytes = bytes;
    return chunk;
}

void appendNumbered(CaptureStore &store, int count, int firstNumber = 0)
{
    for (int i = 0; i < count; ++i) {
        const Direction direction = (firstNumber + i) % 2 ? Direction::Received : Direction::Sent;
        store.append(makeChunk(direction, QByteArray::number(firstNumber + i)));
    }
}

QString cell(const QAbstractItemModel &model, int row, int column, int role = Qt::DisplayRole)
{
    return model.data(model.index(row, column), role).toString();
}

quint64 seqAt(const QAbstractItemModel &model, int row)
{
    return model.data(model.index(row, 0), TrafficModel::ChunkRole).toULongLong();
}

QList<quint64> seqs(const QAbstractItemModel &model)
{
    QList<quint64> result;
    for (int row = 0; row < model.rowCount(); ++row)
        result << seqAt(model, row);
    return result;
}

QString describe(const QList<quint64> &list)
{
    QStringList parts;
    for (quint64 seq : list)
        parts << QString::number(seq);
    return QStringLiteral("[%1]").arg(parts.join(QStringLiteral(", ")));
}

} // namespace

class tst_TrafficModel : public QObject
{
    Q_OBJECT

private slots:
    void columns_data();
    void columns();
    void timeFormats_data();
    void timeFormats();
    void roles();
    void appendKeepsEarlierRows();
    void budgetDropsFromFront();
    void dropsPastEverythingShown();
    void boundedRefresh();
    void idleRefreshDoesNothing();
    void clearEmptiesStoreAndModel();

    void filter_data();
    void filter();
    void filterAppliesToNewRows();
    void invalidHexFilter();

    void viewAutoScroll();
    void viewHintJumpsToEnd();
    void viewPausedKeepsItsRowsWhenOldOnesDrop();
    void viewFocusKeepsTheTail();
    void viewCtrlCCopiesTsv();
    void viewCopyHex();
    void viewCurrentChunk();
    void viewConnectionFilter();
    void viewInvalidHexShowsError();
    void viewClear();
};

void tst_TrafficModel::columns_data()
{
    QTest::addColumn<Direction>("direction");
    QTest::addColumn<QString>("peerHost");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("directionText");
    QTest::addColumn<QString>("peerText");
    QTest::addColumn<QString>("lengthText");
    QTest::addColumn<QString>("dataText");

    QTest::newRow("sent line") << Direction::Sent << QStringLiteral("127.0.0.1") << QByteArray("Hi\r\n")
                               << QStringLiteral("→ sent") << QStringLiteral("127.0.0.1:5000")
                               << QStringLiteral("4") << QStringLiteral("Hi\\r\\n");
    QTest::newRow("received binary")
        << Direction::Received << QStringLiteral("::1") << QByteArray("\x00\x01" "A\\\xff", 5)
        << QStringLiteral("← received") << QStringLiteral("[::1]:5000") << QStringLiteral("5")
        << QStringLiteral("\\0\\x01A\\\\\\xff");
    QTest::newRow("empty datagram") << Direction::Received << QStringLiteral("127.0.0.2") << QByteArray()
                                    << QStringLiteral("← received") << QStringLiteral("127.0.0.2:5000")
                                    << QStringLiteral("0") << QString();
    QTest::newRow("long payload is capped")
        << Direction::Sent << QStringLiteral("127.0.0.1") << QByteArray(500, 'a') << QStringLiteral("→ sent")
        << QStringLiteral("127.0.0.1:5000") << QStringLiteral("500")
        << QString(TrafficModel::kPreviewChars - 1, QLatin1Char('a')) + QChar(0x2026);
}

void tst_TrafficModel::columns()
{
    QFETCH(Direction, direction);
    QFETCH(QString, peerHost);
    QFETCH(QByteArray, bytes);
    QFETCH(QString, directionText);
    QFETCH(QString, peerText);
    QFETCH(QString, lengthText);
    QFETCH(QString, dataText);

    auto store = std::make_shared<CaptureStore>();
    store->append(makeChunk(direction, bytes, 7, address(peerHost, 5000)));
    TrafficModel model;
    CaptureFeed feed(store);
    model.setFeed(&feed);

    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.columnCount(), 5);
    QCOMPARE(cell(model, 0, TrafficModel::TimeColumn), QStringLiteral("13:04:05.678"));
    QCOMPARE(cell(model, 0, TrafficModel::DirectionColumn), directionText);
    QCOMPARE(cell(model, 0, TrafficModel::PeerColumn), peerText);
    QCOMPARE(cell(model, 0, TrafficModel::LengthColumn), lengthText);
    QCOMPARE(cell(model, 0, TrafficModel::DataColumn), dataText);
    QCOMPARE(model.headerData(TrafficModel::DataColumn, Qt::Horizontal).toString(), QStringLiteral("Data"));
}

void tst_TrafficModel::timeFormats_data()
{
    QTest::addColumn<qint64>("offsetUs"); // after the first chunk
    QTest::addColumn<QString>("absolute");
    QTest::addColumn<QString>("relative");

    const qint64 second = 1'000'000;
    QTest::newRow("same instant") << qint64(0) << QStringLiteral("13:04:05.678") << QStringLiteral("+0.000000 s");
    QTest::newRow("one microsecond") << qint64(1) << QStringLiteral("13:04:05.678")
                                     << QStringLiteral("+0.000001 s");
    QTest::newRow("millisecond rollover") << qint64(99) << QStringLiteral("13:04:05.679")
                                          << QStringLiteral("+0.000099 s");
    QTest::newRow("twelve seconds") << 12'345'678LL << QStringLiteral("13:04:18.024")
                                    << QStringLiteral("+12.345678 s");
    QTest::newRow("over an hour") << 3600 * second + 5 << QStringLiteral("14:04:05.678")
                                  << QStringLiteral("+3600.000005 s");
    QTest::newRow("clock stepped back") << -2 * second << QStringLiteral("13:04:03.678")
                                        << QStringLiteral("-2.000000 s");
}

void tst_TrafficModel::timeFormats()
{
    QFETCH(qint64, offsetUs);
    QFETCH(QString, absolute);
    QFETCH(QString, relative);

    const qint64 start = localTimeUs(13, 4, 5, 678, 901);
    auto store = std::make_shared<CaptureStore>();
    store->append(makeChunk(Direction::Sent, "a", 1, address(QStringLiteral("127.0.0.1"), 5000), start));
    store->append(makeChunk(Direction::Received, "b", 1, address(QStringLiteral("127.0.0.1"), 5000),
                            start + offsetUs));
    TrafficModel model;
    CaptureFeed feed(store);
    model.setFeed(&feed);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(cell(model, 1, TrafficModel::TimeColumn), absolute);

    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setTimeFormat(TrafficModel::TimeFormat::Relative);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(0).toModelIndex(), model.index(0, TrafficModel::TimeColumn));
    QCOMPARE(changed.at(0).at(1).toModelIndex(), model.index(1, TrafficModel::TimeColumn));
    QCOMPARE(cell(model, 0, TrafficModel::TimeColumn), QStringLiteral("+0.000000 s"));
    QCOMPARE(cell(model, 1, TrafficModel::TimeColumn), relative);

    model.setTimeFormat(TrafficModel::TimeFormat::Absolute);
    QCOMPARE(cell(model, 1, TrafficModel::TimeColumn), absolute);
}

void tst_TrafficModel::roles()
{
    auto store = std::make_shared<CaptureStore>();
    store->append(makeChunk(Direction::Sent, "Hi\r\n", 7));
    QByteArray big;
    for (int i = 0; i < 1100; ++i)
        big.append(char('a' + i % 26));
    store->append(makeChunk(Direction::Received, big, 9, address(QStringLiteral("::1"), 80)));
    TrafficModel model;
    CaptureFeed feed(store);
    model.setFeed(&feed);
    QCOMPARE(model.rowCount(), 2);

    const QModelIndex first = model.index(0, TrafficModel::DataColumn);
    QCOMPARE(first.data(TrafficModel::ChunkRole).toULongLong(), quint64(1));
    QCOMPARE(first.data(TrafficModel::ConnectionRole).toULongLong(), quint64(7));
    QCOMPARE(first.data(TrafficModel::DirectionRole).toInt(), int(Direction::Sent));
    QCOMPARE(first.data(TrafficModel::BytesRole).toByteArray(), QByteArray("Hi\r\n"));
    QCOMPARE(first.data(Qt::ToolTipRole).toString(), QStringLiteral("4 bytes\nHi\\r\\n"));
    QVERIFY2(!model.index(0, TrafficModel::PeerColumn).data(Qt::ToolTipRole).isValid(),
             "only the Data column has a tooltip");

    const QModelIndex second = model.index(1, TrafficModel::DataColumn);
    QCOMPARE(second.data(TrafficModel::ConnectionRole).toULongLong(), quint64(9));
    QCOMPARE(second.data(TrafficModel::DirectionRole).toInt(), int(Direction::Received));
    const QStringList tip = second.data(Qt::ToolTipRole).toString().split(QLatin1Char('\n'));
    QCOMPARE(tip.size(), 1 + 16 + 1); // count, 1024 bytes in lines of 64, what was left out
    QCOMPARE(tip.first(), QStringLiteral("1,100 bytes"));
    QCOMPARE(tip.at(1), QString::fromLatin1(big.left(64)));
    QCOMPARE(tip.at(16), QString::fromLatin1(big.mid(960, 64)));
    QCOMPARE(tip.last(), QStringLiteral("… and 76 more bytes"));

    QCOMPARE(model.chunkAt(1).seq, quint64(2));
    QCOMPARE(model.chunkAt(1).bytes, big);
    QCOMPARE(model.rowOfSeq(2), 1);
    QCOMPARE(model.rowOfSeq(3), -1);
    QCOMPARE(model.rowOfSeq(0), -1);

    // Direction colours differ from each other on both kinds of palette, and follow the palette.
    const auto colour = [&model](int row) {
        return model.index(row, TrafficModel::DirectionColumn).data(Qt::ForegroundRole).value<QColor>();
    };
    model.setPalette(testsupport::testPalette(testsupport::PaletteTone::Light));
    QVERIFY2(colour(0) != colour(1), "sent and received look alike on a light palette");
    QVERIFY2(colour(0).lightness() < 128 && colour(1).lightness() < 128, "light palette needs dark text");
    model.setPalette(testsupport::testPalette(testsupport::PaletteTone::Dark));
    QVERIFY2(colour(0) != colour(1), "sent and received look alike on a dark palette");
    QVERIFY2(colour(0).lightness() > 128 && colour(1).lightness() > 128, "dark palette needs light text");
}

void tst_TrafficModel::appendKeepsEarlierRows()
{
    auto store = std::make_shared<CaptureStore>();
    appendNumbered(*store, 3);
    TrafficModel model;
    CaptureFeed feed(store);
    model.setFeed(&feed);
    QCOMPARE(model.rowCount(), 3);

    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    appendNumbered(*store, 2, 3);
    QVERIFY(model.refresh());
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 3);
    QCOMPARE(inserted.at(0).at(2).toInt(), 4);
    QCOMPARE(removed.size(), 0);
    QCOMPARE(model.rowCount(), 5);
    QCOMPARE(seqs(model), (QList<quint64>{1, 2, 3, 4, 5}));
    for (int row = 0; row < 5; ++row)
        QCOMPARE(cell(model, row, TrafficModel::DataColumn), QString::number(row));
    QCOMPARE(cell(model, 0, TrafficModel::DirectionColumn), QStringLiteral("→ sent"));
    QCOMPARE(cell(model, 1, TrafficModel::DirectionColumn), QStringLiteral("← received"));
}

void tst_TrafficModel::budgetDropsFromFront()
{
    const qint64 chunkCost = CaptureStore::costOf(1);
    auto store = std::make_shared<CaptureStore>(chunkCost * 5);
    appendNumbered(*store, 5);
    TrafficModel model;
    CaptureFeed feed(store);
    model.setFeed(&feed);
    QCOMPARE(model.rowCount(), 5);

    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    store->setBudget(chunkCost * 3);
    QCOMPARE(store->firstSeq(), quint64(3));
    QVERIFY(model.refresh());
    QCOMPARE(removed.size(), 1);
    QCOMPARE(removed.at(0).at(1).toInt(), 0);
    QCOMPARE(removed.at(0).at(2).toInt(), 1);
    QCOMPARE(inserted.size(), 0);
    QCOMPARE(seqs(model), (QList<quint64>{3, 4, 5}));
    QCOMPARE(cell(model, 0, TrafficModel::DataColumn), QStringLiteral("2"));

    // Appends over budget: each one pushes the oldest out, and one refresh does both.
    appendNumbered(*store, 2, 5);
    QVERIFY(model.refresh());
    QCOMPARE(seqs(model), (QList<quint64>{5, 6, 7}));
    QCOMPARE(cell(model, 2, TrafficModel::DataColumn), QStringLiteral("6"));
    QCOMPARE(model.rowOfSeq(5), 0);
}

void tst_TrafficModel::dropsPastEverythingShown()
{
    const qint64 chunkCost = CaptureStore::costOf(1);
    auto store = std::make_shared<CaptureStore>(chunkCost * 3);
    appendNumbered(*store, 3);
    TrafficModel model;
    CaptureFeed feed(store);
    model.setFeed(&feed);
    QCOMPARE(seqs(model), (QList<quint64>{1, 2, 3}));

    // Ten more: the store keeps 11..13; the model never saw 4..10 and must not leave a gap.
    for (char letter = 'a'; letter < 'k'; ++letter)
        store->append(makeChunk(Direction::Received, QByteArray(1, letter)));
    QVERIFY(model.refresh());
    QCOMPARE(seqs(model), (QList<quint64>{11, 12, 13}));
    QCOMPARE(cell(model, 0, TrafficModel::DataColumn), QStringLiteral("h"));
}

void tst_TrafficModel::boundedRefresh()
{
    auto store = std::make_shared<CaptureStore>();
    appendNumbered(*store, 25'000);
    TrafficModel model;
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    CaptureFeed feed(store);
    model.setFeed(&feed); // joining a feed takes the first bounded step at once
    const int cap = int(TrafficModel::kMaxRowsPerRefresh);
    QCOMPARE(model.rowCount(), cap);
    QCOMPARE(model.pendingChunks(), quint64(25'000 - cap));
    QVERIFY(model.refresh());
    QCOMPARE(model.rowCount(), 2 * cap);
    QVERIFY(model.refresh());
    QCOMPARE(model.rowCount(), 25'000);
    QCOMPARE(model.pendingChunks(), quint64(0));
    QVERIFY2(!model.refresh(), "nothing was left to add");
    QCOMPARE(inserted.size(), 3);
    for (const QList<QVariant> &arguments : inserted)
        QVERIFY2(arguments.at(2).toInt() - arguments.at(1).toInt() + 1 <= cap, "one insert exceeded the cap");
    QCOMPARE(seqAt(model, 24'999), quint64(25'000));
    QCOMPARE(cell(model, 24'999, TrafficModel::DataColumn), QStringLiteral("24999"));
}

void tst_TrafficModel::idleRefreshDoesNothing()
{
    auto store = std::make_shared<CaptureStore>();
    appendNumbered(*store, 4);
    TrafficModel model;
    CaptureFeed feed(store);
    model.setFeed(&feed);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QVERIFY(!model.refresh());
    QVERIFY(!model.refresh());
    QCOMPARE(inserted.size() + removed.size() + reset.size(), 0);

    TrafficModel empty;
    QVERIFY2(!empty.refresh(), "a model without a store has nothing to do");
    QCOMPARE(empty.rowCount(), 0);
}

void tst_TrafficModel::clearEmptiesStoreAndModel()
{
    auto store = std::make_shared<CaptureStore>();
    appendNumbered(*store, 4);
    TrafficModel model;
    CaptureFeed feed(store);
    model.setFeed(&feed);
    model.setTimeFormat(TrafficModel::TimeFormat::Relative);
    model.clear();
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(store->stats().keptChunks, quint64(0));

    store->append(makeChunk(Direction::Sent, "x", 1, address(QStringLiteral("127.0.0.1"), 5000),
                            localTimeUs(15, 0, 0, 0, 0)));
    QVERIFY(model.refresh());
    QCOMPARE(seqs(model), QList<quint64>{5});
    QCOMPARE(cell(model, 0, TrafficModel::TimeColumn), QStringLiteral("+0.000000 s"));
}

void tst_TrafficModel::filter_data()
{
    QTest::addColumn<TrafficFilter::DirectionFilter>("direction");
    QTest::addColumn<quint64>("connection");
    QTest::addColumn<QString>("peer");
    QTest::addColumn<QString>("content");
    QTest::addColumn<TrafficFilter::ContentMode>("mode");
    QTest::addColumn<QList<quint64>>("expected");

    using D = TrafficFilter::DirectionFilter;
    using M = TrafficFilter::ContentMode;
    const QString none;
    // The rows (see filter()): 1 sent "GET / HTTP/1.1\r\n" #1 127.0.0.1:5000; 2 received "HTTP/1.1 200 OK" #1;
    // 3 sent de ad be ef 00 #2 [::1]:8080; 4 received "hello WORLD" #2; 5 received "\xc9t\xe9" #3
    // 127.0.0.15:5000; 6 sent "" #3. (Model tests: nothing is sent anywhere.)
    QTest::newRow("nothing") << D::All << quint64(0) << none << none << M::Text
                             << QList<quint64>{1, 2, 3, 4, 5, 6};
    QTest::newRow("sent") << D::Sent << quint64(0) << none << none << M::Text << QList<quint64>{1, 3, 6};
    QTest::newRow("received") << D::Received << quint64(0) << none << none << M::Text << QList<quint64>{2, 4, 5};
    QTest::newRow("connection 2") << D::All << quint64(2) << none << none << M::Text << QList<quint64>{3, 4};
    QTest::newRow("connection 2 sent") << D::Sent << quint64(2) << none << none << M::Text << QList<quint64>{3};
    QTest::newRow("unknown connection") << D::All << quint64(99) << none << none << M::Text << QList<quint64>{};
    QTest::newRow("peer port") << D::All << quint64(0) << QStringLiteral(":5000") << none << M::Text
                               << QList<quint64>{1, 2, 5, 6};
    QTest::newRow("peer ipv6") << D::All << quint64(0) << QStringLiteral("[::1]") << none << M::Text
                               << QList<quint64>{3, 4};
    QTest::newRow("peer substring") << D::All << quint64(0) << QStringLiteral("0.0.15") << none << M::Text
                                 << QList<quint64>{5, 6};
    QTest::newRow("text") << D::All << quint64(0) << none << QStringLiteral("http/1.1") << M::Text
                          << QList<quint64>{1, 2};
    QTest::newRow("text any case") << D::All << quint64(0) << none << QStringLiteral("World") << M::Text
                                   << QList<quint64>{4};
    QTest::newRow("text with CR LF") << D::All << quint64(0) << none << QStringLiteral("1.1\r\n") << M::Text
                                     << QList<quint64>{1};
    QTest::newRow("latin-1 any case") << D::All << quint64(0) << none << QStringLiteral("éT") << M::Text
                                      << QList<quint64>{5};
    QTest::newRow("text and direction") << D::Sent << quint64(0) << none << QStringLiteral("HTTP") << M::Text
                                        << QList<quint64>{1};
    QTest::newRow("hex") << D::All << quint64(0) << none << QStringLiteral("de ad be ef") << M::Hex
                         << QList<quint64>{3};
    QTest::newRow("hex with NUL") << D::All << quint64(0) << none << QStringLiteral("0xef,0x00") << M::Hex
                                  << QList<quint64>{3};
    QTest::newRow("hex of text") << D::All << quint64(0) << none << QStringLiteral("0d 0a") << M::Hex
                                 << QList<quint64>{1};
    QTest::newRow("hex is case-exact") << D::All << quint64(0) << none << QStringLiteral("77 6f 72 6c 64")
                                       << M::Hex << QList<quint64>{};
    QTest::newRow("hex empty is off") << D::All << quint64(0) << none << QStringLiteral("  ") << M::Hex
                                      << QList<quint64>{1, 2, 3, 4, 5, 6};
    QTest::newRow("everything") << D::Received << quint64(1) << QStringLiteral("127.0.0.1")
                                << QStringLiteral("200") << M::Text << QList<quint64>{2};
}

void tst_TrafficModel::filter()
{
    QFETCH(TrafficFilter::DirectionFilter, direction);
    QFETCH(quint64, connection);
    QFETCH(QString, peer);
    QFETCH(QString, content);
    QFETCH(TrafficFilter::ContentMode, mode);
    QFETCH(QList<quint64>, expected);

    const core::SocketAddress local4 = address(QStringLiteral("127.0.0.1"), 5000);
    const core::SocketAddress local6 = address(QStringLiteral("::1"), 8080);
    const core::SocketAddress other = address(QStringLiteral("127.0.0.15"), 5000);
    auto store = std::make_shared<CaptureStore>();
    store->append(makeChunk(Direction::Sent, "GET / HTTP/1.1\r\n", 1, local4));
    store->append(makeChunk(Direction::Received, "HTTP/1.1 200 OK", 1, local4));
    store->append(makeChunk(Direction::Sent, QByteArray("\xde\xad\xbe\xef\x00", 5), 2, local6));
    store->append(makeChunk(Direction::Received, "hello WORLD", 2, local6));
    store->append(makeChunk(Direction::Received, "\xc9t\xe9", 3, other));
    store->append(makeChunk(Direction::Sent, "", 3, other));
    TrafficModel model;
    CaptureFeed feed(store);
    model.setFeed(&feed);
    TrafficFilter filter;
    filter.setSourceModel(&model);
    QSignalSpy changed(&filter, &TrafficFilter::filterChanged);

    filter.setDirectionFilter(direction);
    filter.setConnectionFilter(connection);
    filter.setPeerFilter(peer);
    QVERIFY2(filter.setContentFilter(content, mode), qPrintable(filter.contentError()));

    const QList<quint64> kept = seqs(filter);
    QVERIFY2(kept == expected, qPrintable(QStringLiteral("kept %1, expected %2")
                                              .arg(describe(kept), describe(expected))));
    QCOMPARE(filter.isFiltering(), expected.size() != 6);
    QVERIFY2(changed.size() <= 4, "one signal per real change at most");

    filter.clearFilters();
    QCOMPARE(filter.rowCount(), 6);
    QVERIFY(!filter.isFiltering());
}

void tst_TrafficModel::filterAppliesToNewRows()
{
    auto store = std::make_shared<CaptureStore>();
    appendNumbered(*store, 4); // 0 sent, 1 received, 2 sent, 3 received
    TrafficModel model;
    CaptureFeed feed(store);
    model.setFeed(&feed);
    TrafficFilter filter;
    filter.setSourceModel(&model);
    filter.setDirectionFilter(TrafficFilter::DirectionFilter::Received);
    QCOMPARE(seqs(filter), (QList<quint64>{2, 4}));

    appendNumbered(*store, 3, 4); // 4 sent, 5 received, 6 sent
    model.refresh();
    QCOMPARE(seqs(filter), (QList<quint64>{2, 4, 6}));

    store->setBudget(CaptureStore::costOf(1) * 3); // keeps 5..7
    model.refresh();
    QCOMPARE(seqs(filter), QList<quint64>{6});
}

void tst_TrafficModel::invalidHexFilter()
{
    auto store = std::make_shared<CaptureStore>();
    appendNumbered(*store, 3);
    TrafficModel model;
    CaptureFeed feed(store);
    model.setFeed(&feed);
    TrafficFilter filter;
    filter.setSourceModel(&model);

    QVERIFY(filter.setContentFilter(QStringLiteral("31"), TrafficFilter::ContentMode::Hex)); // "1"
    QCOMPARE(seqs(filter), QList<quint64>{2});
    QVERIFY2(!filter.setContentFilter(QStringLiteral("de a"), TrafficFilter::ContentMode::Hex),
             "a lone hex digit must be rejected");
    QVERIFY2(filter.contentError().startsWith(QStringLiteral("Hex filter: ")), qPrintable(filter.contentError()));
    QVERIFY2(filter.contentError().size() > 20, "the error must say what is wrong");
    QCOMPARE(filter.rowCount(), 3); // an invalid filter hides nothing
    QVERIFY(filter.setContentFilter(QStringLiteral("de ad"), TrafficFilter::ContentMode::Hex));
    QCOMPARE(filter.contentError(), QString());
    QCOMPARE(filter.rowCount(), 0);
    QVERIFY(filter.setContentFilter(QStringLiteral("de a"), TrafficFilter::ContentMode::Text));
    QCOMPARE(filter.contentError(), QString());
}

void tst_TrafficModel::viewAutoScroll()
{
    auto store = std::make_shared<CaptureStore>();
    appendNumbered(*store, 200);
    TrafficView view;
    view.resize(700, 320);
    CaptureFeed feed(store);
    feed.start();
    view.setFeed(&feed);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QScrollBar *bar = view.table()->verticalScrollBar();
    QTRY_VERIFY2(bar->maximum() > 0, "200 rows must not fit in 320 pixels");
    QTRY_COMPARE(bar->value(), bar->maximum());
    QVERIFY(view.isFollowingTail());

    // The user scrolls up: new rows arrive, the view stays where it is and counts them.
    bar->setValue(10);
    QVERIFY(!view.isFollowingTail());
    QPushButton *hint = view.table()->findChild<QPushButton *>();
    QVERIFY(hint);
    QVERIFY2(!hint->isHidden(), "the paused hint must show");
    QCOMPARE(hint->text(), QStringLiteral("Auto-scroll paused"));
    appendNumbered(*store, 5, 200);
    view.refresh();
    QCOMPARE(view.newRowsWhilePaused(), 5);
    QCOMPARE(hint->text(), QStringLiteral("Auto-scroll paused — 5 new rows"));
    const int pausedMaximum = bar->maximum();
    QTRY_VERIFY(bar->maximum() > pausedMaximum);
    QCOMPARE(bar->value(), 10);
    appendNumbered(*store, 1, 205);
    view.refresh();
    QCOMPARE(hint->text(), QStringLiteral("Auto-scroll paused — 6 new rows"));

    // Back at the bottom: following resumes and the next rows are followed again.
    bar->setValue(bar->maximum());
    QVERIFY(view.isFollowingTail());
    QVERIFY2(hint->isHidden(), "the hint must go once following resumes");
    appendNumbered(*store, 50, 206);
    view.refresh();
    QTableView *table = view.table();
    const QModelIndex last = table->model()->index(table->model()->rowCount() - 1, 0);
    QTRY_VERIFY2(table->viewport()->rect().contains(table->visualRect(last)), "the newest row must be in view");
    QCOMPARE(bar->value(), bar->maximum());
    QVERIFY(view.isFollowingTail());
}

void tst_TrafficModel::viewHintJumpsToEnd()
{
    auto store = std::make_shared<CaptureStore>();
    appendNumbered(*store, 100);
    TrafficView view;
    view.resize(700, 300);
    CaptureFeed feed(store);
    feed.start();
    view.setFeed(&feed);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QScrollBar *bar = view.table()->verticalScrollBar();
    QTRY_VERIFY(bar->maximum() > 0);
    bar->setValue(0);
    appendNumbered(*store, 1, 100);
    view.refresh();
    QPushButton *hint = view.table()->findChild<QPushButton *>();
    QVERIFY(hint);
    QCOMPARE(hint->text(), QStringLiteral("Auto-scroll paused — 1 new row"));
    QVERIFY2(view.table()->viewport()->geometry().contains(hint->geometry()),
             "the hint must sit inside the list's viewport");
    view.resize(520, 260); // the hint follows the viewport's bottom-right corner
    QTRY_COMPARE(hint->geometry().right(), view.table()->viewport()->geometry().right() - 9);
    QCOMPARE(hint->geometry().bottom(), view.table()->viewport()->geometry().bottom() - 9);
    QTest::mouseClick(hint, Qt::LeftButton);
    QVERIFY(view.isFollowingTail());
    QVERIFY(hint->isHidden());
    QTRY_COMPARE(bar->value(), bar->maximum());
    QCOMPARE(view.newRowsWhilePaused(), 0);
}

void tst_TrafficModel::viewPausedKeepsItsRowsWhenOldOnesDrop()
{
    auto store = std::make_shared<CaptureStore>();
    for (int i = 0; i < 100; ++i)
        store->append(makeChunk(Direction::Sent, "x"));
    TrafficView view;
    view.resize(700, 300);
    CaptureFeed feed(store);
    feed.start();
    view.setFeed(&feed);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QScrollBar *bar = view.table()->verticalScrollBar();
    QTRY_VERIFY(bar->maximum() > 20);
    bar->setValue(20);
    const QModelIndex top = view.table()->indexAt(QPoint(1, 1));
    QCOMPARE(top.data(TrafficModel::ChunkRole).toULongLong(), quint64(21));

    store->setBudget(CaptureStore::costOf(1) * 93); // drops seqs 1..7
    view.refresh();
    QCOMPARE(view.table()->model()->rowCount(), 93);
    QCOMPARE(bar->value(), 13);
    QVERIFY(!view.isFollowingTail());
    QTRY_COMPARE(view.table()->indexAt(QPoint(1, 1)).data(TrafficModel::ChunkRole).toULongLong(), quint64(21));
}

void tst_TrafficModel::viewFocusKeepsTheTail()
{
    auto store = std::make_shared<CaptureStore>();
    appendNumbered(*store, 100);
    TrafficView view;
    view.resize(700, 300);
    CaptureFeed feed(store);
    feed.start();
    view.setFeed(&feed);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QScrollBar *bar = view.table()->verticalScrollBar();
    QTRY_VERIFY(bar->maximum() > 0);
    QTRY_COMPARE(bar->value(), bar->maximum());
    QSignalSpy current(&view, &TrafficView::currentChunkChanged);
    // Qt's own focus-in would make row 0 current and scroll to the top.
    QFocusEvent focusIn(QEvent::FocusIn, Qt::TabFocusReason);
    QCoreApplication::sendEvent(view.table(), &focusIn);
    QCOMPARE(view.table()->currentIndex().row(), 99);
    QCOMPARE(current.size(), 1);
    QCOMPARE(current.at(0).at(0).toULongLong(), quint64(100));
    QCOMPARE(bar->value(), bar->maximum());
    QVERIFY(view.isFollowingTail());
}

void tst_TrafficModel::viewCtrlCCopiesTsv()
{
    auto store = std::make_shared<CaptureStore>();
    const qint64 t0 = localTimeUs(9, 0, 1, 2, 3);
    store->append(makeChunk(Direction::Sent, "Hi\r\n", 1, address(QStringLiteral("127.0.0.1"), 5000), t0));
    store->append(makeChunk(Direction::Received, "skip", 1, address(QStringLiteral("127.0.0.1"), 5000), t0));
    store->append(makeChunk(Direction::Received, QByteArray("\tA\x00", 3), 2, address(QStringLiteral("::1"), 80),
                            t0 + 1'500'000));
    store->append(makeChunk(Direction::Sent, QByteArray(300, 'z'), 2, address(QStringLiteral("::1"), 80), t0));
    TrafficView view;
    view.resize(700, 300);
    CaptureFeed feed(store);
    feed.start();
    view.setFeed(&feed);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));

    QTableView *table = view.table();
    auto *selection = table->selectionModel();
    const auto rows = QItemSelectionModel::Select | QItemSelectionModel::Rows;
    selection->select(table->model()->index(2, 0), rows);
    selection->select(table->model()->index(0, 0), rows);
    selection->select(table->model()->index(3, 0), rows);
    table->setFocus();
    QGuiApplication::clipboard()->clear();
    QTest::keyClick(table, Qt::Key_C, Qt::ControlModifier);
    const QString expected = QStringLiteral("Time\tDirection\tPeer\tLength\tData\n"
                                            "09:00:01.002\t→ sent\t127.0.0.1:5000\t4\tHi\\r\\n\n"
                                            "09:00:02.502\t← received\t[::1]:80\t3\t\\tA\\0\n"
                                            "09:00:01.002\t→ sent\t[::1]:80\t300\t")
                             + QString(300, QLatin1Char('z')) + QLatin1Char('\n');
    QCOMPARE(QGuiApplication::clipboard()->text(), expected);

    view.setTimeFormat(TrafficModel::TimeFormat::Relative);
    QVERIFY(view.selectedRowsText().contains(QStringLiteral("\n+1.500000 s\t← received\t")));
}

void tst_TrafficModel::viewCopyHex()
{
    auto store = std::make_shared<CaptureStore>();
    store->append(makeChunk(Direction::Sent, "Hi\r\n"));
    store->append(makeChunk(Direction::Received, QByteArray("\xde\xad", 2)));
    TrafficView view;
    CaptureFeed feed(store);
    feed.start();
    view.setFeed(&feed);
    view.table()->selectAll();
    QGuiApplication::clipboard()->clear();
    view.copySelectedHex();
    QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("48 69 0d 0a\nde ad\n"));
}

void tst_TrafficModel::viewCurrentChunk()
{
    auto store = std::make_shared<CaptureStore>();
    appendNumbered(*store, 5);
    TrafficView view;
    CaptureFeed feed(store);
    feed.start();
    view.setFeed(&feed);
    QSignalSpy current(&view, &TrafficView::currentChunkChanged);
    QSignalSpy activated(&view, &TrafficView::chunkActivated);
    view.table()->setCurrentIndex(view.table()->model()->index(3, 1));
    QCOMPARE(current.size(), 1);
    QCOMPARE(current.at(0).at(0).toULongLong(), quint64(4));
    view.table()->setCurrentIndex(view.table()->model()->index(3, 2)); // same row, other column
    QCOMPARE(current.size(), 1);

    view.filter()->setDirectionFilter(TrafficFilter::DirectionFilter::Sent); // rows 1, 3, 5
    view.table()->setCurrentIndex(view.table()->model()->index(2, 0));
    QCOMPARE(current.last().at(0).toULongLong(), quint64(5));
    emit view.table()->activated(view.table()->model()->index(1, 0));
    QCOMPARE(activated.size(), 1);
    QCOMPARE(activated.at(0).at(0).toULongLong(), quint64(3));
}

void tst_TrafficModel::viewConnectionFilter()
{
    auto store = std::make_shared<CaptureStore>();
    store->append(makeChunk(Direction::Sent, "a", 1));
    store->append(makeChunk(Direction::Sent, "b", 2));
    store->append(makeChunk(Direction::Received, "c", 2));
    TrafficView view;
    CaptureFeed feed(store);
    feed.start();
    view.setFeed(&feed);
    view.setConnectionFilter(2);
    QCOMPARE(seqs(*view.table()->model()), (QList<quint64>{2, 3}));
    QToolButton *chip = nullptr;
    for (QToolButton *button : view.findChildren<QToolButton *>())
        if (button->accessibleName() == QStringLiteral("Connection filter"))
            chip = button;
    QVERIFY(chip);
    QVERIFY(!chip->isHidden());
    QCOMPARE(chip->text(), QStringLiteral("Connection #2 ✕"));
    QTest::mouseClick(chip, Qt::LeftButton);
    QCOMPARE(view.table()->model()->rowCount(), 3);
    QVERIFY(chip->isHidden());

    // "Clear filter" lifts every filter, the connection one included, and empties the controls.
    view.setConnectionFilter(1);
    QLineEdit *peer = nullptr;
    QPushButton *clear = nullptr;
    for (QWidget *child : view.findChildren<QWidget *>()) {
        if (child->accessibleName() == QStringLiteral("Peer filter"))
            peer = qobject_cast<QLineEdit *>(child);
        else if (child->accessibleName() == QStringLiteral("Clear filter"))
            clear = qobject_cast<QPushButton *>(child);
    }
    QVERIFY(peer && clear);
    QTest::keyClicks(peer, QStringLiteral("nomatch"));
    QCOMPARE(view.table()->model()->rowCount(), 1); // connection 1 only; the text waits for a pause
    QTRY_COMPARE(view.table()->model()->rowCount(), 0); // once typing pauses
    QVERIFY(clear->isEnabled());
    QTest::mouseClick(clear, Qt::LeftButton);
    QCOMPARE(view.table()->model()->rowCount(), 3);
    QCOMPARE(peer->text(), QString());
    QVERIFY(chip->isHidden());
    QVERIFY(!clear->isEnabled());
}

void tst_TrafficModel::viewInvalidHexShowsError()
{
    auto store = std::make_shared<CaptureStore>();
    appendNumbered(*store, 3);
    TrafficView view;
    CaptureFeed feed(store);
    feed.start();
    view.setFeed(&feed);
    QLineEdit *content = nullptr;
    QToolButton *hex = nullptr;
    QLabel *error = view.findChild<QLabel *>(QStringLiteral("filterError"));
    for (QWidget *child : view.findChildren<QWidget *>()) {
        if (child->accessibleName() == QStringLiteral("Content filter"))
            content = qobject_cast<QLineEdit *>(child);
        else if (child->accessibleName() == QStringLiteral("Search content as hex bytes"))
            hex = qobject_cast<QToolButton *>(child);
    }
    QVERIFY(content && hex && error);
    QTest::mouseClick(hex, Qt::LeftButton);
    QVERIFY(hex->isChecked());
    QTest::keyClicks(content, QStringLiteral("3"));
    QTRY_VERIFY(error->isHidden() == false); // once typing pauses
    QCOMPARE(error->text(), view.filter()->contentError());
    QTest::keyClicks(content, QStringLiteral("2")); // "32": the byte '2'
    QTRY_VERIFY(error->isHidden());
    QCOMPARE(seqs(*view.table()->model()), QList<quint64>{3});
}

void tst_TrafficModel::viewClear()
{
    auto store = std::make_shared<CaptureStore>();
    appendNumbered(*store, 3);
    TrafficView view;
    CaptureFeed feed(store);
    feed.start();
    view.setFeed(&feed);
    QCOMPARE(view.table()->model()->rowCount(), 3);
    view.clear();
    QCOMPARE(view.table()->model()->rowCount(), 0);
    QCOMPARE(store->stats().keptChunks, quint64(0));
    appendNumbered(*store, 1);
    view.refresh();
    QCOMPARE(seqs(*view.table()->model()), QList<quint64>{4});
}

QTEST_MAIN(tst_TrafficModel)
#include "tst_trafficmodel.moc"
