// Framers (delimiter, length prefix, fixed length, HTTP/1.1): every case gives the exact frames (offset,
// wire bytes, header and trailer sizes, complete or not) and errors (offset, sentence) it must yield, and
// must yield them whatever the pieces the stream came in: one read, a byte at a time, every split point,
// and every pair of split points. Recovery from bad frames, and memory that stays bounded under input that
// never frames. Pure code: no sockets.
#include "core/codec/delimiterframer.h"
#include "core/codec/framer.h"
#include "core/codec/httpframer.h"
#include "support/translations.h"

#include <QTest>

#include <functional>

using namespace core;

namespace {

struct Case
{
    const char *name;
    FramingSpec spec;
    QByteArray input;
    std::vector<Frame> frames;
    std::vector<qint64> errorOffsets; // the sentences are checked in their own tests
};

FramingSpec delimiter(const QByteArray &bytes, qint64 max = 1024)
{
    FramingSpec spec;
    spec.kind = FramingKind::Delimiter;
    spec.delimiter = bytes;
    spec.maxFrameBytes = max;
    return spec;
}

FramingSpec lengthPrefix(int width, ByteOrder order, bool countsHeader = false, int preamble = 0, qint64 max = 1024)
{
    FramingSpec spec;
    spec.kind = FramingKind::LengthPrefix;
    spec.lengthWidth = width;
    spec.byteOrder = order;
    spec.lengthCountsHeader = countsHeader;
    spec.preambleBytes = preamble;
    spec.maxFrameBytes = max;
    return spec;
}

FramingSpec fixedLength(qint64 length)
{
    FramingSpec spec;
    spec.kind = FramingKind::FixedLength;
    spec.fixedLength = length;
    return spec;
}

FramingSpec http(qint64 max = 1024)
{
    FramingSpec spec;
    spec.kind = FramingKind::Http;
    spec.maxFrameBytes = max;
    return spec;
}

// A length header of `width` bytes in `order`, then the body.
QByteArray prefixed(quint64 length, int width, ByteOrder order, const QByteArray &body)
{
    QByteArray header(width, '\0');
    for (int i = 0; i < width; ++i) {
        const int at = order == ByteOrder::BigEndian ? width - 1 - i : i;
        header[at] = char((length >> (8 * i)) & 0xff);
    }
    return header + body;
}

Frame frame(qint64 offset, const QByteArray &bytes, qsizetype header = 0, qsizetype trailer = 0, bool complete = true)
{
    return {offset, bytes, header, trailer, complete};
}

const QByteArray kGet = QByteArrayLiteral("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"); // 35 bytes

std::vector<Case> cases()
{
    const auto BE = ByteOrder::BigEndian;
    const auto LE = ByteOrder::LittleEndian;
    std::vector<Case> all;
    // Delimiters.
    all.push_back({"LF, an empty message, an unfinished one", delimiter("\n"), "a\nbc\n\nd",
                   {frame(0, "a\n", 0, 1), frame(2, "bc\n", 0, 1), frame(5, "\n", 0, 1), frame(6, "d", 0, 0, false)}, {}});
    all.push_back({"CRLF", delimiter("\r\n"), "GET\r\nHost\r\n", {frame(0, "GET\r\n", 0, 2), frame(5, "Host\r\n", 0, 2)}, {}});
    all.push_back({"CR alone is no CRLF", delimiter("\r\n"), "a\rb\r\n", {frame(0, "a\rb\r\n", 0, 2)}, {}});
    all.push_back({"NUL", delimiter(QByteArray(1, '\0')), QByteArray("x\0yz\0", 5),
                   {frame(0, QByteArray("x\0", 2), 0, 1), frame(2, QByteArray("yz\0", 3), 0, 1)}, {}});
    all.push_back({"hex sequence", delimiter("\xaa\x55"), "1\xaa\x55" "22\xaa\x55",
                   {frame(0, "1\xaa\x55", 0, 2), frame(3, "22\xaa\x55", 0, 2)}, {}});
    all.push_back({"overlapping delimiter", delimiter("aab"), "aaabxaab",
                   {frame(0, "aaab", 0, 3), frame(4, "xaab", 0, 3)}, {}});
    all.push_back({"body at the maximum", delimiter("\n", 4), "abcd\n", {frame(0, "abcd\n", 0, 1)}, {}});
    all.push_back({"oversize skipped to the next delimiter", delimiter("\n", 4), "abcdefg\nxy\n",
                   {frame(8, "xy\n", 0, 1)}, {0}});
    all.push_back({"oversize, CRLF, framing goes on", delimiter("\r\n", 3), "abc\r\nxyzw\r\nk\r\n",
                   {frame(0, "abc\r\n", 0, 2), frame(11, "k\r\n", 0, 2)}, {5}});
    all.push_back({"oversize to the end", delimiter("\n", 2), "abcdef", {}, {0}});
    // Length prefixes.
    all.push_back({"1 byte, empty body", lengthPrefix(1, BE), QByteArray("\x03" "abc" "\x00" "\x01" "z", 7),
                   {frame(0, "\x03" "abc", 1), frame(4, QByteArray(1, '\0'), 1), frame(5, "\x01z", 1)}, {}});
    for (int width : {2, 4, 8}) {
        for (ByteOrder order : {BE, LE}) {
            const QByteArray a = prefixed(5, width, order, "hello");
            const QByteArray b = prefixed(300, width, order, QByteArray(300, 'x'));
            static std::vector<QByteArray> names; // the case names must outlive the table
            names.push_back(QByteArray::number(width) + (order == BE ? " bytes, big endian" : " bytes, little endian"));
            all.push_back({names.back().constData(), lengthPrefix(width, order), a + b,
                           {frame(0, a, width), frame(a.size(), b, width)}, {}});
        }
    }
    all.push_back({"length counts its header", lengthPrefix(2, BE, true), QByteArray("\x00\x05" "abc" "\x00\x02", 7),
                   {frame(0, QByteArray("\x00\x05" "abc", 5), 2), frame(5, QByteArray("\x00\x02", 2), 2)}, {}});
    all.push_back({"preamble before the length", lengthPrefix(2, BE, false, 2), QByteArray("\xaa\x55\x00\x02hi", 6),
                   {frame(0, QByteArray("\xaa\x55\x00\x02hi", 6), 4)}, {}});
    all.push_back({"oversize length skipped", lengthPrefix(1, BE, false, 0, 4), "\x09" "123456789" "\x01k",
                   {frame(10, "\x01k", 1)}, {0}});
    all.push_back({"length smaller than its header", lengthPrefix(2, BE, true),
                   QByteArray("\x00\x01\x00\x03x", 5), {frame(2, QByteArray("\x00\x03x", 3), 2)}, {0}});
    all.push_back({"8-byte length near 2^64 does not wrap", lengthPrefix(8, BE),
                   prefixed(~quint64(0) - 7, 8, BE, "abc"), {}, {0}});
    all.push_back({"unfinished frame", lengthPrefix(1, BE), "\x05" "ab", {frame(0, "\x05" "ab", 1, 0, false)}, {}});
    // Fixed length.
    all.push_back({"fixed 3", fixedLength(3), "abcdefgh",
                   {frame(0, "abc"), frame(3, "def"), frame(6, "gh", 0, 0, false)}, {}});
    // HTTP/1.1.
    all.push_back({"two GETs", http(), kGet + kGet, {frame(0, kGet, 35), frame(35, kGet, 35)}, {}});
    {
        const QByteArray post = "POST /a HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello";
        all.push_back({"Content-Length, then a GET after empty lines", http(), post + "\r\n" + kGet,
                       {frame(0, post, post.size() - 5), frame(post.size() + 2, kGet, 35)}, {}});
    }
    {
        const QByteArray head = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
        const QByteArray chunked = head + "4\r\nWiki\r\n5;x=y\r\npedia\r\n0\r\nX-Trailer: 1\r\n\r\n";
        const QByteArray noContent = "HTTP/1.1 204 No Content\r\n\r\n";
        all.push_back({"chunked with trailers, then a 204", http(), chunked + noContent,
                       {frame(0, chunked, head.size()), frame(chunked.size(), noContent, noContent.size())}, {}});
        all.push_back({"chunk size not hex", http(), head + "zz\r\nabc\r\n" + kGet,
                       {frame(0, head, head.size(), 0, false)}, {head.size()}});
        all.push_back({"chunked body over the maximum", http(20), head + "10\r\n0123456789abcdef\r\n0\r\n\r\n",
                       {frame(0, head, head.size(), 0, false)}, {head.size()}});
    }
    {
        const QByteArray response = "HTTP/1.0 200 OK\r\nServer: x\r\n\r\nthe body runs to the close";
        all.push_back({"body to the close", http(), response, {frame(0, response, 30)}, {}});
        all.push_back({"body to the close over the maximum", http(20), response,
                       {frame(0, response.left(50), 30, 0, false)}, {30}});
    }
    {
        const QByteArray big = "POST / HTTP/1.1\r\nContent-Length: 20\r\n\r\n";
        all.push_back({"Content-Length over the maximum", http(10), big + "01234567890123456789" + kGet,
                       {frame(0, big, big.size(), 0, false), frame(big.size() + 20, kGet, 35)}, {0}});
    }
    {
        const QByteArray junk = QByteArray(HttpFramer::kMaxHeaderBlock + 1, 'X') + "\r\n\r\n";
        all.push_back({"header block over its maximum", http(16), junk + kGet, {frame(junk.size(), kGet, 35)}, {0}});
    }
    all.push_back({"304 has no body", http(), "HTTP/1.1 304 Not Modified\r\nContent-Length: 99\r\n\r\n" + kGet,
                   {frame(0, "HTTP/1.1 304 Not Modified\r\nContent-Length: 99\r\n\r\n", 49), frame(49, kGet, 35)},
                   {}});
    all.push_back({"request cut short", http(), "GET / HT", {frame(0, "GET / HT", 8, 0, false)}, {}});
    return all;
}

// Runs `input`, cut at `cuts` (sorted offsets), through a fresh framer for `spec`, then ends the stream.
FramerOutput run(const FramingSpec &spec, const QByteArray &input, const std::vector<qsizetype> &cuts)
{
    auto framer = makeFramer(spec);
    FramerOutput out;
    qsizetype from = 0;
    for (qsizetype cut : cuts) {
        framer->feed(QByteArrayView(input).sliced(from, cut - from), out);
        from = cut;
    }
    framer->feed(QByteArrayView(input).sliced(from), out);
    framer->finish(out);
    return out;
}

QString describe(const FramerOutput &out)
{
    QStringList lines;
    for (const Frame &f : out.frames)
        lines << QStringLiteral("frame @%1 %2 h%3 t%4%5").arg(f.offset).arg(QString::fromLatin1(f.bytes.toHex()))
                     .arg(f.headerSize).arg(f.trailerSize).arg(f.complete ? QString() : QStringLiteral(" (cut)"));
    for (const FramingError &e : out.errors)
        lines << QStringLiteral("error @%1 %2").arg(e.offset).arg(e.message);
    return lines.join(QLatin1Char('\n'));
}

bool sameAs(const FramerOutput &out, const Case &expected)
{
    if (out.frames != expected.frames || out.errors.size() != expected.errorOffsets.size())
        return false;
    for (size_t i = 0; i < out.errors.size(); ++i) {
        if (out.errors[i].offset != expected.errorOffsets[i] || out.errors[i].message.isEmpty())
            return false;
    }
    return true;
}

} // namespace

class tst_Framer : public QObject
{
    Q_OBJECT

private slots:
    void framesWhateverThePieces_data();
    void framesWhateverThePieces();
    void passThroughKeepsReadsAsTheyCame();
    void errorSentences();
    void memoryStaysBounded_data();
    void memoryStaysBounded();
    void framerIsReusableAfterFinish();
};

void tst_Framer::framesWhateverThePieces_data()
{
    QTest::addColumn<int>("index");
    const auto all = cases();
    for (size_t i = 0; i < all.size(); ++i)
        QTest::newRow(all[i].name) << int(i);
}

void tst_Framer::framesWhateverThePieces()
{
    QFETCH(int, index);
    const Case c = cases()[size_t(index)];
    const qsizetype n = c.input.size();
    const FramerOutput whole = run(c.spec, c.input, {});
    QVERIFY2(sameAs(whole, c), qPrintable(QStringLiteral("one read gave:\n") + describe(whole)));
    std::vector<qsizetype> everyByte;
    for (qsizetype i = 1; i < n; ++i)
        everyByte.push_back(i);
    const FramerOutput bytewise = run(c.spec, c.input, everyByte);
    QVERIFY2(sameAs(bytewise, c), qPrintable(QStringLiteral("a byte at a time gave:\n") + describe(bytewise)));
    // Every split point (every 97th past 4 KiB), and every pair of them for inputs up to 200 bytes.
    for (qsizetype a = 1; a < n; a += n > 4096 ? 97 : 1) {
        const FramerOutput one = run(c.spec, c.input, {a});
        QVERIFY2(sameAs(one, c), qPrintable(QStringLiteral("cut at %1 gave:\n").arg(a) + describe(one)));
        for (qsizetype b = a + 1; b < n && n <= 200; ++b) {
            const FramerOutput two = run(c.spec, c.input, {a, b});
            QVERIFY2(sameAs(two, c), qPrintable(QStringLiteral("cut at %1 and %2 gave:\n").arg(a).arg(b) + describe(two)));
        }
    }
}

void tst_Framer::passThroughKeepsReadsAsTheyCame()
{
    auto framer = makeFramer(FramingSpec{});
    FramerOutput out;
    framer->feed("ab", out);
    framer->feed({}, out);
    framer->feed("cde", out);
    framer->finish(out);
    QCOMPARE(out.frames, (std::vector<Frame>{frame(0, "ab"), frame(2, "cde")}));
    QCOMPARE(framer->pendingBytes(), qsizetype(0));
}

void tst_Framer::errorSentences()
{
    FramerOutput out = run(delimiter("\r\n", 4), "abcdefg\r\n", {});
    QCOMPARE(out.errors.at(0).message, QStringLiteral("No delimiter (0d 0a) within 4 bytes of offset 0: the message "
                                                      "was skipped up to the next delimiter."));
    out = run(lengthPrefix(2, ByteOrder::BigEndian, false, 0, 1000), QByteArray("\x00\x01" "a" "\x27\x10", 5), {2});
    QCOMPARE(out.errors.at(0).message, QStringLiteral("Length 10,000 at offset 3 is over the maximum of 1,000 bytes: "
                                                      "that frame was skipped."));
    out = run(lengthPrefix(4, ByteOrder::LittleEndian, true), QByteArray("\x01\0\0\0", 4), {});
    QCOMPARE(out.errors.at(0).message, QStringLiteral("Length 1 at offset 0 is smaller than its own header (4 bytes): "
                                                      "the header was dropped and framing goes on after it."));
    out = run(http(10), "POST / HTTP/1.1\r\nContent-Length: 2000\r\n\r\n", {});
    QCOMPARE(out.errors.at(0).message, QStringLiteral("Content-Length 2,000 at offset 0 is over the maximum of 10 bytes: "
                                                      "that message's body was skipped."));
    out = run(http(), "POST / HTTP/1.1\r\nContent-Length: lots\r\n\r\n", {});
    QCOMPARE(out.errors.at(0).message, QStringLiteral("Content-Length “lots” at offset 0 is not a number: the message is "
                                                      "taken as its headers alone."));
    out = run(http(), "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", {});
    QCOMPARE(out.errors.at(0).message, QStringLiteral("The HTTP chunk size “zz” at offset 47 is not a hexadecimal number: "
                                                      "the message was cut there and the rest of the stream is dropped "
                                                      "until it ends."));
    out = run(http(8), QByteArray(70000, 'h') + "\r\n\r\n", {});
    QCOMPARE(out.errors.at(0).message, QStringLiteral("No end of the HTTP headers within 65,536 bytes of offset 0: "
                                                      "skipped up to the next empty line."));
}

void tst_Framer::memoryStaysBounded_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<qsizetype>("framing"); // what may be held beyond the maximum: a delimiter, a header
    QTest::newRow("delimiter never comes") << int(FramingKind::Delimiter) << qsizetype(1);
    QTest::newRow("HTTP headers never end") << int(FramingKind::Http) << HttpFramer::kMaxHeaderBlock;
    QTest::newRow("HTTP body to a close that never comes") << int(FramingKind::Http) + 100 << qsizetype(19);
    QTest::newRow("huge length, skipped") << int(FramingKind::LengthPrefix) << qsizetype(8);
}

void tst_Framer::memoryStaysBounded()
{
    // 16 MiB that never frames, in 64 KiB reads: held bytes stay under the maximum plus a header.
    QFETCH(int, kind);
    QFETCH(qsizetype, framing);
    constexpr qint64 kMax = 64 * 1024;
    FramingSpec spec;
    spec.maxFrameBytes = kMax;
    spec.kind = FramingKind(kind % 100);
    spec.lengthWidth = 8;
    auto framer = makeFramer(spec);
    FramerOutput out;
    const QByteArray read(64 * 1024, 'x');
    if (kind == int(FramingKind::Http) + 100)
        framer->feed("HTTP/1.1 200 OK\r\n\r\n", out);
    if (spec.kind == FramingKind::LengthPrefix)
        framer->feed(QByteArray(8, '\x7f'), out);
    qsizetype held = 0;
    for (int i = 0; i < 256; ++i) {
        framer->feed(read, out);
        held = std::max(held, framer->pendingBytes());
    }
    QVERIFY2(held <= qsizetype(kMax) + framing, qPrintable(QString::number(held)));
    QCOMPARE(out.errors.size(), size_t(1)); // reported once, not once per read
    out.frames.clear();
}

void tst_Framer::framerIsReusableAfterFinish()
{
    auto framer = makeFramer(delimiter("\n"));
    FramerOutput out;
    framer->feed("one\ntw", out);
    framer->finish(out);
    framer->feed("x\n", out);
    QCOMPARE(out.frames, (std::vector<Frame>{frame(0, "one\n", 0, 1), frame(4, "tw", 0, 0, false), frame(0, "x\n", 0, 1)}));
}

QTEST_GUILESS_MAIN(tst_Framer) // the application object installs the translators

#include "tst_framer.moc"
