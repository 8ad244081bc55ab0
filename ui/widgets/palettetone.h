// Whether a background reads as dark, so a panel picks text colours that stay readable on it (pale on dark
// bases, deep on light ones). One threshold for every panel, so they all switch at the same palette.
// Pure functions: any thread.
#pragma once

#include <QColor>
#include <QPalette>

namespace ui {

inline constexpr int kDarkLightness = 128; // HSL lightness (0..255) below which a background is dark

inline bool isDark(const QColor &background)
{
    return background.lightness() < kDarkLightness;
}

// `role` is the background the text sits on: Base for lists and views, Window for labels.
inline bool isDark(const QPalette &palette, QPalette::ColorRole role)
{
    return isDark(palette.color(role));
}

} // namespace ui
