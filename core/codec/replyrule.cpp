#include "core/codec/replyrule.h"

#include <QCoreApplication>

namespace core {

namespace {

int hexDigit(QChar c)
{
    const char16_t u = c.unicode();
    if (u >= '0' && u <= '9')
        return u - '0';
    if (u >= 'a' && u <= 'f')
        return u - 'a' + 10;
    if (u >= 'A' && u <= 'F')
        return u - 'A' + 10;
    return -1;
}

QString patternError(qsizetype index, const QString &what)
{
    return QCoreApplication::translate("core", "At position %1 of the pattern: %2").arg(index + 1).arg(what);
}

} // namespace

ReplyMatcherParse compileMatcher(MatchKind kind, const QString &pattern)
{
    ReplyMatcher matcher;
    matcher.m_kind = kind;
    switch (kind) {
    case MatchKind::Exact:
    case MatchKind::Prefix:
        matcher.m_bytes = pattern.toUtf8();
        return {matcher, {}};
    case MatchKind::Regex:
        matcher.m_expression = QRegularExpression(pattern);
        if (!matcher.m_expression.isValid())
            return {std::nullopt, patternError(matcher.m_expression.patternErrorOffset(),
                                               matcher.m_expression.errorString())};
        matcher.m_expression.optimize();
        return {matcher, {}};
    case MatchKind::HexPattern:
        break;
    }
    // Pairs of hex digits or "??", spaces between them allowed; a "*" may end it.
    for (qsizetype i = 0; i < pattern.size();) {
        const QChar c = pattern.at(i);
        if (c.isSpace()) {
            ++i;
            continue;
        }
        if (matcher.m_openEnded)
            return {std::nullopt, patternError(i, QCoreApplication::translate("core", "nothing may follow the *."))};
        if (c == QLatin1Char('*')) {
            matcher.m_openEnded = true;
            ++i;
            continue;
        }
        if (i + 1 >= pattern.size())
            return {std::nullopt, patternError(i, QCoreApplication::translate("core", "a byte needs two hex digits "
                                                                                      "(or ?\?)."))};
        const QChar next = pattern.at(i + 1);
        if (c == QLatin1Char('?') && next == QLatin1Char('?')) {
            matcher.m_bytes.append('\0');
            matcher.m_wildcard.push_back(true);
        } else if (hexDigit(c) >= 0 && hexDigit(next) >= 0) {
            matcher.m_bytes.append(char(hexDigit(c) * 16 + hexDigit(next)));
            matcher.m_wildcard.push_back(false);
        } else if (c == QLatin1Char('?') || next == QLatin1Char('?')) {
            return {std::nullopt, patternError(c == QLatin1Char('?') ? i : i + 1, QCoreApplication::translate(
                                                   "core", "a wildcard byte is two question marks (?\?)."))};
        } else {
            const qsizetype bad = hexDigit(c) < 0 ? i : i + 1;
            return {std::nullopt, patternError(bad, QCoreApplication::translate("core", "“%1” is not a hex digit; a "
                                                                                        "byte is two hex digits or ??.")
                                                        .arg(pattern.at(bad)))};
        }
        i += 2;
    }
    if (matcher.m_bytes.isEmpty() && !matcher.m_openEnded)
        return {std::nullopt, QCoreApplication::translate("core", "The hex pattern is empty: type bytes such as 02 ?? "
                                                                  "03.")};
    return {matcher, {}};
}

bool ReplyMatcher::matches(QByteArrayView message) const
{
    switch (m_kind) {
    case MatchKind::Exact: return message == QByteArrayView(m_bytes);
    case MatchKind::Prefix: return message.startsWith(QByteArrayView(m_bytes));
    case MatchKind::Regex: return m_expression.match(QString::fromUtf8(message)).hasMatch();
    case MatchKind::HexPattern: break;
    }
    if (m_openEnded ? message.size() < m_bytes.size() : message.size() != m_bytes.size())
        return false;
    for (qsizetype i = 0; i < m_bytes.size(); ++i) {
        if (!m_wildcard[size_t(i)] && message[i] != m_bytes[i])
            return false;
    }
    return true;
}

CompiledRules::CompiledRules(const std::vector<ReplyRule> &rules,
                             const std::function<QByteArray(const QByteArray &)> &prepare)
{
    for (const ReplyRule &rule : rules) {
        if (!rule.enabled)
            continue;
        ReplyMatcherParse compiled = compileMatcher(rule.match, rule.pattern);
        if (!compiled.matcher)
            continue; // the window refuses such a rule before it gets here
        m_rules.push_back({std::move(*compiled.matcher), rule.name, prepare(rule.reply),
                           std::clamp(rule.delayMs, 0, ReplyRule::kMaxDelayMs)});
    }
}

const CompiledRules::Rule *CompiledRules::firstMatch(QByteArrayView message) const
{
    for (const Rule &rule : m_rules)
        if (rule.matcher.matches(message))
            return &rule;
    return nullptr;
}

} // namespace core
