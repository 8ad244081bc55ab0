#include "core/net/resolver.h"

#include "core/net/endpoint.h"

#include <QRunnable>
#include <QThreadPool>

#include <netdb.h>

#include <cerrno>

namespace core {

Resolution SystemResolver::resolve(const QString &host, quint16 port) const
{
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    // No AI_ADDRCONFIG: on a machine with only loopback it would hide "localhost".
    addrinfo *list = nullptr;
    const QByteArray name = host.toUtf8();
    const QByteArray service = QByteArray::number(port);
    Resolution result;
    const int code = ::getaddrinfo(name.constData(), service.constData(), &hints, &list);
    if (code != 0) {
        result.error = resolveError(code, errno, host);
        return result;
    }
    for (const addrinfo *entry = list; entry; entry = entry->ai_next) {
        const SocketAddress address = SocketAddress::fromSockaddr(entry->ai_addr, entry->ai_addrlen);
        if (address.isValid() && !result.addresses.contains(address))
            result.addresses.append(address);
    }
    ::freeaddrinfo(list);
    if (result.addresses.isEmpty())
        result.error = resolveError(EAI_NONAME, 0, host);
    return result;
}

std::optional<Resolution> resolveNumeric(const QString &host, quint16 port)
{
    if (isUnixAddressText(host)) { // a Unix path or @name needs no lookup; the port means nothing to it
        const EndpointParse local = parseUnixEndpoint(host, SocketType::Stream);
        if (!local.value)
            return Resolution{{}, SocketError::input(local.error)};
        return Resolution{{local.value->address}, {}};
    }
    QString bare = host;
    if (bare.startsWith(QLatin1Char('[')) && bare.endsWith(QLatin1Char(']')))
        bare = bare.mid(1, bare.size() - 2);
    const auto address = SocketAddress::fromNumericHost(bare, port);
    if (!address)
        return std::nullopt;
    return Resolution{{*address}, {}};
}

void resolveAsync(std::shared_ptr<const Resolver> resolver, const QString &host, quint16 port,
                  std::function<void(Resolution)> done)
{
    // Lookups get their own small pool: a slow DNS server must not starve anything else.
    static QThreadPool *pool = [] {
        auto *p = new QThreadPool; // lives for the process; joined threads at exit are not needed
        p->setMaxThreadCount(4);
        p->setExpiryTimeout(10000);
        return p;
    }();
    pool->start([resolver = std::move(resolver), host, port, done = std::move(done)] {
        done(resolver->resolve(host, port));
    });
}

} // namespace core
