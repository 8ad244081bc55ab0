// The two palettes UI tests check colours against: the style's standard one (light) and the window's dark
// one (ui::darkPalette, as the screenshots show it), so no test builds a palette of its own. Test code only.
#pragma once

#include "ui/shell/darkpalette.h"

#include <QApplication>
#include <QPalette>
#include <QStyle>

namespace testsupport {

enum class PaletteTone { Light, Dark };

inline QPalette testPalette(PaletteTone tone)
{
    return tone == PaletteTone::Dark ? ui::darkPalette() : QApplication::style()->standardPalette();
}

// The whole application takes the palette, as when the desktop's theme changes: every widget is told.
inline void applyTestPalette(PaletteTone tone)
{
    QApplication::setPalette(testPalette(tone));
}

} // namespace testsupport

Q_DECLARE_METATYPE(testsupport::PaletteTone)
