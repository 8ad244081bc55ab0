// Tests for core/payloadcodec: exact bytes, exact messages and exact positions for every parser, the
// encodings the composer offers, round trips through the previews, and random garbage that must not crash.
#include "core/codec/payloadcodec.h"

#include <QRandomGenerator>
#include <QStringDecoder>
#include <QStringEncoder>
#include <QTest>

using namespace core;
using namespace Qt::StringLiterals;

namespace {

constexpr qsizetype kNoError = -1;

// Random bytes; when `alphabet` is given, drawn from it only, so rare sequences (NUL before a digit,
// backslashes) turn up often.
QByteArray randomBytes(QRandomGenerator &random, qsizetype size, const QByteArray &alphabet = {})
{
    QByteArray bytes(size, Qt::Uninitialized);
    for (char &byte : bytes) {
        byte = alphabet.isEmpty() ? static_cast<char>(random.bounded(256))
                                  : alphabet[static_cast<qsizetype>(random.bounded(int(alphabet.size())))];
    }
    return bytes;
}

QString randomText(QRandomGenerator &random, qsizetype size, const QString &alphabet = {})
{
    QString text(size, Qt::Uninitialized);
    for (QChar &c : text) {
        c = alphabet.isEmpty() ? QChar(char16_t(random.bounded(0x10000)))
                               : alphabet[static_cast<qsizetype>(random.bounded(int(alphabet.size())))];
    }
    return text;
}

// The checks every parser result must pass, whatever the input.
bool isWellFormed(const EncodedPayload &payload, qsizetype inputSize, QString *why)
{
    if (!payload.error.isError())
        return payload.error.message.isEmpty() || (*why = u"message without error"_s, false);
    if (payload.error.position >= qMax<qsizetype>(inputSize, 1)) {
        *why = u"position %1 outside input of %2"_s.arg(payload.error.position).arg(inputSize);
        return false;
    }
    if (payload.error.message.isEmpty() || !payload.bytes.isEmpty()) {
        *why = u"error without message, or with bytes: "_s + payload.error.message;
        return false;
    }
    return true;
}

} // namespace

class tst_PayloadCodec : public QObject
{
    Q_OBJECT

private:
    static void addColumns();
    static void addRow(const char *name, const QString &input, const QString &encoding, const char *hex,
                       qsizetype position = kNoError, const QString &message = {});
    static void verify(const EncodedPayload &payload);

private slots:
    void parseHex_data();
    void parseHex();
    void parseEscapes_data();
    void parseEscapes();
    void encodeText_data();
    void encodeText();
    void encodePayload_data();
    void encodePayload();
    void lineEndingBytes_data();
    void lineEndingBytes();
    void availableEncodings();
    void toHex_data();
    void toHex();
    void escapedPreview_data();
    void escapedPreview();
    void toCArray_data();
    void toCArray();
    void icuFlagsWhatItSubstitutes_data();
    void icuFlagsWhatItSubstitutes();
    void roundTrip_data();
    void roundTrip();
    void unencodablePositionMatchesBruteForce_data();
    void unencodablePositionMatchesBruteForce();
    void randomGarbageNeverCrashes_data();
    void randomGarbageNeverCrashes();
};

void tst_PayloadCodec::addColumns()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("encoding");
    QTest::addColumn<QByteArray>("expected");
    QTest::addColumn<qsizetype>("position");
    QTest::addColumn<QString>("message");
}

void tst_PayloadCodec::addRow(const char *name, const QString &input, const QString &encoding, const char *hex,
                              qsizetype position, const QString &message)
{
    QTest::newRow(name) << input << encoding << QByteArray::fromHex(hex) << position << message;
}

void tst_PayloadCodec::verify(const EncodedPayload &payload)
{
    QFETCH(QByteArray, expected);
    QFETCH(qsizetype, position);
    QFETCH(QString, message);
    QCOMPARE(payload.error.message, message);
    QCOMPARE(payload.error.position, position);
    QCOMPARE(payload.error.isError(), position >= 0);
    QVERIFY2(payload.bytes == expected, qPrintable(u"got "_s + QString::fromLatin1(payload.bytes.toHex(' '))));
}

void tst_PayloadCodec::parseHex_data()
{
    addColumns();
    const QString none;
    addRow("pairs with spaces", u"48 69"_s, none, "4869");
    addRow("0x prefix per byte", u"0x48 0x69"_s, none, "4869");
    addRow("colons", u"48:69"_s, none, "4869");
    addRow("newline between", u"48 69\n0a"_s, none, "48690a");
    addRow("0X prefix, run of bytes", u"0X4869"_s, none, "4869");
    addRow("all separators", u"48,69-0a\t0d\r\n:"_s, none, "48690a0d");
    addRow("mixed case", u"DEadBEef"_s, none, "deadbeef");
    addRow("empty", QString(), none, "");
    addRow("separators only", u" \t:,-\n"_s, none, "");
    addRow("odd trailing digit", u"48 6"_s, none, "", 3,
           u"Odd number of hex digits: “6” at position 4 has no partner."_s);
    addRow("odd digit then separator", u"48 69 4\n"_s, none, "", 6,
           u"Odd number of hex digits: “4” at position 7 has no partner."_s);
    addRow("odd digit before prefix", u"4 0x48"_s, none, "", 0,
           u"Odd number of hex digits: “4” at position 1 has no partner."_s);
    addRow("odd digit before separators", u"4 :"_s, none, "", 0,
           u"Odd number of hex digits: “4” at position 1 has no partner."_s);
    addRow("pair split by space", u"4 8"_s, none, "", 0,
           u"Hex digits “4” at position 1 and “8” at position 3 are split by a separator; write the two "
           "digits of a byte together."_s);
    addRow("pair split by colon", u"aa b:c"_s, none, "", 3,
           u"Hex digits “b” at position 4 and “c” at position 6 are split by a separator; write the two "
           "digits of a byte together."_s);
    addRow("bad char after pair", u"abg"_s, none, "", 2, u"“g” at position 3 is not a hex digit."_s);
    addRow("bad char in pair", u"12 4g"_s, none, "", 4, u"“g” at position 5 is not a hex digit."_s);
    addRow("x after a byte", u"00x1"_s, none, "", 2, u"“x” at position 3 is not a hex digit."_s);
    addRow("prefix alone", u"0x"_s, none, "", 0, u"“0x” at position 1 is not followed by a hex digit."_s);
    addRow("prefix then space", u"48 0X "_s, none, "", 3,
           u"“0X” at position 4 is not followed by a hex digit."_s);
    addRow("non-ASCII", u"48 é"_s, none, "", 3, u"“é” at position 4 is not a hex digit."_s);
    addRow("control char", u"48\u0001"_s, none, "", 2, u"“U+0001” at position 3 is not a hex digit."_s);
    addRow("emoji", u"😀"_s, none, "", 0, u"“😀” at position 1 is not a hex digit."_s);
}

void tst_PayloadCodec::parseHex()
{
    QFETCH(QString, input);
    verify(core::parseHex(input));
}

void tst_PayloadCodec::parseEscapes_data()
{
    addColumns();
    const QString utf8 = u"UTF-8"_s;
    addRow("plain text", u"Hi\r\n"_s, utf8, "48690d0a");
    addRow("every simple escape", u"\\n\\r\\t\\\\\\\"\\'\\a\\b\\f\\v\\e"_s, utf8, "0a0d095c222707080c0b1b");
    addRow("hex escapes", u"\\x41\\xfF"_s, utf8, "41ff");
    addRow("NUL", u"\\0"_s, utf8, "00");
    addRow("octal ESC", u"\\033[0m"_s, utf8, "1b5b306d");
    addRow("octal stops after three", u"\\0012"_s, utf8, "0132");
    addRow("octal stops at 8", u"\\18"_s, utf8, "0138");
    addRow("octal maximum", u"\\377"_s, utf8, "ff");
    addRow("octal out of range", u"ab\\400"_s, utf8, "", 2,
           u"“\\400” at position 3 is out of range; octal escapes go up to \\377."_s);
    addRow("\\u as UTF-8", u"\\u20AC"_s, utf8, "e282ac");
    addRow("\\u is UTF-8 in Latin-1 too", u"\\u20ac"_s, u"ISO-8859-1"_s, "e282ac");
    addRow("\\u surrogate pair", u"\\uD83D\\uDE00"_s, utf8, "f09f9880");
    addRow("\\u half pair", u"\\uD83Dx"_s, utf8, "", 0,
           u"“\\uD83D” at position 1 is half of a surrogate pair; write the whole pair or the character "
           "itself."_s);
    addRow("\\u lone low half", u"a\\ude00"_s, utf8, "", 1,
           u"“\\ude00” at position 2 is half of a surrogate pair; write the whole pair or the character "
           "itself."_s);
    addRow("unknown escape", u"abcd\\q"_s, utf8, "", 4, u"Unknown escape “\\q” at position 5."_s);
    addRow("unknown escape of control", u"\\\u0001"_s, utf8, "", 0, u"Unknown escape “\\U+0001” at position 1."_s);
    addRow("\\x without digits", u"ab\\x"_s, utf8, "", 2, u"“\\x” at position 3 needs two hex digits."_s);
    addRow("\\x one digit at end", u"ab\\x4"_s, utf8, "", 2, u"“\\x” at position 3 needs two hex digits."_s);
    addRow("\\x one digit then junk", u"ab\\x4g"_s, utf8, "", 2,
           u"“\\x” at position 3 needs two hex digits."_s);
    addRow("\\u short", u"\\u12"_s, utf8, "", 0, u"“\\u” at position 1 needs four hex digits."_s);
    addRow("trailing backslash", u"abc\\"_s, utf8, "", 3,
           u"Trailing backslash at position 4 has nothing to escape; write \\\\ for a backslash."_s);
    addRow("UTF-8 text", u"é\\n"_s, utf8, "c3a90a");
    addRow("Latin-1 text", u"é\\n"_s, u"ISO-8859-1"_s, "e90a");
    addRow("GB18030 text around escape", u"中\\x00文"_s, u"GB18030"_s, "d6d000cec4");
    addRow("UTF-16LE text, raw escape", u"A\\xffB"_s, u"UTF-16LE"_s, "4100ff4200");
    addRow("unencodable before escape", u"a€\\n"_s, u"ISO-8859-1"_s, "", 1,
           u"“€” at position 2 cannot be encoded in ISO-8859-1."_s);
    addRow("unencodable after escape", u"\\n€"_s, u"ISO-8859-1"_s, "", 2,
           u"“€” at position 3 cannot be encoded in ISO-8859-1."_s);
    addRow("unknown encoding", u"x"_s, u"bogus"_s, "", 0, u"Unknown text encoding “bogus”."_s);
    addRow("empty", QString(), utf8, "");
}

void tst_PayloadCodec::parseEscapes()
{
    QFETCH(QString, input);
    QFETCH(QString, encoding);
    verify(core::parseEscapes(input, encoding));
}

void tst_PayloadCodec::encodeText_data()
{
    addColumns();
    addRow("GB18030", u"中文"_s, u"GB18030"_s, "d6d0cec4");
    addRow("Latin-1 é", u"é"_s, u"ISO-8859-1"_s, "e9");
    addRow("Latin1 alias", u"é"_s, u"latin1"_s, "e9");
    addRow("UTF-8", u"é€"_s, u"UTF-8"_s, "c3a9e282ac");
    addRow("UTF-16LE", u"Hi"_s, u"UTF-16LE"_s, "48006900");
    addRow("UTF-16BE", u"Hi€"_s, u"UTF-16BE"_s, "0048006920ac");
    addRow("UTF-16LE pair", u"😀"_s, u"UTF-16LE"_s, "3dd800de");
    addRow("UTF-32BE", u"A😀"_s, u"UTF-32BE"_s, "000000410001f600");
    addRow("windows-1252 euro", u"ab€"_s, u"windows-1252"_s, "616280");
    addRow("Shift_JIS", u"日本語"_s, u"Shift_JIS"_s, "93fa967b8cea");
    addRow("US-ASCII", u"ABC"_s, u"US-ASCII"_s, "414243");
    addRow("empty", QString(), u"UTF-8"_s, "");
    addRow("Latin-1 euro", u"Hello€"_s, u"ISO-8859-1"_s, "", 5,
           u"“€” at position 6 cannot be encoded in ISO-8859-1."_s);
    addRow("Latin-1 emoji", u"a😀"_s, u"ISO-8859-1"_s, "", 1,
           u"“😀” at position 2 cannot be encoded in ISO-8859-1."_s);
    addRow("windows-1252 emoji (ICU)", u"abc😀d"_s, u"windows-1252"_s, "", 3,
           u"“😀” at position 4 cannot be encoded in windows-1252."_s);
    addRow("Shift_JIS euro (ICU)", u"日€本"_s, u"Shift_JIS"_s, "", 1,
           u"“€” at position 2 cannot be encoded in Shift_JIS."_s);
    addRow("US-ASCII é (ICU)", u"Aé"_s, u"US-ASCII"_s, "", 1, u"“é” at position 2 cannot be encoded in US-ASCII."_s);
    addRow("long text, error at the end (ICU)", QString(100000, u'a') + u"€"_s, u"KOI8-R"_s, "", 100000,
           u"“€” at position 100001 cannot be encoded in KOI8-R."_s);
    addRow("long text, error at the end (Latin-1)", QString(100000, u'a') + u"€"_s, u"ISO-8859-1"_s, "", 100000,
           u"“€” at position 100001 cannot be encoded in ISO-8859-1."_s);
    addRow("lone surrogate UTF-16LE", u"a"_s + QChar(0xd800) + u"b"_s, u"UTF-16LE"_s, "", 1,
           u"“U+D800” at position 2 cannot be encoded in UTF-16LE."_s);
    addRow("lone low surrogate UTF-8", u"ab"_s + QChar(0xdc00), u"UTF-8"_s, "", 2,
           u"“U+DC00” at position 3 cannot be encoded in UTF-8."_s);
    addRow("lone surrogate GB18030", QString(QChar(0xdbff)) + u"x"_s, u"GB18030"_s, "", 0,
           u"“U+DBFF” at position 1 cannot be encoded in GB18030."_s);
    addRow("unknown encoding", QString(), u"bogus"_s, "", 0, u"Unknown text encoding “bogus”."_s);
    addRow("empty encoding name", u"a"_s, QString(), "", 0, u"Unknown text encoding “”."_s);
    addRow("non-Latin-1 encoding name", u"a"_s, u"UTF-8中"_s, "", 0, u"Unknown text encoding “UTF-8中”."_s);
}

void tst_PayloadCodec::encodeText()
{
    QFETCH(QString, input);
    QFETCH(QString, encoding);
    verify(core::encodeText(input, encoding));
}

void tst_PayloadCodec::encodePayload_data()
{
    addColumns();
    QTest::addColumn<PayloadMode>("mode");
    QTest::addColumn<LineEnding>("ending");
    struct Row { const char *name; QString input; PayloadMode mode; QString encoding; LineEnding ending; const char *hex; };
    const Row rows[] = {
        {"text none", u"Hi"_s, PayloadMode::Text, u"UTF-8"_s, LineEnding::None, "4869"},
        {"text LF", u"Hi"_s, PayloadMode::Text, u"UTF-8"_s, LineEnding::LF, "48690a"},
        {"text CRLF", u"Hi"_s, PayloadMode::Text, u"UTF-8"_s, LineEnding::CRLF, "48690d0a"},
        {"text CR", u"Hi"_s, PayloadMode::Text, u"UTF-8"_s, LineEnding::CR, "48690d"},
        {"hex none", u"48 69"_s, PayloadMode::Hex, u"UTF-8"_s, LineEnding::None, "4869"},
        {"hex LF", u"48 69"_s, PayloadMode::Hex, u"UTF-8"_s, LineEnding::LF, "48690a"},
        {"hex CRLF", u"48 69"_s, PayloadMode::Hex, u"UTF-8"_s, LineEnding::CRLF, "48690d0a"},
        {"hex CR", u"48 69"_s, PayloadMode::Hex, u"UTF-8"_s, LineEnding::CR, "48690d"},
        {"escapes none", u"H\\x69"_s, PayloadMode::Escapes, u"UTF-8"_s, LineEnding::None, "4869"},
        {"escapes LF", u"H\\x69"_s, PayloadMode::Escapes, u"UTF-8"_s, LineEnding::LF, "48690a"},
        {"escapes CRLF", u"H\\x69"_s, PayloadMode::Escapes, u"UTF-8"_s, LineEnding::CRLF, "48690d0a"},
        {"escapes CR", u"H\\x69"_s, PayloadMode::Escapes, u"UTF-8"_s, LineEnding::CR, "48690d"},
        {"text UTF-16LE CRLF", u"Hi"_s, PayloadMode::Text, u"UTF-16LE"_s, LineEnding::CRLF, "480069000d000a00"},
        {"escapes UTF-16BE LF", u"H\\x01"_s, PayloadMode::Escapes, u"UTF-16BE"_s, LineEnding::LF, "004801000a"},
        {"hex ignores UTF-16LE", u"0x48"_s, PayloadMode::Hex, u"UTF-16LE"_s, LineEnding::CRLF, "480d0a"},
        {"hex ignores bad encoding", u"48"_s, PayloadMode::Hex, u"bogus"_s, LineEnding::LF, "480a"},
        {"text GB18030 LF", u"中文"_s, PayloadMode::Text, u"GB18030"_s, LineEnding::LF, "d6d0cec40a"},
        {"empty text LF", QString(), PayloadMode::Text, u"UTF-8"_s, LineEnding::LF, "0a"},
    };
    for (const Row &row : rows) {
        QTest::newRow(row.name) << row.input << row.encoding << QByteArray::fromHex(row.hex) << kNoError
                                << QString() << row.mode << row.ending;
    }
    QTest::newRow("hex error, no ending") << u"4"_s << u"UTF-8"_s << QByteArray() << qsizetype(0)
                                          << u"Odd number of hex digits: “4” at position 1 has no partner."_s
                                          << PayloadMode::Hex << LineEnding::CRLF;
    QTest::newRow("text error, no ending") << u"é"_s << u"US-ASCII"_s << QByteArray() << qsizetype(0)
                                           << u"“é” at position 1 cannot be encoded in US-ASCII."_s
                                           << PayloadMode::Text << LineEnding::LF;
    QTest::newRow("escape error, no ending") << u"\\"_s << u"UTF-8"_s << QByteArray() << qsizetype(0)
                                             << u"Trailing backslash at position 1 has nothing to escape; "
                                                "write \\\\ for a backslash."_s
                                             << PayloadMode::Escapes << LineEnding::CR;
}

void tst_PayloadCodec::encodePayload()
{
    QFETCH(QString, input);
    QFETCH(QString, encoding);
    QFETCH(PayloadMode, mode);
    QFETCH(LineEnding, ending);
    verify(core::encodePayload(input, mode, encoding, ending));
}

void tst_PayloadCodec::lineEndingBytes_data()
{
    QTest::addColumn<LineEnding>("ending");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("none") << LineEnding::None << QByteArray();
    QTest::newRow("LF") << LineEnding::LF << QByteArray("\n");
    QTest::newRow("CRLF") << LineEnding::CRLF << QByteArray("\r\n");
    QTest::newRow("CR") << LineEnding::CR << QByteArray("\r");
}

void tst_PayloadCodec::lineEndingBytes()
{
    QFETCH(LineEnding, ending);
    QFETCH(QByteArray, expected);
    QCOMPARE(core::lineEndingBytes(ending), expected);
}

void tst_PayloadCodec::availableEncodings()
{
    const QStringList encodings = core::availableEncodings();
    const QStringList first = {u"UTF-8"_s, u"ISO-8859-1"_s, u"GB18030"_s, u"UTF-16LE"_s, u"UTF-16BE"_s};
    QCOMPARE(encodings.mid(0, first.size()), first);
    QVERIFY2(encodings.contains(u"Shift_JIS"_s) && encodings.contains(u"windows-1252"_s),
             qPrintable(encodings.join(u", "_s)));
    QCOMPARE(QStringList(encodings).removeDuplicates(), 0);
    for (const QString &name : encodings) {
        const EncodedPayload payload = core::encodeText(u"Hi"_s, name);
        QVERIFY2(!payload.error.isError() && !payload.bytes.isEmpty(),
                 qPrintable(name + u": "_s + payload.error.message));
    }
}

void tst_PayloadCodec::toHex_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<qsizetype>("maxBytes");
    QTest::addColumn<QString>("expected");
    QTest::newRow("empty") << QByteArray() << qsizetype(-1) << QString();
    QTest::newRow("text and LF") << QByteArray("Hi\n") << qsizetype(-1) << u"48 69 0a"_s;
    QTest::newRow("extremes") << QByteArray::fromHex("00ff7f80") << qsizetype(-1) << u"00 ff 7f 80"_s;
    QTest::newRow("cut") << QByteArray("Hi\n") << qsizetype(2) << u"48 69 …"_s;
    QTest::newRow("cut to nothing") << QByteArray("H") << qsizetype(0) << u"…"_s;
    QTest::newRow("limit equals size") << QByteArray("Hi\n") << qsizetype(3) << u"48 69 0a"_s;
    QTest::newRow("limit above size") << QByteArray("Hi") << qsizetype(50) << u"48 69"_s;
}

void tst_PayloadCodec::toHex()
{
    QFETCH(QByteArray, bytes);
    QFETCH(qsizetype, maxBytes);
    QFETCH(QString, expected);
    QCOMPARE(core::toHex(bytes, maxBytes), expected);
}

void tst_PayloadCodec::escapedPreview_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<qsizetype>("maxChars");
    QTest::addColumn<QString>("expected");
    QTest::newRow("brief example") << QByteArray("Hi\r\n\x01") << qsizetype(-1) << u"Hi\\r\\n\\x01"_s;
    QTest::newRow("NUL") << QByteArray(1, '\0') << qsizetype(-1) << u"\\0"_s;
    QTest::newRow("NUL before octal digit") << QByteArray("\0" "1", 2) << qsizetype(-1) << u"\\x001"_s;
    QTest::newRow("NUL before 8") << QByteArray("\0" "8", 2) << qsizetype(-1) << u"\\08"_s;
    QTest::newRow("backslash and quotes") << QByteArray("\\\t\"'") << qsizetype(-1) << u"\\\\\\t\"'"_s;
    QTest::newRow("high bytes") << QByteArray::fromHex("7f80ff1b") << qsizetype(-1) << u"\\x7f\\x80\\xff\\x1b"_s;
    QTest::newRow("cut") << QByteArray("abcdef") << qsizetype(4) << u"abc…"_s;
    QTest::newRow("exact fit") << QByteArray("abcd") << qsizetype(4) << u"abcd"_s;
    QTest::newRow("escape not halved") << QByteArray("ab\n") << qsizetype(3) << u"ab…"_s;
    QTest::newRow("room for one escape") << QByteArray("\x01\x02") << qsizetype(5) << u"\\x01…"_s;
    QTest::newRow("no room beside ellipsis") << QByteArray("\x01\x02") << qsizetype(4) << u"…"_s;
    QTest::newRow("zero") << QByteArray("abc") << qsizetype(0) << QString();
    QTest::newRow("default cap") << QByteArray(300, 'a') << qsizetype(200) << QString(199, u'a') + QChar(0x2026);
}

void tst_PayloadCodec::escapedPreview()
{
    QFETCH(QByteArray, bytes);
    QFETCH(qsizetype, maxChars);
    QFETCH(QString, expected);
    QCOMPARE(core::escapedPreview(bytes, maxChars), expected);
    if (maxChars >= 0)
        QVERIFY(core::escapedPreview(bytes, maxChars).size() <= maxChars);
}

void tst_PayloadCodec::toCArray_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("expected");
    QTest::newRow("brief example") << QByteArray("Hi") << u"data"_s
                                   << u"const unsigned char data[2] = {\n    0x48, 0x69\n};"_s;
    QTest::newRow("empty") << QByteArray() << u"data"_s << u"const unsigned char data[0] = {\n};"_s;
    QTest::newRow("twelve on one line")
        << QByteArray(12, '\xff') << u"d"_s
        << u"const unsigned char d[12] = {\n    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, "
           "0xff, 0xff\n};"_s;
    QTest::newRow("thirteen wrap")
        << QByteArray::fromHex("000102030405060708090a0b0c") << u"d"_s
        << u"const unsigned char d[13] = {\n    0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, "
           "0x0a, 0x0b,\n    0x0c\n};"_s;
    QTest::newRow("name sanitised") << QByteArray("A") << u"my payload-é"_s
                                    << u"const unsigned char my_payload__[1] = {\n    0x41\n};"_s;
    QTest::newRow("name starting with digit") << QByteArray("A") << u"1x"_s
                                              << u"const unsigned char _1x[1] = {\n    0x41\n};"_s;
    QTest::newRow("empty name") << QByteArray("A") << QString() << u"const unsigned char data[1] = {\n    0x41\n};"_s;
}

void tst_PayloadCodec::toCArray()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, name);
    QFETCH(QString, expected);
    QCOMPARE(core::toCArray(bytes, name), expected);
}

// encodeText() relies on ICU flagging every substitution (0x1a, '?', ...) through QStringEncoder::hasError();
// Qt's own Latin-1 encoder does not, which is checked separately. If this ever fails, unencodable
// characters would be sent as substitution bytes without a word.
void tst_PayloadCodec::icuFlagsWhatItSubstitutes_data()
{
    QTest::addColumn<QString>("encoding");
    QTest::addColumn<QString>("input");
    QTest::addColumn<QByteArray>("substituted");
    QTest::newRow("windows-1252") << u"windows-1252"_s << u"😀"_s << QByteArray("\x1a");
    QTest::newRow("US-ASCII") << u"US-ASCII"_s << u"é"_s << QByteArray("\x1a");
    QTest::newRow("Big5") << u"Big5"_s << u"é"_s << QByteArray("?");
    QTest::newRow("Shift_JIS") << u"Shift_JIS"_s << u"€"_s << QByteArray("\xfc\xfc");
}

void tst_PayloadCodec::icuFlagsWhatItSubstitutes()
{
    QFETCH(QString, encoding);
    QFETCH(QString, input);
    QFETCH(QByteArray, substituted);
    QStringEncoder encoder(encoding.toLatin1().constData(), QStringConverter::Flag::Stateless);
    QVERIFY2(encoder.isValid(), "Qt is expected to be built with ICU here");
    const QByteArray bytes = encoder.encode(input);
    QCOMPARE(bytes, substituted);
    QVERIFY(encoder.hasError());
    const EncodedPayload payload = core::encodeText(input, encoding);
    QCOMPARE(payload.error.position, qsizetype(0));
    QVERIFY(payload.bytes.isEmpty());
}

void tst_PayloadCodec::roundTrip_data()
{
    QTest::addColumn<quint32>("seed");
    QTest::addColumn<qsizetype>("size");
    QTest::addColumn<QByteArray>("alphabet");
    // Bytes that make escapes interesting: NUL, octal digits, backslash, 'x', line breaks.
    const QByteArray tricky("\0" "01789\\x\n\r\t\x7f\x80", 14);
    for (const quint32 seed : {1u, 7u, 42u, 2024u}) {
        for (const qsizetype size : {0, 1, 2, 3, 17, 255, 256, 1000, 4096}) {
            QTest::addRow("seed %u size %lld any", seed, qlonglong(size)) << seed << size << QByteArray();
            QTest::addRow("seed %u size %lld tricky", seed, qlonglong(size)) << seed << size << tricky;
        }
    }
    QTest::newRow("large any") << 5u << qsizetype(1 << 20) << QByteArray();
    QTest::newRow("large tricky") << 6u << qsizetype(1 << 20) << tricky;
}

void tst_PayloadCodec::roundTrip()
{
    QFETCH(quint32, seed);
    QFETCH(qsizetype, size);
    QFETCH(QByteArray, alphabet);
    QRandomGenerator random(seed);
    const QByteArray bytes = randomBytes(random, size, alphabet);

    const QString hex = core::toHex(bytes);
    const EncodedPayload fromHex = core::parseHex(hex);
    QVERIFY2(!fromHex.error.isError(), qPrintable(fromHex.error.message));
    QCOMPARE(fromHex.bytes, bytes);

    const QString preview = core::escapedPreview(bytes, -1);
    const EncodedPayload fromEscapes = core::parseEscapes(preview);
    QVERIFY2(!fromEscapes.error.isError(), qPrintable(fromEscapes.error.message));
    QCOMPARE(fromEscapes.bytes, bytes);
    for (const QChar c : preview)
        QVERIFY2(c.unicode() >= 0x20 && c.unicode() < 0x7f, "the preview is one line of printable ASCII");
}

void tst_PayloadCodec::unencodablePositionMatchesBruteForce_data()
{
    QTest::addColumn<QString>("encoding");
    QTest::newRow("ISO-8859-1") << u"ISO-8859-1"_s;
    QTest::newRow("windows-1252") << u"windows-1252"_s;
    QTest::newRow("Shift_JIS") << u"Shift_JIS"_s;
    QTest::newRow("US-ASCII") << u"US-ASCII"_s;
}

// The bisection over prefixes must land on the same character as checking one character at a time.
void tst_PayloadCodec::unencodablePositionMatchesBruteForce()
{
    QFETCH(QString, encoding);
    const QString alphabet = u"abcXYZ 09éü€日本😀—"_s;
    QRandomGenerator random(99);
    for (int round = 0; round < 200; ++round) {
        QString text;
        const int length = random.bounded(1, 300);
        for (int i = 0; i < length; ++i) {
            // Mostly ASCII so the first failure lands anywhere in the string.
            const qsizetype at = random.bounded(100) < 97 ? random.bounded(8) : random.bounded(8, int(alphabet.size()));
            text += (alphabet[at].isSurrogate()) ? u"😀"_s : QString(alphabet[at]);
        }
        qsizetype expected = -1;
        for (qsizetype i = 0; i < text.size() && expected < 0; ++i) {
            const qsizetype width = text[i].isHighSurrogate() ? 2 : 1;
            QStringEncoder encoder(encoding.toLatin1().constData());
            const QByteArray bytes = encoder.encode(QStringView(text).sliced(i, width));
            const bool latin1Fails = encoding == u"ISO-8859-1"_s && (width == 2 || text[i].unicode() > 0xff);
            if (encoder.hasError() || latin1Fails)
                expected = i;
            i += width - 1;
        }
        const EncodedPayload payload = core::encodeText(text, encoding);
        QVERIFY2(payload.error.position == expected,
                 qPrintable(u"%1: got %2, expected %3"_s.arg(text).arg(payload.error.position).arg(expected)));
    }
}

void tst_PayloadCodec::randomGarbageNeverCrashes_data()
{
    QTest::addColumn<QString>("alphabet");
    QTest::newRow("any UTF-16 unit") << QString();
    QTest::newRow("hex-like") << u"0123456789abcdefABCDEFxX \t\n:,-g"_s;
    QTest::newRow("escape-like") << u"\\\\\\nrtx0u7DdEe8F9abq\"'€中"_s + QChar(0xd83d) + QChar(0xde00);
}

void tst_PayloadCodec::randomGarbageNeverCrashes()
{
    QFETCH(QString, alphabet);
    QRandomGenerator random(12345);
    const QString text = randomText(random, 100000, alphabet);
    const QString encodings[] = {u"UTF-8"_s, u"ISO-8859-1"_s, u"GB18030"_s, u"UTF-16LE"_s, u"Shift_JIS"_s};
    QString why;
    const EncodedPayload hex = core::parseHex(text);
    QVERIFY2(isWellFormed(hex, text.size(), &why), qPrintable(why));
    for (const QString &encoding : encodings) {
        const EncodedPayload escapes = core::parseEscapes(text, encoding);
        QVERIFY2(isWellFormed(escapes, text.size(), &why), qPrintable(encoding + u": "_s + why));
        const EncodedPayload plain = core::encodeText(text, encoding);
        QVERIFY2(isWellFormed(plain, text.size(), &why), qPrintable(encoding + u": "_s + why));
        for (const PayloadMode mode : {PayloadMode::Text, PayloadMode::Hex, PayloadMode::Escapes}) {
            const EncodedPayload payload = core::encodePayload(text, mode, encoding, LineEnding::CRLF);
            QVERIFY2(isWellFormed(payload, text.size(), &why), qPrintable(encoding + u": "_s + why));
        }
    }
    // The previews of random bytes must stay within their caps.
    const QByteArray bytes = randomBytes(random, 100000);
    QVERIFY(core::escapedPreview(bytes).size() <= 200);
    QCOMPARE(core::toHex(bytes, 16).size(), 16 * 3 + 1);
    QVERIFY(core::toCArray(bytes).endsWith(u"\n};"_s));
}

QTEST_GUILESS_MAIN(tst_PayloadCodec)
#include "tst_payloadcodec.moc"
