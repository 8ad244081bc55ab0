// ReplyRule: "when a received message matches this, send that" — one auto-reply rule as the user wrote it
// (exact text, a text prefix, a regular expression on the text, or a hex pattern with ?? wildcards), and
// ReplyMatcher, its checked and compiled form. compileRule() says what is wrong with a pattern, with its
// position, before anything runs. Pure: a compiled matcher may be used from any one thread at a time.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QRegularExpression>
#include <QString>

#include <optional>
#include <vector>

namespace core {

enum class MatchKind : quint8 {
    Exact,      // the message is exactly this text (UTF-8)
    Prefix,     // the message starts with this text
    Regex,      // the message, read as UTF-8, contains a match of this regular expression
    HexPattern, // the message is these bytes, "??" standing for any byte; a final "*" allows anything after
};

struct ReplyRule
{
    bool enabled = true;
    QString name;       // for the log: which rule fired
    MatchKind match = MatchKind::Exact;
    QString pattern;
    QByteArray reply;   // the bytes to send back (the composer's codec made them from what the user typed)
};

class ReplyMatcher
{
public:
    bool matches(QByteArrayView message) const;

private:
    friend struct ReplyMatcherParse compileMatcher(MatchKind kind, const QString &pattern);
    MatchKind m_kind = MatchKind::Exact;
    QByteArray m_bytes;               // Exact, Prefix, HexPattern
    std::vector<bool> m_wildcard;     // HexPattern: which bytes of m_bytes match anything
    bool m_openEnded = false;         // HexPattern: a final "*"
    QRegularExpression m_expression;  // Regex
};

struct ReplyMatcherParse
{
    std::optional<ReplyMatcher> matcher;
    QString error; // with the position, counted from 1, when the pattern does not compile
};

ReplyMatcherParse compileMatcher(MatchKind kind, const QString &pattern);

} // namespace core
