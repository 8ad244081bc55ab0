// PayloadFormat: bytes back into text, the inverse of payloadcodec.h's parsers: lowercase hex, an escaped
// one-line preview that parseEscapes reads back, and a C array. Pure functions: any thread, concurrently.
#pragma once

#include <QByteArray>
#include <QString>

namespace core {

// Lowercase hex, single spaces: "48 69 0a". With maxBytes >= 0 only that many bytes are shown and " …" is
// appended when some were left out. parseHex(toHex(b)) == b.
QString toHex(const QByteArray &bytes, qsizetype maxBytes = -1);

// One line: printable ASCII stays, a backslash becomes \\, and other bytes become \n \r \t \0 or \xHH
// ("Hi\r\n\x01"). NUL is written \x00 when an octal digit follows, so parseEscapes(escapedPreview(b, -1))
// == b for every b. With maxChars >= 0 the result is at most maxChars long and ends in "…" when cut; an
// escape is never cut in half. maxChars < 0 means no limit.
QString escapedPreview(const QByteArray &bytes, qsizetype maxChars = 200);

// "const unsigned char data[2] = {\n    0x48, 0x69\n};" with twelve bytes a line. Characters of `name` that
// cannot be in a C identifier become '_' (an empty name becomes "data"). An empty payload gives
// "data[0] = {\n};", a zero-length array that C and C++ accept only as a GNU extension.
QString toCArray(const QByteArray &bytes, const QString &name = QStringLiteral("data"));

} // namespace core
