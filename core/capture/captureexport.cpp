#include "core/capture/captureexport.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QSaveFile>
#include <QTimeZone>

namespace core {

namespace {
constexpr std::size_t kPage = 4096;

template<typename Visit>
void forEachChunk(const CaptureStore &store, Visit visit)
{
    quint64 next = store.firstSeq();
    for (;;) {
        const auto page = store.chunksSince(next, kPage);
        if (page.empty())
            return;
        for (const CapturedChunk &chunk : page)
            visit(chunk);
        next = page.back().seq + 1;
    }
}
} // namespace

void writeCaptureCsv(const CaptureStore &store, QIODevice &out)
{
    out.write("seq,time_utc,direction,connection,local,peer,length,hex\n");
    forEachChunk(store, [&out](const CapturedChunk &chunk) {
        const QString time = QDateTime::fromMSecsSinceEpoch(chunk.timeUs / 1000, QTimeZone::utc())
                                 .toString(QStringLiteral("yyyy-MM-ddThh:mm:ss.zzz"))
                             + QStringLiteral("%1Z").arg(chunk.timeUs % 1000, 3, 10, QLatin1Char('0'));
        QByteArray line = QByteArray::number(chunk.seq) + ',' + time.toLatin1() + ','
                          + (chunk.direction == Direction::Sent ? "sent" : "received") + ','
                          + QByteArray::number(chunk.connection) + ",\"" + chunk.local.toString().toUtf8()
                          + "\",\"" + chunk.peer.toString().toUtf8() + "\"," + QByteArray::number(chunk.bytes.size())
                          + ',' + chunk.bytes.toHex() + '\n';
        out.write(line);
    });
}

void writeCaptureRaw(const CaptureStore &store, Direction direction, QIODevice &out)
{
    forEachChunk(store, [&out, direction](const CapturedChunk &chunk) {
        if (chunk.direction == direction)
            out.write(chunk.bytes);
    });
}

QString exportCapture(const CaptureStore &store, const QString &path)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return QCoreApplication::translate("core", "Cannot write %1: %2").arg(path, file.errorString());
    const QString lower = path.toLower();
    if (lower.endsWith(QLatin1String(".bin")) || lower.endsWith(QLatin1String(".raw")))
        writeCaptureRaw(store, Direction::Received, file);
    else
        writeCaptureCsv(store, file);
    if (!file.commit())
        return QCoreApplication::translate("core", "Cannot write %1: %2").arg(path, file.errorString());
    return {};
}

} // namespace core
