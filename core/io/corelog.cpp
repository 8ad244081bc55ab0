#include "core/io/corelog.h"

namespace core {
Q_LOGGING_CATEGORY(lcCore, "sockscope.core", QtWarningMsg)
}
