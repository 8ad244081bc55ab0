#include "core/net/peercredentials.h"

#include <QCoreApplication>

#include <sys/socket.h>

namespace core {

QString PeerCredentials::toString() const
{
    return QCoreApplication::translate("core", "pid %1, uid %2, gid %3").arg(pid).arg(uid).arg(gid);
}

std::optional<PeerCredentials> peerCredentials(int fd)
{
    ucred credentials{};
    socklen_t length = sizeof(credentials);
    sockaddr_storage local{};
    socklen_t localLength = sizeof(local);
    if (::getsockname(fd, reinterpret_cast<sockaddr *>(&local), &localLength) != 0 || local.ss_family != AF_UNIX)
        return std::nullopt;
    if (::getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &credentials, &length) != 0 || length != sizeof(credentials))
        return std::nullopt;
    return PeerCredentials{qint64(credentials.pid), quint32(credentials.uid), quint32(credentials.gid)};
}

} // namespace core
