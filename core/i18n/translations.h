// Sockscope's translators, and the count tr() takes for plural forms. installTranslations runs once on the
// thread that owns the application object, before any window or session exists.
#pragma once

#include <QtGlobal>

#include <algorithm>
#include <limits>
#include <type_traits>

class QCoreApplication;

namespace core {

// Installs the English plural forms (sources say "%n client(s)"; the file says "1 client", "2 clients"),
// then a translation for the user's language when one is built in.
void installTranslations(QCoreApplication &application);

// tr()'s plural count is an int; a larger count takes the form for a large number. The number itself is
// shown by QLocale, grouped, in full.
template <typename Count>
constexpr int pluralCount(Count count)
{
    static_assert(std::is_integral_v<Count>);
    constexpr int kMax = std::numeric_limits<int>::max();
    if constexpr (std::is_signed_v<Count>)
        return int(std::clamp<qint64>(count, std::numeric_limits<int>::min(), kMax));
    else
        return int(std::min<quint64>(count, quint64(kMax)));
}

} // namespace core
