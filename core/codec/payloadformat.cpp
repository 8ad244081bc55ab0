#include "core/codec/payloadformat.h"

namespace core {

namespace {

constexpr char kHexDigits[] = "0123456789abcdef";

void appendHexByte(QString &out, uchar byte)
{
    out += QLatin1Char(kHexDigits[byte >> 4]);
    out += QLatin1Char(kHexDigits[byte & 0xf]);
}

} // namespace

QString toHex(const QByteArray &bytes, qsizetype maxBytes)
{
    const bool cut = maxBytes >= 0 && bytes.size() > maxBytes;
    QString hex = QString::fromLatin1((cut ? bytes.first(maxBytes) : bytes).toHex(' '));
    if (cut)
        hex += (hex.isEmpty() ? QString() : QStringLiteral(" ")) + QChar(0x2026);
    return hex;
}

QString escapedPreview(const QByteArray &bytes, qsizetype maxChars)
{
    QString out;
    if (maxChars == 0)
        return out;
    qsizetype fitsWithEllipsis = 0; // longest prefix that still leaves room for "…"
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        const auto byte = static_cast<uchar>(bytes[i]);
        const bool octalFollows = i + 1 < bytes.size() && bytes[i + 1] >= '0' && bytes[i + 1] <= '7';
        switch (byte) {
        case '\n': out += QLatin1String("\\n"); break;
        case '\r': out += QLatin1String("\\r"); break;
        case '\t': out += QLatin1String("\\t"); break;
        case '\\': out += QLatin1String("\\\\"); break;
        default:
            if (byte == 0 && !octalFollows) {
                out += QLatin1String("\\0");
            } else if (byte >= 0x20 && byte < 0x7f) {
                out += QLatin1Char(static_cast<char>(byte));
            } else {
                out += QLatin1String("\\x");
                appendHexByte(out, byte);
            }
        }
        if (maxChars >= 0 && out.size() > maxChars) {
            out.truncate(fitsWithEllipsis);
            return out + QChar(0x2026);
        }
        if (out.size() < maxChars)
            fitsWithEllipsis = out.size();
    }
    return out;
}

QString toCArray(const QByteArray &bytes, const QString &name)
{
    static constexpr qsizetype kBytesPerLine = 12;
    QString identifier = name.isEmpty() ? QStringLiteral("data") : name;
    for (QChar &c : identifier) {
        if (c.unicode() > 0x7f || !(c.isLetterOrNumber() || c == u'_'))
            c = QLatin1Char('_');
    }
    if (identifier.front().isDigit())
        identifier.prepend(QLatin1Char('_'));

    QString out = QStringLiteral("const unsigned char %1[%2] = {\n").arg(identifier).arg(bytes.size());
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        out += (i % kBytesPerLine == 0) ? QStringLiteral("    ") : QStringLiteral(" ");
        const auto byte = static_cast<uchar>(bytes[i]);
        out += QLatin1String("0x");
        appendHexByte(out, byte);
        if (i + 1 < bytes.size())
            out += QLatin1Char(',');
        if (i + 1 == bytes.size() || (i + 1) % kBytesPerLine == 0)
            out += QLatin1Char('\n');
    }
    return out + QStringLiteral("};");
}

} // namespace core
