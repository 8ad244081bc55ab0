// The built-in HTTP/1.1 templates a tester sends by hand: a GET as a browser would send it (Host filled
// from the target, `Connection: close` so the reply ends with the connection), and a minimal response a
// browser or curl accepts (status line, Content-Type, a Content-Length computed from the body). Each is one
// message that HttpFramer reads back as one complete frame. Pure: any thread.
#pragma once

#include <QByteArray>
#include <QString>

namespace core {

// host: a name or an address (an IPv6 address gets its brackets); port 80 is left out of the Host header.
QByteArray httpGetRequest(const QString &host, quint16 port, const QString &path = QStringLiteral("/"));

// status: 200, 404… (the reason phrase follows from it); the body is sent as it is.
QByteArray httpResponse(int status, const QByteArray &contentType, const QByteArray &body);

} // namespace core
