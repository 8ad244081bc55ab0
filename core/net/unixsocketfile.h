// The filesystem side of a Unix socket path (an abstract @name has none): what is at a path a server wants
// to bind (nothing, something else, a live server, or a socket file left by a server that is gone), and
// UnixSocketFile, which removes the socket file a server bound when the server stops, unless the file was
// replaced meanwhile (another server took the path: its file is left alone). Loop threads: the probe's
// connect is non-blocking, so nothing here waits.
#pragma once

#include "core/net/socketaddress.h"

#include <QByteArray>

#include <sys/types.h>

namespace core {

enum class UnixPathState : quint8 {
    NoFile,     // nothing at the path (or an abstract name, or not a Unix address)
    NotASocket, // a file or directory that is not a socket
    Live,       // a socket a server accepts on (or one whose backlog is full)
    Stale,      // a socket file nobody listens on: connecting is refused
};

// Looks at `address`'s path with lstat and, for a socket file, a non-blocking connect of `type`.
UnixPathState probeUnixPath(const SocketAddress &address, SocketType type);
// The file system path of a Unix address, empty for an abstract name or another family.
QByteArray unixFilePath(const SocketAddress &address);

class UnixSocketFile
{
public:
    UnixSocketFile() = default;
    // The socket file just bound at `address` (nothing for an abstract name): remembered by device and inode.
    static UnixSocketFile claim(const SocketAddress &address);
    UnixSocketFile(UnixSocketFile &&other) noexcept;
    UnixSocketFile &operator=(UnixSocketFile &&other) noexcept;
    UnixSocketFile(const UnixSocketFile &) = delete;
    UnixSocketFile &operator=(const UnixSocketFile &) = delete;
    ~UnixSocketFile() { remove(); }

    // Unlinks the file now if it is still the one claimed; then forgets it.
    void remove();
    bool isClaimed() const { return !m_path.isEmpty(); }

private:
    QByteArray m_path;
    dev_t m_device = 0;
    ino_t m_inode = 0;
};

} // namespace core
