// Capture export: writes what a CaptureStore keeps to a file, as CSV (one row per chunk: time, direction,
// connection, local, peer, length, hex) or as the raw bytes of one direction. Pure Qt Core, so the window
// and a future command line share it; the format is chosen by the file name's suffix.
// Any thread (the store is thread-safe); it blocks on disk I/O, so keep it off hot paths.
#pragma once

#include "core/capture/capturestore.h"

#include <QIODevice>
#include <QString>

namespace core {

void writeCaptureCsv(const CaptureStore &store, QIODevice &out);
void writeCaptureRaw(const CaptureStore &store, Direction direction, QIODevice &out);

// ".csv" → CSV, ".bin"/".raw" → received bytes, anything else → CSV. Returns an error sentence, or empty.
QString exportCapture(const CaptureStore &store, const QString &path);

} // namespace core
