// Helpers the tests share: no system proxies for Qt peers, seeded random payloads, the process's open descriptor count, a
// QHostAddress → SocketAddress bridge, and endpoints for sessions from address text. Header-only; test code only.
#pragma once

#include "core/net/endpoint.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QHostAddress>
#include <QNetworkProxyFactory>
#include <QRandomGenerator>

#include <dirent.h>

namespace testsupport {

// Bytes that are the same on every run for a seed, so a failure can be reproduced.
inline QByteArray randomBytes(qsizetype size, quint32 seed)
{
    QByteArray bytes(size, Qt::Uninitialized);
    QRandomGenerator generator(seed);
    const qsizetype words = size / qsizetype(sizeof(quint32));
    generator.fillRange(reinterpret_cast<quint32 *>(bytes.data()), words);
    for (qsizetype i = words * qsizetype(sizeof(quint32)); i < size; ++i)
        bytes[i] = char(generator.bounded(256));
    return bytes;
}

// Descriptors this process holds (the listing's own included, so counts compare fairly).
inline int openDescriptors()
{
    DIR *directory = ::opendir("/proc/self/fd");
    if (!directory)
        return -1;
    int count = 0;
    while (const dirent *entry = ::readdir(directory))
        count += entry->d_name[0] == '.' ? 0 : 1;
    ::closedir(directory);
    return count;
}

inline core::SocketAddress addressOf(const QHostAddress &host, quint16 port)
{
    return core::SocketAddress::fromNumericHost(host.toString(), port).value_or(core::SocketAddress{});
}

// What a tab hands a TCP server (stream) or a UDP session (datagram); invalid when the text does not parse.
inline core::Endpoint streamEndpoint(const QString &address, quint16 port)
{
    return core::parseEndpoint(address, port, core::SocketType::Stream, core::EndpointPurpose::Listen)
        .value.value_or(core::Endpoint{});
}

inline core::Endpoint datagramEndpoint(const QString &address, quint16 port)
{
    return core::parseEndpoint(address, port, core::SocketType::Datagram, core::EndpointPurpose::Bind)
        .value.value_or(core::Endpoint{core::SocketType::Datagram, {}});
}

} // namespace testsupport

// Qt's peers would ask the system's proxy configuration (libproxy, which may look for a WPAD host) on a
// thread of their own: tests talk to loopback only, so they never ask. Runs in every test executable that
// includes this header, as soon as its application object exists.
inline void sockscopeTestsDisableSystemProxies()
{
    QNetworkProxyFactory::setUseSystemConfiguration(false);
}
Q_COREAPP_STARTUP_FUNCTION(sockscopeTestsDisableSystemProxies)
