#include "ui/session/tabkinds.h"

#include "ui/session/clienttab.h"
#include "ui/session/servertab.h"
#include "ui/session/udptab.h"

#include <algorithm>

namespace ui {

TabKinds TabKinds::standard()
{
    TabKinds kinds;
    kinds.add(ServerTab::tabKind());
    kinds.add(ClientTab::tabKind());
    kinds.add(UdpTab::tabKind());
    return kinds;
}

void TabKinds::add(TabKind kind)
{
    Q_ASSERT_X(!find(kind.id), "TabKinds::add", "two tab kinds with one id");
    Q_ASSERT_X(!findBySettingsValue(kind.settingsValue), "TabKinds::add", "two tab kinds with one settings value");
    Q_ASSERT_X(kind.create, "TabKinds::add", "a tab kind without a factory");
    m_kinds.push_back(std::move(kind));
}

const TabKind *TabKinds::find(const QString &id) const
{
    const auto it = std::find_if(m_kinds.begin(), m_kinds.end(), [&id](const TabKind &kind) { return kind.id == id; });
    return it == m_kinds.end() ? nullptr : &*it;
}

const TabKind *TabKinds::findBySettingsValue(int value) const
{
    const auto it = std::find_if(m_kinds.begin(), m_kinds.end(),
                                 [value](const TabKind &kind) { return kind.settingsValue == value; });
    return it == m_kinds.end() ? nullptr : &*it;
}

} // namespace ui
