#include "core/codec/httpframer.h"

#include "core/i18n/translations.h"

#include <QCoreApplication>
#include <QList>

#include <algorithm>

namespace core {

namespace {

const QByteArray kEndOfHeaders = QByteArrayLiteral("\r\n\r\n");
const QByteArray kLineEnd = QByteArrayLiteral("\r\n");
constexpr qsizetype kMaxChunkLine = 4096; // a size line (with extensions) or a trailer line

// The value of the first header called `name` (case-insensitive), trimmed; null when there is none.
QByteArray headerValue(const QList<QByteArray> &lines, const QByteArray &name)
{
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray &line = lines.at(i);
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.left(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0)
            return line.mid(colon + 1).trimmed();
    }
    return {};
}

} // namespace

HttpFramer::HttpFramer(qint64 maxFrameBytes) : m_max(std::max<qint64>(maxFrameBytes, 0)) {}

void HttpFramer::drop(qsizetype count)
{
    m_window.drop(count);
    m_searchFrom = std::max<qsizetype>(m_searchFrom - count, 0);
}

void HttpFramer::error(qint64 offset, const QString &message, FramerOutput &out)
{
    out.errors.push_back({offset, message});
}

void HttpFramer::emitFrame(qsizetype size, bool complete, FramerOutput &out)
{
    Frame frame;
    frame.offset = m_window.offset();
    frame.bytes = m_window.peek(size);
    frame.headerSize = std::min(m_headerSize, size);
    frame.complete = complete;
    out.frames.push_back(std::move(frame));
    drop(size);
}

void HttpFramer::feed(QByteArrayView bytes, FramerOutput &out)
{
    if (m_state == State::DropToEnd) {
        m_window.skipUnheld(bytes.size());
        return;
    }
    if (m_state == State::SkipBody && m_skip > 0) { // dropped without being held
        const auto dropped = qsizetype(std::min<quint64>(m_skip, quint64(bytes.size())));
        bytes = bytes.sliced(dropped);
        m_skip -= quint64(dropped);
        m_window.skipUnheld(dropped);
    }
    if (m_state == State::SkipBody && m_skip == 0)
        m_state = State::Headers;
    m_window.append(bytes);
    while (step(out)) {
    }
    m_window.compact();
}

bool HttpFramer::step(FramerOutput &out)
{
    switch (m_state) {
    case State::Headers: return readHeaders(out);
    case State::SkipHeaders: return skipHeaders();
    case State::ContentLength:
        if (available() < m_headerSize + m_bodySize)
            return false;
        emitFrame(m_headerSize + qsizetype(m_bodySize), true, out);
        m_state = State::Headers;
        return true;
    case State::SkipBody:
        // What is pending of the skipped body goes now; the rest is dropped as it comes (feed).
        {
            const auto here = qsizetype(std::min<quint64>(m_skip, quint64(available())));
            drop(here);
            m_skip -= quint64(here);
            if (m_skip > 0)
                return false;
            m_state = State::Headers;
            return true;
        }
    case State::Chunked: return readChunks(out);
    case State::ToClose:
        if (available() - m_headerSize <= m_max)
            return false;
        error(m_window.offset() + m_headerSize,
              QCoreApplication::translate("core", "The HTTP body at offset %L1 goes on past the maximum of %L2 byte(s): the message was cut there "
                 "and the rest of the stream is dropped until it ends.", nullptr, pluralCount(m_max))
                  .arg(m_window.offset() + m_headerSize).arg(m_max), out);
        emitFrame(m_headerSize + qsizetype(m_max), false, out);
        drop(available());
        m_state = State::DropToEnd;
        return false;
    case State::DropToEnd:
        drop(available());
        return false;
    }
    return false;
}

bool HttpFramer::readHeaders(FramerOutput &out)
{
    // Empty lines before a message are allowed (RFC 9112 §2.2) and belong to no message.
    while (m_searchFrom == 0 && available() > 0) {
        const char first = m_window.at(0);
        if (first == '\r' && available() < 2)
            return false; // a CR alone: wait for what follows it
        if (first == '\n')
            drop(1);
        else if (first == '\r' && m_window.at(1) == '\n')
            drop(2);
        else
            break;
    }
    const qsizetype found = m_window.indexOf(kEndOfHeaders, m_searchFrom);
    if (found < 0) {
        const qsizetype certain = std::max<qsizetype>(available() - (kEndOfHeaders.size() - 1), 0);
        if (certain > kMaxHeaderBlock) {
            reportHeaderOverflow(out);
            m_state = State::SkipHeaders;
            drop(certain);
        }
        m_searchFrom = std::max<qsizetype>(available() - (kEndOfHeaders.size() - 1), 0);
        return false;
    }
    if (found > kMaxHeaderBlock) {
        reportHeaderOverflow(out);
        drop(found + kEndOfHeaders.size());
        m_searchFrom = 0;
        return true;
    }
    m_headerSize = found + kEndOfHeaders.size();
    m_searchFrom = 0;
    startBody(m_window.peek(m_headerSize - kEndOfHeaders.size()), out);
    return true;
}

void HttpFramer::reportHeaderOverflow(FramerOutput &out)
{
    error(m_window.offset(), QCoreApplication::translate("core", "No end of the HTTP headers within %L1 byte(s) of offset %L2: skipped up to the next empty "
                       "line.", nullptr, pluralCount(kMaxHeaderBlock))
                        .arg(kMaxHeaderBlock)
                        .arg(m_window.offset()),
          out);
}

bool HttpFramer::skipHeaders()
{
    const qsizetype found = m_window.indexOf(kEndOfHeaders, m_searchFrom);
    if (found < 0) {
        drop(std::max<qsizetype>(available() - (kEndOfHeaders.size() - 1), 0));
        m_searchFrom = 0;
        return false;
    }
    drop(found + kEndOfHeaders.size());
    m_searchFrom = 0;
    m_state = State::Headers;
    return true;
}

// The header block (without its empty line) decides how the body is framed.
void HttpFramer::startBody(const QByteArray &block, FramerOutput &out)
{
    QList<QByteArray> lines = block.split('\n');
    for (QByteArray &line : lines) {
        if (line.endsWith('\r'))
            line.chop(1);
    }
    const QByteArray &start = lines.first();
    const bool response = start.startsWith("HTTP/");
    if (response) {
        const int status = start.mid(start.indexOf(' ') + 1, 3).toInt();
        if ((status >= 100 && status < 200) || status == 204 || status == 304) {
            emitFrame(m_headerSize, true, out);
            return;
        }
    }
    const QByteArray coding = headerValue(lines, "Transfer-Encoding");
    if (!coding.isNull() && coding.toLower().trimmed().endsWith("chunked")) {
        m_state = State::Chunked;
        m_cursor = m_headerSize;
        m_inTrailers = false;
        return;
    }
    const QByteArray length = headerValue(lines, "Content-Length");
    if (!length.isNull()) {
        bool ok = false;
        const qint64 size = length.toLongLong(&ok);
        if (!ok || size < 0) {
            error(m_window.offset(), QCoreApplication::translate("core", "Content-Length “%1” at offset %L2 is not a number: the message is taken as its "
                               "headers alone.").arg(QString::fromLatin1(length)).arg(m_window.offset()), out);
            emitFrame(m_headerSize, false, out);
            return;
        }
        if (size > m_max) {
            error(m_window.offset(), QCoreApplication::translate("core", "Content-Length %L1 at offset %L2 is over the maximum of %L3 byte(s): that "
                               "message's body was skipped.", nullptr, pluralCount(m_max))
                                .arg(size)
                                .arg(m_window.offset())
                                .arg(m_max),
                  out);
            emitFrame(m_headerSize, false, out);
            m_skip = quint64(size);
            m_state = State::SkipBody;
            return;
        }
        m_bodySize = size;
        m_state = State::ContentLength;
        return;
    }
    if (response) {
        m_state = State::ToClose;
        return;
    }
    emitFrame(m_headerSize, true, out); // a request without a body
}

// Chunked: size line, data, CRLF, …, the last chunk (size 0), trailer lines, an empty line.
bool HttpFramer::readChunks(FramerOutput &out)
{
    const qsizetype lineStart = m_cursor;
    const qsizetype lineEnd = m_window.indexOf(kLineEnd, lineStart);
    if (lineEnd < 0 && available() - lineStart - 1 <= kMaxChunkLine)
        return false; // the line may still end (its last byte here may be the CR)
    auto cut = [&](const QString &message) {
        error(m_window.offset() + m_cursor, message, out);
        emitFrame(m_cursor, false, out);
        drop(available());
        m_state = State::DropToEnd;
        return false;
    };
    const auto tooLong = [&] {
        return cut(QCoreApplication::translate("core", "The chunked HTTP body at offset %L1 goes past the maximum of %L2 byte(s): the message was "
                      "cut there and the rest of the stream is dropped until it ends.", nullptr, pluralCount(m_max))
                       .arg(m_window.offset() + m_headerSize)
                       .arg(m_max));
    };
    if (lineEnd < 0 || lineEnd - lineStart > kMaxChunkLine)
        return cut(QCoreApplication::translate("core", "An HTTP chunk line at offset %L1 is longer than %L2 bytes: the message was cut there "
                      "and the rest of the stream is dropped until it ends.")
                       .arg(m_window.offset() + m_cursor).arg(kMaxChunkLine));
    const QByteArray line = m_window.peek(lineStart, lineEnd - lineStart);
    if (m_inTrailers) {
        m_cursor += line.size() + 2;
        if (m_cursor - m_headerSize > m_max)
            return tooLong();
        if (!line.isEmpty())
            return true; // a trailer field
        emitFrame(m_cursor, true, out);
        m_state = State::Headers;
        return true;
    }
    const qsizetype extension = line.indexOf(';');
    const QByteArray sizeText = (extension < 0 ? line : line.left(extension)).trimmed();
    bool ok = false;
    const qint64 size = sizeText.toLongLong(&ok, 16);
    if (!ok || size < 0 || sizeText.isEmpty())
        return cut(QCoreApplication::translate("core", "The HTTP chunk size “%1” at offset %L2 is not a hexadecimal number: the message was cut "
                      "there and the rest of the stream is dropped until it ends.")
                       .arg(QString::fromLatin1(sizeText.left(32))).arg(m_window.offset() + m_cursor));
    const qint64 bodySoFar = m_cursor - m_headerSize;
    if (size > m_max || bodySoFar + line.size() + 2 + (size > 0 ? size + 2 : 0) > m_max)
        return tooLong();
    if (size == 0) {
        m_cursor += line.size() + 2;
        m_inTrailers = true;
        return true;
    }
    const qsizetype chunkEnd = m_cursor + line.size() + 2 + qsizetype(size) + 2;
    if (available() < chunkEnd)
        return false;
    if (m_window.peek(chunkEnd - 2, 2) != kLineEnd)
        return cut(QCoreApplication::translate("core", "The HTTP chunk at offset %L1 does not end with CRLF where its size says: the message was "
                      "cut there and the rest of the stream is dropped until it ends.")
                       .arg(m_window.offset() + m_cursor));
    m_cursor = chunkEnd;
    return true;
}

void HttpFramer::finish(FramerOutput &out)
{
    switch (m_state) {
    case State::ToClose:
        emitFrame(available(), true, out); // the close is how this body ends
        break;
    case State::Headers:
    case State::ContentLength:
    case State::Chunked:
        if (available() > 0) {
            if (m_state == State::Headers)
                m_headerSize = available();
            emitFrame(available(), false, out);
        }
        break;
    case State::SkipHeaders:
    case State::SkipBody:
    case State::DropToEnd:
        break;
    }
    m_window.reset();
    m_state = State::Headers;
    m_searchFrom = 0;
    m_headerSize = 0;
    m_skip = 0;
    m_cursor = 0;
    m_inTrailers = false;
}

} // namespace core
