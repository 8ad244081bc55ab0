// PeerCredentials: who is at the other end of a connected Unix socket — the process id, user id and group
// id the kernel recorded when the peer connected (SO_PEERCRED), which a Unix-socket tester wants to see.
// Pure data and one getsockopt (any thread that owns the descriptor).
#pragma once

#include <QString>

#include <optional>

namespace core {

struct PeerCredentials
{
    qint64 pid = 0;
    quint32 uid = 0;
    quint32 gid = 0;

    QString toString() const; // "pid 4242, uid 1000, gid 1000"
    friend bool operator==(const PeerCredentials &, const PeerCredentials &) = default;
};

// SO_PEERCRED of a connected Unix socket; nullopt for any other socket or on failure.
std::optional<PeerCredentials> peerCredentials(int fd);

} // namespace core
