#include "core/codec/httptemplates.h"

namespace core {

namespace {

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 204: return "No Content";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "Status";
    }
}

} // namespace

QByteArray httpGetRequest(const QString &host, quint16 port, const QString &path)
{
    QString authority = host.trimmed();
    if (authority.contains(QLatin1Char(':')) && !authority.startsWith(QLatin1Char('[')))
        authority = QLatin1Char('[') + authority + QLatin1Char(']'); // an IPv6 literal
    if (port != 80)
        authority += QLatin1Char(':') + QString::number(port);
    const QString target = path.isEmpty() ? QStringLiteral("/") : path;
    return "GET " + target.toUtf8() + " HTTP/1.1\r\n"
           "Host: " + authority.toUtf8() + "\r\n"
           "User-Agent: Sockscope\r\n"
           "Accept: */*\r\n"
           "Connection: close\r\n"
           "\r\n";
}

QByteArray httpResponse(int status, const QByteArray &contentType, const QByteArray &body)
{
    return "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n"
           "Content-Type: " + contentType + "\r\n"
           "Content-Length: " + QByteArray::number(body.size()) + "\r\n"
           "Connection: close\r\n"
           "\r\n" + body;
}

} // namespace core
