#include "core/codec/payloadcodec.h"

#include <QCoreApplication>
#include <QStringEncoder>

#include <algorithm>

namespace core {

namespace {

QString tr(const char *sourceText)
{
    return QCoreApplication::translate("core", sourceText);
}

EncodedPayload failure(qsizetype position, const QString &message)
{
    return {QByteArray(), PayloadError{position, message}};
}

int hexValue(char16_t c)
{
    if (c >= u'0' && c <= u'9')
        return c - u'0';
    if (c >= u'a' && c <= u'f')
        return c - u'a' + 10;
    if (c >= u'A' && c <= u'F')
        return c - u'A' + 10;
    return -1;
}

int hexValueAt(QStringView text, qsizetype i)
{
    return i < text.size() ? hexValue(text[i].unicode()) : -1;
}

// The number written with exactly `digits` hex digits from `from`, or -1 when there are fewer.
int hexNumberAt(QStringView text, qsizetype from, int digits)
{
    int value = 0;
    for (qsizetype i = from; i < from + digits; ++i) {
        const int digit = hexValueAt(text, i);
        if (digit < 0)
            return -1;
        value = value * 16 + digit;
    }
    return value;
}

// Names the character at `i` for a message: the character itself when it can be seen, else U+XXXX (control
// characters, unpaired surrogates, unassigned code points).
QString describeAt(QStringView text, qsizetype i)
{
    const QChar c = text[i];
    char32_t codePoint = c.unicode();
    if (c.isHighSurrogate() && i + 1 < text.size() && text[i + 1].isLowSurrogate())
        codePoint = QChar::surrogateToUcs4(c, text[i + 1]);
    if (QChar::isPrint(codePoint) && !QChar::isSpace(codePoint))
        return QString::fromUcs4(&codePoint, 1);
    return QStringLiteral("U+%1").arg(uint(codePoint), 4, 16, QLatin1Char('0')).toUpper();
}

// ---- Hex -------------------------------------------------------------------------------------------------

bool isHexSeparator(char16_t c)
{
    return c == u' ' || c == u'\t' || c == u'\n' || c == u'\r' || c == u':' || c == u',' || c == u'-';
}

bool isHexPrefixAt(QStringView text, qsizetype i)
{
    return text[i] == u'0' && i + 1 < text.size() && (text[i + 1] == u'x' || text[i + 1] == u'X');
}

EncodedPayload oddDigit(QStringView text, qsizetype position)
{
    return failure(position, tr("Odd number of hex digits: “%1” at position %2 has no partner.")
                                 .arg(text[position])
                                 .arg(position + 1));
}

// A digit is waiting for its partner and a separator came. If another digit follows the separators the
// user most likely wrote one byte as "4 8", which deserves its own message.
EncodedPayload unpairedDigit(QStringView text, qsizetype pending, qsizetype separator)
{
    qsizetype next = separator;
    while (next < text.size() && isHexSeparator(text[next].unicode()))
        ++next;
    if (hexValueAt(text, next) < 0 || isHexPrefixAt(text, next))
        return oddDigit(text, pending);
    return failure(pending, tr("Hex digits “%1” at position %2 and “%3” at position %4 are split by a "
                               "separator; write the two digits of a byte together.")
                                .arg(text[pending])
                                .arg(pending + 1)
                                .arg(text[next])
                                .arg(next + 1));
}

// ---- Text encodings --------------------------------------------------------------------------------------

constexpr auto kEncoderFlags = QStringConverter::Flag::Stateless;

// One named encoding, with the checks QStringEncoder leaves to us.
class TextEncoder
{
public:
    explicit TextEncoder(const QString &name) : m_name(name), m_nameBytes(name.toLatin1())
    {
        // Encoding names are ASCII; anything else would reach the converter as a different name ('?').
        const bool ascii = std::all_of(name.cbegin(), name.cend(), [](QChar c) { return c.unicode() < 0x80; });
        m_valid = ascii && !name.isEmpty() && QStringEncoder(m_nameBytes.constData(), kEncoderFlags).isValid();
        const auto builtIn = QStringConverter::encodingForName(m_nameBytes.constData());
        m_latin1 = builtIn && *builtIn == QStringConverter::Latin1;
    }

    bool isValid() const { return m_valid; }

    // Appends the encoding of `text` to result.bytes; on failure turns result into an error whose position
    // is the index in `text` plus `offset`.
    void append(QStringView text, qsizetype offset, EncodedPayload &result) const
    {
        const qsizetype intrinsic = firstIntrinsicallyBad(text);
        QStringEncoder encoder(m_nameBytes.constData(), kEncoderFlags);
        const QByteArray bytes = encoder.encode(text.first(intrinsic));
        if (!encoder.hasError() && intrinsic == text.size()) {
            result.bytes += bytes;
            return;
        }
        const qsizetype bad = encoder.hasError() ? firstFailingCodePoint(text, intrinsic) : intrinsic;
        result = failure(offset + bad, tr("“%1” at position %2 cannot be encoded in %3.")
                                           .arg(describeAt(text, bad))
                                           .arg(offset + bad + 1)
                                           .arg(m_name));
    }

private:
    // Unpaired surrogates, which no encoder should accept, and what Qt's Latin-1 encoder silently turns into
    // '?'. Returns text.size() when there are none.
    qsizetype firstIntrinsicallyBad(QStringView text) const
    {
        for (qsizetype i = 0; i < text.size(); ++i) {
            const QChar c = text[i];
            if (c.isHighSurrogate() && i + 1 < text.size() && text[i + 1].isLowSurrogate()) {
                if (m_latin1)
                    return i;
                ++i;
            } else if (c.isSurrogate() || (m_latin1 && c.unicode() > 0xff)) {
                return i;
            }
        }
        return text.size();
    }

    bool encoderFails(QStringView text) const
    {
        QStringEncoder encoder(m_nameBytes.constData(), kEncoderFlags);
        (void)QByteArray(encoder.encode(text));
        return encoder.hasError();
    }

    // The encoder only says that something in text.first(failing) failed, so the first failing prefix is
    // found by bisection over code-point boundaries: O(n log n), and only on input that fails.
    qsizetype firstFailingCodePoint(QStringView text, qsizetype failing) const
    {
        qsizetype good = 0;
        qsizetype bad = failing;
        while (bad - good > 1) {
            qsizetype mid = good + (bad - good) / 2;
            if (text[mid].isLowSurrogate() && text[mid - 1].isHighSurrogate())
                mid = (mid + 1 < bad) ? mid + 1 : mid - 1;
            if (mid <= good)
                break; // [good, bad) is a single surrogate pair
            (encoderFails(text.first(mid)) ? bad : good) = mid;
        }
        return good;
    }

    QString m_name;
    QByteArray m_nameBytes;
    bool m_valid = false;
    bool m_latin1 = false;
};

EncodedPayload unknownEncoding(const QString &encoding)
{
    return failure(0, tr("Unknown text encoding “%1”.").arg(encoding));
}

// ---- Escapes ---------------------------------------------------------------------------------------------

// One escape starting at the backslash `at`: appends its bytes and returns the index after it, or returns -1
// and fills `error`.
class EscapeReader
{
public:
    EscapeReader(QStringView text, QByteArray &out) : m_text(text), m_out(out) {}

    qsizetype read(qsizetype at, EncodedPayload &error)
    {
        if (at + 1 >= m_text.size()) {
            error = failure(at, tr("Trailing backslash at position %1 has nothing to escape; write \\\\ for a "
                                   "backslash.")
                                    .arg(at + 1));
            return -1;
        }
        const char16_t c = m_text[at + 1].unicode();
        if (const int simple = simpleEscape(c); simple >= 0) {
            m_out.append(static_cast<char>(simple));
            return at + 2;
        }
        if (c >= u'0' && c <= u'7')
            return readOctal(at, error);
        if (c == u'x')
            return readHex(at, error);
        if (c == u'u')
            return readUnicode(at, error);
        error = failure(at, tr("Unknown escape “\\%1” at position %2.").arg(describeAt(m_text, at + 1)).arg(at + 1));
        return -1;
    }

private:
    static int simpleEscape(char16_t c)
    {
        static constexpr char16_t kLetters[] = u"nrt\\\"'abfve";
        static constexpr char kBytes[] = "\n\r\t\\\"'\a\b\f\v\x1b";
        const qsizetype index = QStringView(kLetters).indexOf(QChar(c));
        return index < 0 ? -1 : kBytes[index];
    }

    qsizetype readOctal(qsizetype at, EncodedPayload &error)
    {
        int value = 0;
        qsizetype end = at + 1;
        while (end < m_text.size() && end < at + 4 && m_text[end] >= u'0' && m_text[end] <= u'7')
            value = value * 8 + (m_text[end++].unicode() - u'0');
        if (value > 0xff) {
            error = failure(at, tr("“%1” at position %2 is out of range; octal escapes go up to \\377.")
                                    .arg(m_text.sliced(at, end - at))
                                    .arg(at + 1));
            return -1;
        }
        m_out.append(static_cast<char>(value));
        return end;
    }

    qsizetype readHex(qsizetype at, EncodedPayload &error)
    {
        const int value = hexNumberAt(m_text, at + 2, 2);
        if (value < 0) {
            error = failure(at, tr("“\\x” at position %1 needs two hex digits.").arg(at + 1));
            return -1;
        }
        m_out.append(static_cast<char>(value));
        return at + 4;
    }

    // The four hex digits of a "\uHHHH" at `at`, or -1.
    int unicodeValue(qsizetype at) const
    {
        const bool escape = at + 1 < m_text.size() && m_text[at] == u'\\' && m_text[at + 1] == u'u';
        return escape ? hexNumberAt(m_text, at + 2, 4) : -1;
    }

    qsizetype readUnicode(qsizetype at, EncodedPayload &error)
    {
        const int value = unicodeValue(at);
        if (value < 0) {
            error = failure(at, tr("“\\u” at position %1 needs four hex digits.").arg(at + 1));
            return -1;
        }
        char32_t codePoint = char32_t(value);
        qsizetype end = at + 6;
        const int low = QChar::isHighSurrogate(codePoint) ? unicodeValue(end) : -1;
        if (low >= 0 && QChar::isLowSurrogate(char32_t(low))) {
            codePoint = QChar::surrogateToUcs4(char16_t(value), char16_t(low));
            end += 6;
        } else if (QChar::isSurrogate(codePoint)) {
            error = failure(at, tr("“%1” at position %2 is half of a surrogate pair; write the whole pair or "
                                   "the character itself.")
                                    .arg(m_text.sliced(at, 6))
                                    .arg(at + 1));
            return -1;
        }
        m_out += QString::fromUcs4(&codePoint, 1).toUtf8();
        return end;
    }

    QStringView m_text;
    QByteArray &m_out;
};

} // namespace

EncodedPayload parseHex(QStringView text)
{
    EncodedPayload result;
    result.bytes.reserve(text.size() / 2);
    qsizetype pending = -1; // index of a digit still waiting for its partner
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t c = text[i].unicode();
        if (pending < 0 && isHexPrefixAt(text, i)) {
            if (hexValueAt(text, i + 2) < 0)
                return failure(i, tr("“%1” at position %2 is not followed by a hex digit.")
                                      .arg(text.sliced(i, 2))
                                      .arg(i + 1));
            ++i;
        } else if (const int value = hexValue(c); value >= 0) {
            if (pending < 0) {
                pending = i;
            } else {
                result.bytes.append(static_cast<char>(hexValue(text[pending].unicode()) * 16 + value));
                pending = -1;
            }
        } else if (isHexSeparator(c)) {
            if (pending >= 0)
                return unpairedDigit(text, pending, i);
        } else {
            return failure(i, tr("“%1” at position %2 is not a hex digit.").arg(describeAt(text, i)).arg(i + 1));
        }
    }
    if (pending >= 0)
        return oddDigit(text, pending);
    return result;
}

EncodedPayload parseEscapes(QStringView text, const QString &encoding)
{
    TextEncoder encoder(encoding);
    if (!encoder.isValid())
        return unknownEncoding(encoding);
    EncodedPayload result;
    EscapeReader reader(text, result.bytes);
    qsizetype runStart = 0; // first character of the literal text not yet encoded
    qsizetype i = 0;
    while (i < text.size()) {
        if (text[i] != u'\\') {
            ++i;
            continue;
        }
        if (i > runStart) {
            encoder.append(text.sliced(runStart, i - runStart), runStart, result);
            if (result.error.isError())
                return result;
        }
        i = reader.read(i, result);
        if (i < 0)
            return result;
        runStart = i;
    }
    if (text.size() > runStart)
        encoder.append(text.sliced(runStart), runStart, result);
    return result;
}

EncodedPayload encodeText(QStringView text, const QString &encoding)
{
    TextEncoder encoder(encoding);
    if (!encoder.isValid())
        return unknownEncoding(encoding);
    EncodedPayload result;
    encoder.append(text, 0, result);
    return result;
}

QStringList availableEncodings()
{
    static const QStringList encodings = [] {
        static constexpr const char *kCandidates[] = {
            "UTF-8", "ISO-8859-1", "GB18030", "UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE", "US-ASCII",
            "windows-1252", "ISO-8859-15", "ISO-8859-2", "windows-1250", "windows-1251", "KOI8-R",
            "ISO-8859-5", "ISO-8859-7", "windows-1253", "ISO-8859-9", "windows-1254", "windows-1256",
            "GBK", "Big5", "Shift_JIS", "EUC-JP", "ISO-2022-JP", "EUC-KR", "windows-874", "IBM437",
        };
        QStringList valid;
        for (const char *name : kCandidates) {
            if (QStringEncoder(name).isValid())
                valid.append(QString::fromLatin1(name));
        }
        return valid;
    }();
    return encodings;
}

QByteArray lineEndingBytes(LineEnding ending)
{
    switch (ending) {
    case LineEnding::LF: return QByteArrayLiteral("\n");
    case LineEnding::CRLF: return QByteArrayLiteral("\r\n");
    case LineEnding::CR: return QByteArrayLiteral("\r");
    case LineEnding::None: break;
    }
    return {};
}

EncodedPayload encodePayload(QStringView text, PayloadMode mode, const QString &encoding, LineEnding ending)
{
    EncodedPayload result;
    switch (mode) {
    case PayloadMode::Hex: result = parseHex(text); break;
    case PayloadMode::Escapes: result = parseEscapes(text, encoding); break;
    case PayloadMode::Text: result = encodeText(text, encoding); break;
    }
    if (result.error.isError() || ending == LineEnding::None)
        return result;
    if (mode == PayloadMode::Hex) {
        result.bytes += lineEndingBytes(ending);
        return result;
    }
    const EncodedPayload tail = encodeText(QString::fromLatin1(lineEndingBytes(ending)), encoding);
    if (tail.error.isError())
        return failure(text.size(), tail.error.message);
    result.bytes += tail.bytes;
    return result;
}

} // namespace core
