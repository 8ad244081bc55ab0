// The dark palette Sockscope's colours are checked against: screenshots, the colour tests and the hex
// paint benchmark use it, and the theme setting (roadmap R4) will. UI thread only.
#pragma once

#include <QPalette>

namespace ui {

QPalette darkPalette();

} // namespace ui
