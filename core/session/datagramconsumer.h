// DatagramConsumer: code that takes a datagram socket's received datagrams on the loop thread, as they
// arrive (echo, auto-reply), without a trip through the owner thread — the datagram twin of
// StreamConsumer. The datagram still reaches the capture and the sink first, so an answer is captured after
// what it answers. Loop thread only.
#pragma once

#include "core/net/socketaddress.h"

#include <QByteArray>

namespace core {

class UdpEngine;

class DatagramConsumer
{
public:
    virtual ~DatagramConsumer() = default;
    // `socket` may be sent from here (UdpEngine::sendTo).
    virtual void received(UdpEngine &socket, const SocketAddress &from, const QByteArray &datagram) = 0;
};

} // namespace core
