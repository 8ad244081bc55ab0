// Resolver: turns a host name into every address it has. Injectable so tests can answer "host not found"
// without a real lookup. resolve() blocks: core calls it on a lookup thread, never on the UI thread or an
// I/O loop. resolveAsync() runs it there and hands the answer to a callback on that lookup thread.
#pragma once

#include "core/net/socketaddress.h"
#include "core/net/socketerror.h"

#include <QList>
#include <QString>

#include <functional>
#include <memory>

namespace core {

struct Resolution
{
    QList<SocketAddress> addresses; // in the order the resolver gave them; connect tries them in order
    SocketError error;
};

class Resolver
{
public:
    virtual ~Resolver() = default;
    virtual Resolution resolve(const QString &host, quint16 port) const = 0;
};

// The system's getaddrinfo (hosts file, DNS, ...), stream sockets, IPv4 and IPv6.
class SystemResolver final : public Resolver
{
public:
    Resolution resolve(const QString &host, quint16 port) const override;
};

// A numeric host never needs a lookup; answer it at once (nullopt when the host is a name). A Unix path or
// @name is answered too: its address, or an Input error saying why it cannot be one.
std::optional<Resolution> resolveNumeric(const QString &host, quint16 port);

void resolveAsync(std::shared_ptr<const Resolver> resolver, const QString &host, quint16 port,
                  std::function<void(Resolution)> done);

} // namespace core
