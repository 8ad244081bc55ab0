#include "core/net/socketerror.h"

#include "core/i18n/translations.h"

#include <QCoreApplication>
#include <QLocale>

#include <netdb.h>

#include <cerrno>
#include <cstring>

namespace core {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("core", text);
}

SocketError osError(int error, const QString &message)
{
    return {SocketError::Kind::Os, error, message};
}

} // namespace

QString errnoText(int error)
{
    char buffer[256] = {};
    // GNU strerror_r returns the text, which may or may not be in buffer.
    return QString::fromLocal8Bit(strerror_r(error, buffer, sizeof(buffer)));
}

namespace {

// connect() to a Unix path or @name: the errors there mean other things than on a network.
SocketError unixConnectError(int error, const SocketAddress &target)
{
    const QString to = target.toString();
    const bool abstract = to.startsWith(QLatin1Char('@'));
    switch (error) {
    case ENOENT:
        return osError(error, tr("No socket at %1: the file does not exist — is the server running, and is the "
                                 "path right?").arg(to));
    case ECONNREFUSED:
        if (abstract)
            return osError(error, tr("Nothing is listening on %1 — is the server running?").arg(to));
        return osError(error, tr("Nothing is listening on %1: the socket file is left over from a server that is "
                                 "no longer running.").arg(to));
    case EACCES:
    case EPERM:
        return osError(error, tr("Permission denied for %1: you need write permission on the socket file (and "
                                 "search permission on its folders).").arg(to));
    case ENOTDIR:
        return osError(error, tr("No socket at %1: a part of the path is not a folder.").arg(to));
    case EPROTOTYPE:
        return osError(error, tr("%1 is a socket of another type: pick stream or seqpacket as the server "
                                 "uses.").arg(to));
    case EAGAIN:
        return osError(error, tr("%1 is not accepting more connections now (its listen queue is full) — try "
                                 "again.").arg(to));
    default:
        return osError(error, tr("Cannot connect to %1: %2.").arg(to, errnoText(error)));
    }
}

} // namespace

SocketError connectError(int error, const SocketAddress &target)
{
    if (target.family() == Family::Unix)
        return unixConnectError(error, target);
    const QString to = target.toString();
    switch (error) {
    case ECONNREFUSED:
        return osError(error, tr("Connection refused by %1 — is anything listening?").arg(to));
    case ETIMEDOUT:
        return osError(error, tr("Connecting to %1 timed out in the kernel — is the host up?").arg(to));
    case ENETUNREACH:
        return osError(error, tr("Network unreachable for %1 — check the address and your routes.").arg(to));
    case EHOSTUNREACH:
        return osError(error, tr("Host %1 is unreachable — check the address and your network.").arg(to));
    case EADDRNOTAVAIL:
        return osError(error, tr("Cannot connect to %1: no local address can reach it (or no free local "
                                 "port).").arg(to));
    case EACCES:
    case EPERM:
        return osError(error, tr("Connecting to %1 is not permitted (a firewall rule?).").arg(to));
    case EAFNOSUPPORT:
        return osError(error, tr("Cannot connect to %1: %2 is not supported on this machine.")
                                  .arg(to, familyName(target.family())));
    default:
        return osError(error, tr("Cannot connect to %1: %2.").arg(to, errnoText(error)));
    }
}

SocketError connectTimeoutError(const SocketAddress &target, int timeoutMs)
{
    return {SocketError::Kind::Timeout, ETIMEDOUT,
            tr("No answer from %1 within %L2 ms — is the host up and the port open (a firewall may drop "
               "packets)?").arg(target.toString()).arg(timeoutMs)};
}

SocketError resolveError(int eaiCode, int savedErrno, const QString &host)
{
    QString message;
    switch (eaiCode) {
    case EAI_NONAME:
#ifdef EAI_NODATA
    case EAI_NODATA:
#endif
        message = tr("Host “%1” not found — check the spelling, or use a numeric address.").arg(host);
        break;
    case EAI_AGAIN:
        message = tr("Looking up “%1” failed for now (the name server did not answer) — try again.").arg(host);
        break;
    case EAI_FAMILY:
    case EAI_ADDRFAMILY:
        message = tr("Host “%1” has no address of the requested family.").arg(host);
        break;
    case EAI_SYSTEM:
        message = tr("Looking up “%1” failed: %2.").arg(host, errnoText(savedErrno));
        break;
    default:
        message = tr("Looking up “%1” failed: %2.").arg(host, QString::fromLocal8Bit(gai_strerror(eaiCode)));
        break;
    }
    return {SocketError::Kind::Resolver, eaiCode, message};
}

SocketError bindError(int error, const SocketAddress &address)
{
    const QString at = address.toString();
    switch (error) {
    case EADDRINUSE:
        return osError(error, tr("Address %1 is already in use — another program (or another tab) is "
                                 "using this port; pick another port or stop it.").arg(at));
    case EADDRNOTAVAIL:
        return osError(error, tr("Address %1 is not available on this machine — pick one of its own "
                                 "addresses, 127.0.0.1 or 0.0.0.0.").arg(at));
    case EACCES:
    case EPERM:
        if (address.isIp() && address.port() != 0 && address.port() < 1024)
            return osError(error, tr("Permission denied for %1: ports below 1024 need administrator "
                                     "rights — use a port of 1024 or more.").arg(at));
        return osError(error, tr("Permission denied for %1.").arg(at));
    case EAFNOSUPPORT:
        return osError(error, tr("Cannot bind %1: %2 is not supported on this machine.")
                                  .arg(at, familyName(address.family())));
    default:
        return osError(error, tr("Cannot bind %1: %2.").arg(at, errnoText(error)));
    }
}

SocketError unixPathInUseError(UnixPathState state, const SocketAddress &address)
{
    const QString at = address.toString();
    switch (state) {
    case UnixPathState::Stale:
        return {SocketError::Kind::StaleUnixSocket, EADDRINUSE,
                tr("%1 is a socket file left over from a server that is no longer running (connecting to it is "
                   "refused): remove it to listen there.").arg(at)};
    case UnixPathState::NotASocket:
        return osError(EADDRINUSE, tr("%1 already exists and is not a socket: pick another path.").arg(at));
    case UnixPathState::Live:
    case UnixPathState::NoFile:
        break;
    }
    return osError(EADDRINUSE, tr("A server is already listening on %1 — stop it or pick another path.").arg(at));
}

SocketError listenError(int error, const SocketAddress &address)
{
    if (error == EADDRINUSE)
        return bindError(error, address);
    return osError(error, tr("Cannot listen on %1: %2.").arg(address.toString(), errnoText(error)));
}

SocketError sendError(int error, const SocketAddress &peer, qsizetype size)
{
    const QString to = peer.toString();
    switch (error) {
    case EMSGSIZE:
        return osError(error, QCoreApplication::translate("core", "Datagram of %L1 byte(s) is too large to send to "
                                                                  "%2 (UDP carries at most 65,507 bytes over IPv4 "
                                                                  "and 65,527 over IPv6).", nullptr, pluralCount(size))
                                  .arg(size)
                                  .arg(to));
    case ECONNREFUSED:
        return osError(error, tr("%1 refused the datagram (nothing listening on that port — ICMP port "
                                 "unreachable).").arg(to));
    case ENETUNREACH:
    case EHOSTUNREACH:
        return osError(error, tr("Cannot send to %1: %2.").arg(to, errnoText(error)));
    case ENOBUFS:
        return osError(error, tr("Cannot send to %1: the system is out of buffer space — send more "
                                 "slowly.").arg(to));
    default:
        return osError(error, tr("Sending to %1 failed: %2.").arg(to, errnoText(error)));
    }
}

SocketError receiveError(int error, const SocketAddress &peer)
{
    if (error == ETIMEDOUT)
        return osError(error, tr("The connection to %1 timed out (the peer stopped answering).")
                                  .arg(peer.toString()));
    return osError(error, tr("Receiving from %1 failed: %2.").arg(peer.toString(), errnoText(error)));
}

SocketError socketCreateError(int error, Family family)
{
    if (error == EMFILE || error == ENFILE)
        return osError(error, tr("Out of file descriptors: close some connections and try again."));
    if (error == EAFNOSUPPORT)
        return osError(error, tr("%1 is not supported on this machine.").arg(familyName(family)));
    return osError(error, tr("Cannot create a %1 socket: %2.").arg(familyName(family), errnoText(error)));
}

SocketError acceptError(int error, const SocketAddress &listenAddress)
{
    if (error == EMFILE || error == ENFILE)
        return osError(error, tr("Out of file descriptors while accepting on %1: a new connection was "
                                 "closed at once.").arg(listenAddress.toString()));
    return osError(error, tr("Accepting on %1 failed: %2.").arg(listenAddress.toString(), errnoText(error)));
}

SocketError acceptWaitingError(int error, const SocketAddress &listenAddress)
{
    return osError(error, tr("Out of file descriptors while accepting on %1: new connections wait in the queue "
                             "until some close.").arg(listenAddress.toString()));
}

SocketError watchError(int error, const QString &what)
{
    if (error == ENOMEM || error == ENOSPC)
        return osError(error, tr("Could not watch %1 for network events (%2), so it was closed. The system is out "
                                 "of memory or of epoll watches (fs.epoll.max_user_watches): close some "
                                 "connections or raise the limit.").arg(what, errnoText(error)));
    return osError(error, tr("Could not watch %1 for network events (%2), so it was closed.")
                              .arg(what, errnoText(error)));
}

namespace {

QString undeliveredSentence(int error, const QString &to)
{
    switch (error) {
    case ECONNREFUSED:
        return tr("%1 refused the datagram: nothing is listening there.").arg(to);
    case EHOSTUNREACH:
        return tr("Datagram to %1 not delivered: the host is unreachable (ICMP) — check the address and that "
                  "the host is up.").arg(to);
    case ENETUNREACH:
        return tr("Datagram to %1 not delivered: the network is unreachable (ICMP) — check the address and your "
                  "routes.").arg(to);
    case EACCES:
    case EPERM:
        return tr("Datagram to %1 was blocked on the way (ICMP: administratively prohibited — a firewall "
                  "rule?).").arg(to);
    case EMSGSIZE:
        return tr("Datagram to %1 was too large for a link on the way (ICMP: packet too big) — send smaller "
                  "datagrams.").arg(to);
    default:
        return tr("Datagram to %1 not delivered: %2 (ICMP).").arg(to, errnoText(error));
    }
}

// The loopback and the all-interfaces address of a family, as a user would type them.
QString loopbackText(Family family)
{
    return family == Family::IPv6 ? QStringLiteral("::1") : QStringLiteral("127.0.0.1");
}

QString anyText(Family family)
{
    return family == Family::IPv6 ? QStringLiteral("::") : QStringLiteral("0.0.0.0");
}

} // namespace

SocketError datagramUndeliveredError(int error, const SocketAddress &target, qint64 count)
{
    QString message = undeliveredSentence(error, target.toString());
    if (count > 1)
        message += tr(" (×%1)").arg(QLocale().toString(count));
    return osError(error, message);
}

SocketError datagramsUndeliveredElsewhereError(qint64 count)
{
    return osError(0, QCoreApplication::translate("core", "%Ln more datagram(s) to other targets came back "
                                                          "undelivered (ICMP errors).", nullptr, pluralCount(count)));
}

SocketError errorQueueUnavailableError(int error, Family family)
{
    return osError(error, tr("This %1 UDP socket works, but ICMP errors about its datagrams (such as “nothing "
                             "is listening”) cannot be shown: %2.").arg(familyName(family), errnoText(error)));
}

SocketError datagramFamilyError(const SocketAddress &local, const SocketAddress &target, bool implicitBind)
{
    const Family want = target.family();
    const QString advice = tr("bind to %1 (or %2 for all interfaces), or send to an %3 address.")
                               .arg(loopbackText(want), anyText(want), familyName(local.family()));
    const QString sentence = implicitBind
        ? tr("Not sent to %1: sending first binds to the Bind address %2, an %3 address, which cannot reach an "
             "%4 address — %5")
        : tr("Not sent to %1: the socket is bound to %2, an %3 address, which cannot reach an %4 address — "
             "unbind, then %5");
    return {SocketError::Kind::Input, 0,
            sentence.arg(target.toString(), implicitBind ? local.host() : local.toString(), familyName(local.family()), familyName(want), advice)};
}

} // namespace core
