// What the benchmark programs share: peak-RSS readings, a bounded wait on the owner's event loop, timing
// and printf-style formatting. Header-only; benchmark code only.
#pragma once

#include <QCoreApplication>
#include <QTimer>

#include <malloc.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <string>

namespace bench {

using Clock = std::chrono::steady_clock;
constexpr auto kTimeout = std::chrono::seconds(120); // every wait gives up after this

// The process's peak resident set (VmHWM) in KiB, or -1.
inline long peakRssKiB()
{
    std::ifstream status("/proc/self/status");
    for (std::string line; std::getline(status, line);) {
        if (line.rfind("VmHWM:", 0) == 0)
            return std::stol(line.substr(6));
    }
    return -1;
}

// Starts a fresh peak measurement: freed heap back to the system, then VmHWM reset to the current RSS
// (Linux: 5 > clear_refs), so each scenario reports its own peak rather than the largest so far.
inline long resetPeakRssKiB()
{
    ::malloc_trim(0);
    std::ofstream("/proc/self/clear_refs") << "5";
    return peakRssKiB();
}

inline double seconds(Clock::time_point from, Clock::time_point to)
{
    return std::chrono::duration<double>(to - from).count();
}

// Runs the owner's event loop until done() holds; false after kTimeout.
inline bool waitFor(const std::function<bool()> &done)
{
    QTimer tick; // wakes the wait below at least every 5 ms, whatever else happens
    tick.start(5);
    const auto deadline = Clock::now() + kTimeout;
    while (!done()) {
        if (Clock::now() > deadline)
            return false;
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    }
    return true;
}

template<typename... Args>
std::string format(const char *pattern, Args... args)
{
    char text[160];
    std::snprintf(text, sizeof(text), pattern, args...);
    return text;
}

} // namespace bench
