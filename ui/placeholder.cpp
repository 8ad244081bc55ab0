#include "core/sessionevent.h"
