// LargePayload: a payload the send composer holds as bytes instead of editor text, because laying it out
// would stall the window: either bytes in memory (a large paste, encoded once) or a reference to a file
// (a pasted or dropped file URL, or a paste saved to a file), read only while it is sent. It opens as a
// QIODevice, so both go out through the same chunked, back-pressure-paced FileSender. A value class (the
// bytes are implicitly shared); used on the UI thread.
#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

#include <memory>

class QIODevice;

namespace ui {

class LargePayload
{
    Q_DECLARE_TR_FUNCTIONS(LargePayload)

public:
    LargePayload() = default;
    static LargePayload fromBytes(const QByteArray &bytes);
    // The size is read now; the bytes only when sent.
    static LargePayload fromFile(const QString &path);

    bool isNull() const { return m_kind == Kind::None; }
    bool isFile() const { return m_kind == Kind::File; }
    qint64 size() const { return m_size; }
    QString filePath() const { return m_path; }
    const QByteArray &bytes() const { return m_bytes; }

    // At most `maxBytes` from the start, for the preview (a file is read that far; empty if it cannot be).
    QByteArray head(qsizetype maxBytes) const;
    // Open for reading at the start, or nullptr and `*error` set.
    std::unique_ptr<QIODevice> open(QString *error) const;
    // The name FileSendPanel shows while it goes out.
    QString displayName() const;
    // "Pasted 50.0 MiB (52,428,800 bytes) — sent as raw bytes", or the file's name and size.
    QString description() const;

private:
    enum class Kind { None, Bytes, File };

    Kind m_kind = Kind::None;
    QByteArray m_bytes;
    QString m_path;
    qint64 m_size = 0;
};

} // namespace ui
