#include "core/codec/datagramechoresponder.h"

#include "core/session/udpengine.h"

namespace core {

void DatagramEchoResponder::received(UdpEngine &socket, const SocketAddress &from, const QByteArray &datagram)
{
    socket.sendTo(from, datagram, {}); // bound already: it answers from the address it was reached on
}

} // namespace core
