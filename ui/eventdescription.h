// describeEvent: the connection log's sentence for one session event ("Accepted #7 from 127.0.0.1:40312")
// and how it should look (info, success, warning, error). Received and Written events get an empty text:
// the traffic list shows them, and the log skips empty lines. Pure: any thread.
#pragma once

#include "core/sessionevent.h"

#include <QString>

namespace ui {

struct EventDescription
{
    enum class Severity : quint8 { Info, Success, Warning, Error };

    Severity severity = Severity::Info;
    QString text;
};

EventDescription describeEvent(const core::SessionEvent &event);

// "512 B", "4.0 KiB", "4.0 MiB": one decimal from KiB up, powers of 1024.
QString describeByteCount(qint64 bytes);

} // namespace ui
