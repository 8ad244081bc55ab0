// DatagramEchoResponder: sends every datagram straight back to its sender from the loop thread (UDP echo),
// so an echo keeps up with a flood without a trip through the window. Loop thread only.
#pragma once

#include "core/session/datagramconsumer.h"

namespace core {

class DatagramEchoResponder : public DatagramConsumer
{
public:
    void received(UdpEngine &socket, const SocketAddress &from, const QByteArray &datagram) override;
};

} // namespace core
