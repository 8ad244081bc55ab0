// SessionTab: what every session tab shares — the layout (endpoint form on top; traffic list, send
// composer, hex panel and connection log below), the wiring of a core::Session to those widgets (one
// CaptureFeed polls the session's capture for every panel that shows it), and the status line (state, exact
// counters, rates, capture status). ServerTab, ClientTab and UdpTab add their endpoint form and their
// session; each names its kind for the registry in ui/session/tabkinds.h. A tab is composed of panels: a
// kind that needs fewer (a lookup or port-check tool: a log, no composer) asks for those only, and the
// accessors of the others return nullptr. UI thread only.
#pragma once

#include "core/codec/framingspec.h"

#include "core/session/session.h"

#include <QElapsedTimer>
#include <QTimer>
#include <QWidget>

class QSettings;
class QSplitter;
class QVBoxLayout;

namespace ui {

class CaptureFeed;
class ConnectionLog;
class FramingBar;
class HexPanel;
class SendComposer;
class TrafficView;

class SessionTab : public QWidget
{
    Q_OBJECT

public:
    enum class Panel : quint8 {
        Traffic = 0x1,  // the traffic list
        Composer = 0x2, // the send composer
        Hex = 0x4,      // the hex panel
        Log = 0x8,      // the connection log
    };
    Q_DECLARE_FLAGS(Panels, Panel)
    static constexpr Panels kAllPanels = {Panel::Traffic, Panel::Composer, Panel::Hex, Panel::Log};

    ~SessionTab() override;
    Panels panels() const { return m_panels; }

    // True while listening, connected or bound: closing the tab then asks first.
    virtual bool isLive() const = 0;
    // F5: listen/stop, connect/cancel/disconnect, bind/unbind.
    virtual void toggleActive() = 0;
    virtual void saveState(QSettings &settings) const; // the caller has opened this tab's group
    virtual void restoreState(QSettings &settings);

    QString statusText() const;
    void clearTraffic();

    // The one poll of the session's capture that the traffic list and the hex panel (and whatever panel
    // comes next) read from. Every tab has one, whatever panels it shows.
    CaptureFeed *captureFeed() const { return m_feed; }
    // nullptr for a panel the tab was not made with.
    SendComposer *composer() const { return m_composer; }
    TrafficView *traffic() const { return m_traffic; }
    HexPanel *hexPanel() const { return m_hex; }
    ConnectionLog *log() const { return m_log; }
    core::Session *session() const { return m_session; }
    // How the tab cuts its streams into messages (TCP tabs; UDP keeps its datagrams): the traffic list shows
    // the messages (or the raw reads), the hex panel marks a message's header, the composer frames what it
    // sends, and the subclass hears it (framingChanged) to echo whole messages. nullptr: the tab frames
    // nothing.
    FramingBar *framingBar() const { return m_framing; }

signals:
    void statusChanged();
    void liveChanged(bool live);

protected:
    SessionTab(core::Session *session, QWidget *parent) : SessionTab(session, kAllPanels, parent) {}
    SessionTab(core::Session *session, Panels panels, QWidget *parent);

    // Called by subclasses once, in their constructor.
    void setEndpointForm(QWidget *form);
    void setSidePanel(QWidget *panel, const QString &title); // above the traffic list (server: clients)
    // A stream tab's framing row, made by the tab for its form; the tab owns the layout.
    FramingBar *makeFramingBar(QWidget *parent);
    virtual void framingChanged(const core::FramingSpec &spec) { Q_UNUSED(spec); }
    virtual QString stateText() const = 0;
    void noteLiveChanged();
    void showEvent(QShowEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void sampleRates();
    void applyFraming();
    void showRow(quint64 key);
    void sizeColumnsOnce();

    core::Session *m_session;
    Panels m_panels;
    CaptureFeed *m_feed = nullptr;
    QVBoxLayout *m_layout = nullptr;
    QSplitter *m_leftColumn = nullptr;
    TrafficView *m_traffic = nullptr;
    SendComposer *m_composer = nullptr;
    HexPanel *m_hex = nullptr;
    ConnectionLog *m_log = nullptr;
    FramingBar *m_framing = nullptr;
    QSplitter *m_columns = nullptr;
    QSplitter *m_rightColumn = nullptr;
    bool m_columnsSized = false; // set by the first show, or by restored sizes
    QTimer m_rateTimer;
    QElapsedTimer m_rateClock;
    core::TrafficCounters m_lastCounters;
    double m_rateIn = 0;
    double m_rateOut = 0;
};

} // namespace ui

Q_DECLARE_OPERATORS_FOR_FLAGS(ui::SessionTab::Panels)
