// FramingSpec: how a byte stream is cut into the messages a protocol meant — the user's choice in a TCP
// tab, as a value that a settings file, the window and a future CLI share. A TCP stream has no message
// boundaries ("sticky packets"); the cures are a delimiter, a length header or a fixed length, and HTTP/1.1
// is its own. Pure data: any thread.
#pragma once

#include <QByteArray>
#include <QtGlobal>

#include <algorithm>

namespace core {

enum class FramingKind : quint8 {
    None,          // reads as they came
    Delimiter,     // a message ends with `delimiter` (LF, CRLF, NUL or any byte sequence)
    LengthPrefix,  // [preamble][length header][body]: the header says how long the body (or frame) is
    FixedLength,   // every message is `fixedLength` bytes
    Http,          // HTTP/1.1: a header block, then a body by Content-Length, chunked, or to the close
};

enum class ByteOrder : quint8 { BigEndian, LittleEndian };

struct FramingSpec
{
    FramingKind kind = FramingKind::None;

    // Delimiter
    QByteArray delimiter = QByteArrayLiteral("\n");
    bool keepDelimiter = false; // what a view shows: the message with its delimiter, or without

    // LengthPrefix
    int lengthWidth = 2;               // bytes: 1, 2, 4 or 8
    ByteOrder byteOrder = ByteOrder::BigEndian;
    bool lengthCountsHeader = false;   // the length includes the preamble and the header themselves
    int preambleBytes = 0;             // fixed bytes before the length header (a sync word, a type byte)

    // FixedLength
    qint64 fixedLength = 16;

    // Every kind: a frame may not be longer than this (a delimiter not found, a length over it, an HTTP
    // header block or body over it). What happens then is each framer's documented recovery.
    qint64 maxFrameBytes = 1024 * 1024;

    friend bool operator==(const FramingSpec &, const FramingSpec &) = default;

    // What the framers and the send side use: an empty delimiter means LF; a fixed length within 1 and
    // maxFrameBytes.
    QByteArray effectiveDelimiter() const { return delimiter.isEmpty() ? QByteArrayLiteral("\n") : delimiter; }
    qint64 effectiveFixedLength() const
    {
        return std::clamp<qint64>(fixedLength, 1, std::max<qint64>(maxFrameBytes, 1));
    }
};

} // namespace core
