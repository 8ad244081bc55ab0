#include "ui/compose/largepayload.h"

#include "core/i18n/translations.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLocale>

namespace ui {

LargePayload LargePayload::fromBytes(const QByteArray &bytes)
{
    LargePayload payload;
    payload.m_kind = Kind::Bytes;
    payload.m_bytes = bytes;
    payload.m_size = bytes.size();
    return payload;
}

LargePayload LargePayload::fromFile(const QString &path)
{
    LargePayload payload;
    payload.m_kind = Kind::File;
    payload.m_path = QFileInfo(path).absoluteFilePath();
    payload.m_size = QFileInfo(path).size();
    return payload;
}

QByteArray LargePayload::head(qsizetype maxBytes) const
{
    if (m_kind == Kind::Bytes)
        return m_bytes.first(qMin(maxBytes, m_bytes.size()));
    QFile file(m_path);
    return m_kind == Kind::File && file.open(QIODevice::ReadOnly) ? file.read(maxBytes) : QByteArray();
}

std::unique_ptr<QIODevice> LargePayload::open(QString *error) const
{
    std::unique_ptr<QIODevice> device;
    if (m_kind == Kind::File) {
        if (QFileInfo(m_path).isDir()) {
            *error = tr("“%1” is a folder; choose a file.").arg(QDir::toNativeSeparators(m_path));
            return nullptr;
        }
        device = std::make_unique<QFile>(m_path);
    } else {
        auto buffer = std::make_unique<QBuffer>();
        buffer->setData(m_bytes); // shares the bytes: nothing is copied until a chunk is read
        device = std::move(buffer);
    }
    if (!device->open(QIODevice::ReadOnly)) {
        *error = tr("Cannot open “%1”: %2.").arg(QDir::toNativeSeparators(m_path), device->errorString());
        return nullptr;
    }
    return device;
}

QString LargePayload::displayName() const
{
    return m_kind == Kind::File ? QFileInfo(m_path).fileName() : tr("pasted bytes");
}

QString LargePayload::description() const
{
    const QString exact = tr("%L1 byte(s)", nullptr, core::pluralCount(m_size)).arg(m_size);
    const QString size = tr("%1 (%2)").arg(QLocale().formattedDataSize(m_size), exact);
    switch (m_kind) {
    case Kind::None: break;
    case Kind::Bytes: return tr("Pasted %1 — sent as raw bytes").arg(size);
    case Kind::File: return tr("File “%1”, %2 — sent from the file").arg(displayName(), size);
    }
    return {};
}

} // namespace ui
