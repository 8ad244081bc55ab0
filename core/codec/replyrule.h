// ReplyRule: "when a received message matches this, send that" — one auto-reply rule as the user wrote it
// (exact text, a text prefix, a regular expression on the text, or a hex pattern with ?? wildcards), and
// ReplyMatcher, its checked and compiled form. compileRule() says what is wrong with a pattern, with its
// position, before anything runs. Pure: a compiled matcher may be used from any one thread at a time.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QRegularExpression>
#include <QString>

#include <functional>
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
    int delayMs = 0;    // wait this long before sending the reply (0: at once)

    static constexpr int kMaxDelayMs = 60'000;
    friend bool operator==(const ReplyRule &, const ReplyRule &) = default;
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

// The enabled rules that compile, in order, each reply made ready for the wire by `prepare` (framing it for
// a stream; as it is for datagrams). What the responders on the loop thread match against.
class CompiledRules
{
public:
    struct Rule
    {
        ReplyMatcher matcher;
        QString name;
        QByteArray reply;
        int delayMs = 0;
    };

    CompiledRules() = default;
    CompiledRules(const std::vector<ReplyRule> &rules, const std::function<QByteArray(const QByteArray &)> &prepare);

    // The first rule matching `message`, or nullptr.
    const Rule *firstMatch(QByteArrayView message) const;
    bool isEmpty() const { return m_rules.empty(); }

private:
    std::vector<Rule> m_rules;
};

// What a responder does with a message no rule matched.
enum class Unmatched : quint8 { Ignore, Echo };

} // namespace core
