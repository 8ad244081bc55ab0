#include "core/net/unixsocketfile.h"

#include "core/net/socketops.h"

#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstddef>
#include <cstring>
#include <utility>

namespace core {

QByteArray unixFilePath(const SocketAddress &address)
{
    if (address.family() != Family::Unix)
        return {};
    const auto *un = reinterpret_cast<const sockaddr_un *>(address.data());
    const std::size_t offset = offsetof(sockaddr_un, sun_path);
    if (address.length() <= offset || un->sun_path[0] == '\0')
        return {}; // unnamed, or abstract
    const std::size_t room = std::size_t(address.length()) - offset;
    return QByteArray(un->sun_path, qsizetype(strnlen(un->sun_path, room)));
}

UnixPathState probeUnixPath(const SocketAddress &address, SocketType type)
{
    const QByteArray path = unixFilePath(address);
    struct stat info {};
    if (path.isEmpty() || ::lstat(path.constData(), &info) != 0)
        return UnixPathState::NoFile;
    if (!S_ISSOCK(info.st_mode))
        return UnixPathState::NotASocket;
    int error = 0;
    UniqueFd probe = sockets::create(Family::Unix, type, &error);
    if (!probe.isValid())
        return UnixPathState::Live; // cannot tell: never call a file stale on a guess
    const int result = sockets::connect(probe.get(), address);
    return result == -ECONNREFUSED ? UnixPathState::Stale : UnixPathState::Live;
}

UnixSocketFile UnixSocketFile::claim(const SocketAddress &address)
{
    UnixSocketFile file;
    const QByteArray path = unixFilePath(address);
    struct stat info {};
    if (path.isEmpty() || ::lstat(path.constData(), &info) != 0 || !S_ISSOCK(info.st_mode))
        return file;
    file.m_path = path;
    file.m_device = info.st_dev;
    file.m_inode = info.st_ino;
    return file;
}

UnixSocketFile::UnixSocketFile(UnixSocketFile &&other) noexcept
    : m_path(std::exchange(other.m_path, {}))
    , m_device(other.m_device)
    , m_inode(other.m_inode)
{
}

UnixSocketFile &UnixSocketFile::operator=(UnixSocketFile &&other) noexcept
{
    if (this != &other) {
        remove();
        m_path = std::exchange(other.m_path, {});
        m_device = other.m_device;
        m_inode = other.m_inode;
    }
    return *this;
}

void UnixSocketFile::remove()
{
    if (m_path.isEmpty())
        return;
    struct stat info {};
    if (::lstat(m_path.constData(), &info) == 0 && info.st_dev == m_device && info.st_ino == m_inode)
        ::unlink(m_path.constData());
    m_path.clear();
}

} // namespace core
