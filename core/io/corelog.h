// The logging category of everything in core/: "sockscope.core". Only warnings show by default; a user
// turns on the trace (listen, accept, connect, close, errors, pauses) with
// QT_LOGGING_RULES="sockscope.core.debug=true". Any thread (Qt's logging is thread-safe).
#pragma once

#include <QLoggingCategory>

namespace core {
Q_DECLARE_LOGGING_CATEGORY(lcCore)
}
