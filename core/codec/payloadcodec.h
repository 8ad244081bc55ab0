// PayloadCodec: pure functions that turn what the user typed in the send composer into the exact bytes to
// send (Text, Hex or Escapes mode plus a line ending); payloadformat.h turns bytes back into hex, an escaped
// one-line preview or a C array. No state, no event loop: any thread may call them, concurrently.
//
// They are written to be pointed at a fuzzer: every parser is a single forward pass that never recurses,
// never reads past the input and stops at the first error.
//
// Positions: every PayloadError::position is a 0-based index into the QString the user typed, counted in
// UTF-16 code units (QChar), so it can be handed straight to QTextCursor::setPosition. The message says it
// for people, counting from 1 ("at position 4" for index 3). A failed call returns empty bytes: a
// half-parsed payload is never sent.
#pragma once

#include "core/codec/payloadformat.h" // the way back: bytes as hex, an escaped preview, a C array

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QStringView>

namespace core {

enum class PayloadMode : quint8 { Text, Hex, Escapes };
enum class LineEnding : quint8 { None, LF, CRLF, CR };

struct PayloadError
{
    qsizetype position = -1;
    QString message;
    bool isError() const { return position >= 0; }
};

struct EncodedPayload
{
    QByteArray bytes;
    PayloadError error;
};

// Hex digits in pairs, either case. Between bytes: spaces, tabs, CR/LF, ':', ',' and '-', and a "0x"/"0X"
// prefix where a byte starts ("0x48 0x69", "48:69", "0x4869", "48 69\n0a"). A pair split by a separator
// ("4 8"), a lone digit, a prefix without digits and any other character are errors.
EncodedPayload parseHex(QStringView text);

// C-like escapes: \n \r \t \\ \" \' \a \b \f \v \e (0x1b); \xHH with exactly two hex digits; octal \o, \oo or
// \ooo as in C (so \0 is NUL and \033 is ESC; at most \377; an 8 or 9 ends the octal number); \uHHHH with
// exactly four hex digits, always written as UTF-8 whatever `encoding` says (a surrogate pair
// "\uD83D\uDE00" gives one code point; half a pair is an error). Everything else is encoded with `encoding`
// exactly as encodeText() would. An unknown escape, a short \x or \u and a trailing lone backslash are errors
// at the backslash.
EncodedPayload parseEscapes(QStringView text, const QString &encoding = QStringLiteral("UTF-8"));

// Encodes with a QStringEncoder for `encoding`: Qt's own codecs (UTF-8, UTF-16/32 LE/BE, ISO-8859-1) or,
// since Qt is built with ICU here, any name ICU knows (GB18030, Shift_JIS, windows-1252, ...). No BOM is
// written. A character the encoding cannot represent is an error at its position; so is an unpaired
// surrogate in every encoding (it is not a character). Qt's ISO-8859-1 encoder writes '?' without flagging
// an error and ICU writes its substitution byte (0x1a, '?', 0xfcfc ... depending on the codec) while
// flagging one, so the first case is checked here and the second found by re-encoding prefixes. An unknown
// encoding name is an error at position 0.
EncodedPayload encodeText(QStringView text, const QString &encoding);

// UTF-8, ISO-8859-1, GB18030, UTF-16LE, UTF-16BE first, then other common encodings; only names that give a
// valid encoder on this Qt build (Qt 6.4 has no QStringConverter::availableCodecs()).
QStringList availableEncodings();

QByteArray lineEndingBytes(LineEnding ending);

// One call for the composer: the payload in `mode`, then the line ending. In Hex mode the ending is
// appended as raw ASCII bytes; in Text and Escapes mode it is encoded with `encoding`, so UTF-16LE + CRLF
// ends in 0d 00 0a 00 (for every ASCII-compatible encoding that is the same as the raw bytes).
EncodedPayload encodePayload(QStringView text, PayloadMode mode, const QString &encoding, LineEnding ending);

} // namespace core
