#include "core/io/ownerwakeup.h"

#include <sys/eventfd.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace core {

namespace {
int createEventFd()
{
    const int fd = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (fd < 0) {
        // Out of descriptors at the moment a session is made: like the event loop's own eventfd, nothing
        // that follows could work.
        std::perror("sockscope: cannot create a session's wake-up descriptor");
        std::abort();
    }
    return fd;
}
} // namespace

OwnerWakeup::OwnerWakeup(QObject *parent)
    : QObject(parent)
    , m_fd(createEventFd())
    , m_notifier(m_fd.get(), QSocketNotifier::Read)
{
    connect(&m_notifier, &QSocketNotifier::activated, this, &OwnerWakeup::drain);
}

void OwnerWakeup::signal() const
{
    const std::uint64_t one = 1;
    [[maybe_unused]] const auto written = ::write(m_fd.get(), &one, sizeof(one));
}

void OwnerWakeup::drain()
{
    std::uint64_t count = 0;
    if (::read(m_fd.get(), &count, sizeof(count)) == ssize_t(sizeof(count)))
        emit woken();
}

} // namespace core
