#include "ui/session/sessiontab.h"

#include "core/i18n/translations.h"

#include "ui/capture/capturefeed.h"
#include "ui/log/connectionlog.h"
#include "ui/hex/hexpanel.h"
#include "ui/compose/sendcomposer.h"
#include "ui/session/framingbar.h"
#include "ui/traffic/trafficview.h"

#include <QLocale>
#include <QSettings>
#include <QSplitter>
#include <QVBoxLayout>

namespace ui {

namespace {
using core::pluralCount;

QString bytes(quint64 count)
{
    return QLocale().formattedDataSize(qint64(count), 1, QLocale::DataSizeIecFormat);
}

// "1,234,567 bytes (1.2 MiB)": exact, grouped, and the rounded size beside it from 1 KiB up.
QString exactBytes(quint64 count)
{
    const QString exact = SessionTab::tr("%1 byte(s)", nullptr, pluralCount(count)).arg(QLocale().toString(count));
    return count < 1024 ? exact : SessionTab::tr("%1 (%2)").arg(exact, bytes(count));
}

QString messages(quint64 count)
{
    return SessionTab::tr("%1 message(s)", nullptr, pluralCount(count)).arg(QLocale().toString(count));
}
} // namespace

SessionTab::SessionTab(core::Session *session, Panels panels, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_panels(panels)
    , m_feed(new CaptureFeed(session->capture(), this))
    , m_layout(new QVBoxLayout(this))
    , m_leftColumn(new QSplitter(Qt::Vertical, this))
    , m_traffic(panels.testFlag(Panel::Traffic) ? new TrafficView(this) : nullptr)
    , m_composer(panels.testFlag(Panel::Composer) ? new SendComposer(this) : nullptr)
    , m_hex(panels.testFlag(Panel::Hex) ? new HexPanel(this) : nullptr)
    , m_log(panels.testFlag(Panel::Log) ? new ConnectionLog(this) : nullptr)
    , m_columns(new QSplitter(Qt::Horizontal, this))
    , m_rightColumn(new QSplitter(Qt::Vertical, this))
{
    session->setParent(this);
    m_feed->start();

    // Left: the traffic list over the composer; right: the hex panel over the log. Each column holds what
    // this tab was made with; a column with nothing in it is hidden and takes no room.
    if (m_traffic) {
        m_traffic->setFeed(m_feed);
        m_leftColumn->addWidget(m_traffic);
        m_leftColumn->setStretchFactor(m_leftColumn->indexOf(m_traffic), 3);
    }
    if (m_composer) {
        m_leftColumn->addWidget(m_composer);
        m_leftColumn->setStretchFactor(m_leftColumn->indexOf(m_composer), 1);
    }
    if (m_hex) {
        m_hex->setFeed(m_feed);
        m_rightColumn->addWidget(m_hex);
    }
    if (m_log)
        m_rightColumn->addWidget(m_log);
    m_leftColumn->setVisible(m_leftColumn->count() > 0);
    m_rightColumn->setVisible(m_rightColumn->count() > 0);
    m_columns->addWidget(m_leftColumn);
    m_columns->addWidget(m_rightColumn);
    m_columns->setStretchFactor(0, 3);
    m_columns->setStretchFactor(1, 2);

    m_columns->setObjectName(QStringLiteral("columns"));
    m_leftColumn->setObjectName(QStringLiteral("leftColumn"));
    m_rightColumn->setObjectName(QStringLiteral("rightColumn"));
    m_layout->addWidget(m_columns, 1);

    if (m_log)
        connect(session, &core::Session::eventOccurred, m_log, &ConnectionLog::append);
    connect(session, &core::Session::countersChanged, this, &SessionTab::statusChanged);
    if (m_traffic && m_hex)
        connect(m_traffic, &TrafficView::currentChunkChanged, this, &SessionTab::showRow);
    if (m_traffic) {
        // A framer flushes a stream when it ends: the peer's FIN ends what it sends, a close ends both.
        connect(session, &core::Session::eventOccurred, this, [this](const core::SessionEvent &event) {
            using Kind = core::SessionEvent::Kind;
            std::optional<core::Direction> direction;
            if (event.kind == Kind::PeerClosed)
                direction = core::Direction::Received;
            else if (event.kind != Kind::Closed)
                return;
            m_traffic->model()->endStream(event.connection, direction);
            if (m_hex)
                m_hex->endStream(event.connection, direction);
        });
        if (m_log)
            connect(m_traffic->model(), &TrafficModel::framingErrors, m_log, &ConnectionLog::appendFramingErrors);
        connect(m_traffic->model(), &TrafficModel::droppedMessagesChanged, this, &SessionTab::statusChanged);
    }

    m_rateClock.start();
    m_rateTimer.setInterval(1000);
    connect(&m_rateTimer, &QTimer::timeout, this, &SessionTab::sampleRates);
    m_rateTimer.start();
}

SessionTab::~SessionTab() = default;

void SessionTab::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    sizeColumnsOnce();
}

void SessionTab::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    sizeColumnsOnce();
}

// Until sizes were restored or set once: the traffic list gets a little more than half, the hex panel the
// rest (it fits 8 or 16 bytes a row to whatever it gets). Waits for a real width (tabs are laid out late).
void SessionTab::sizeColumnsOnce()
{
    if (m_columnsSized || !isVisible())
        return;
    const int total = m_columns->width();
    if (total < 600)
        return;
    m_columnsSized = true;
    const int left = total * 55 / 100;
    m_columns->setSizes({left, total - left});
}

void SessionTab::setEndpointForm(QWidget *form)
{
    m_layout->insertWidget(0, form);
}

void SessionTab::setSidePanel(QWidget *panel, const QString &title)
{
    panel->setAccessibleName(title);
    m_leftColumn->insertWidget(0, panel);
    m_leftColumn->setStretchFactor(0, 1);
    if (m_traffic)
        m_leftColumn->setStretchFactor(m_leftColumn->indexOf(m_traffic), 3);
    if (m_composer)
        m_leftColumn->setStretchFactor(m_leftColumn->indexOf(m_composer), 1);
    m_leftColumn->setVisible(true);
}

FramingBar *SessionTab::makeFramingBar(QWidget *parent)
{
    m_framing = new FramingBar(parent);
    connect(m_framing, &FramingBar::specChanged, this, &SessionTab::applyFraming);
    connect(m_framing, &FramingBar::rawReadsChanged, this, &SessionTab::applyFraming);
    applyFraming();
    return m_framing;
}

void SessionTab::applyFraming()
{
    const core::FramingSpec spec = m_framing->spec();
    if (m_traffic) {
        m_traffic->model()->setGranularity(m_framing->showsRawReads() ? TrafficModel::Granularity::Reads
                                                                      : TrafficModel::Granularity::Messages);
        m_traffic->model()->setFraming(spec);
    }
    // The whole-conversation hex view marks the messages the list shows (none while it shows raw reads).
    if (m_hex)
        m_hex->setFraming(m_framing->showsRawReads() ? core::FramingSpec{} : spec);
    if (m_composer)
        m_composer->setFraming(spec);
    framingChanged(spec);
}

// The traffic list's current row in the hex panel: a read by its chunk, a message with its header marked.
void SessionTab::showRow(quint64 key)
{
    TrafficModel *model = m_traffic->model();
    if (!model->showsMessages()) {
        m_hex->showChunk(key);
        return;
    }
    const int row = model->rowOfSeq(key);
    if (row < 0) {
        m_hex->showMessage(0, {});
        return;
    }
    const core::CapturedChunk &message = model->chunkAt(row);
    const TrafficModel::MessageMarks &marks = *model->marksAt(row);
    m_hex->showMessage(key, {message.bytes, message.direction, marks.headerSize, marks.trailerSize, marks.offset,
                             marks.complete});
}

void SessionTab::noteLiveChanged()
{
    emit liveChanged(isLive());
    emit statusChanged();
}

void SessionTab::sampleRates()
{
    const double seconds = double(m_rateClock.restart()) / 1000.0;
    const core::TrafficCounters now = m_session->counters();
    const double in = seconds > 0 ? double(now.bytesIn - m_lastCounters.bytesIn) / seconds : 0;
    const double out = seconds > 0 ? double(now.bytesOut - m_lastCounters.bytesOut) / seconds : 0;
    m_lastCounters = now;
    if (in != m_rateIn || out != m_rateOut) {
        m_rateIn = in;
        m_rateOut = out;
        emit statusChanged();
    }
}

QString SessionTab::statusText() const
{
    const core::TrafficCounters counters = m_session->counters();
    const core::CaptureStats capture = m_session->capture()->stats();
    QString text = stateText();
    text += tr("   ·   received %1 in %2, %3/s   ·   sent %4 in %5, %6/s")
                .arg(exactBytes(counters.bytesIn), messages(counters.messagesIn), bytes(quint64(m_rateIn)),
                     exactBytes(counters.bytesOut), messages(counters.messagesOut), bytes(quint64(m_rateOut)));
    if (capture.droppedBytes > 0)
        text += tr("   ·   capture %1 kept, %2 dropped (counters stay exact)")
                    .arg(bytes(capture.keptBytes), bytes(capture.droppedBytes));
    else
        text += tr("   ·   capture %1 kept").arg(bytes(capture.keptBytes));
    if (const quint64 left = m_traffic ? m_traffic->model()->droppedMessages() : 0; left > 0)
        text += tr("   ·   %1 oldest message(s) left out of the list (over its %2; Show raw reads lists every read)",
                   nullptr, pluralCount(left))
                    .arg(QLocale().toString(left), bytes(quint64(m_traffic->model()->messageBudget())));
    return text;
}

void SessionTab::clearTraffic()
{
    m_feed->clear(); // the traffic list and the hex panel hear it
    if (m_log)
        m_log->clear();
    emit statusChanged();
}

void SessionTab::saveState(QSettings &settings) const
{
    settings.setValue(QStringLiteral("columns"), m_columns->saveState());
    settings.setValue(QStringLiteral("leftColumn"), m_leftColumn->saveState());
    settings.setValue(QStringLiteral("rightColumn"), m_rightColumn->saveState());
    if (m_hex)
        settings.setValue(QStringLiteral("hexMode"), int(m_hex->mode()));
    if (m_composer)
        m_composer->saveState(settings, QStringLiteral("composer"));
    if (m_framing)
        m_framing->saveState(settings, QStringLiteral("framing"));
}

void SessionTab::restoreState(QSettings &settings)
{
    m_columnsSized = m_columns->restoreState(settings.value(QStringLiteral("columns")).toByteArray());
    m_leftColumn->restoreState(settings.value(QStringLiteral("leftColumn")).toByteArray());
    m_rightColumn->restoreState(settings.value(QStringLiteral("rightColumn")).toByteArray());
    if (m_hex) {
        const bool conversation = settings.value(QStringLiteral("hexMode")).toInt()
                                  == int(HexPanel::Mode::Conversation);
        m_hex->setMode(conversation ? HexPanel::Mode::Conversation : HexPanel::Mode::SelectedChunk);
    }
    if (m_composer)
        m_composer->restoreState(settings, QStringLiteral("composer"));
    if (m_framing)
        m_framing->restoreState(settings, QStringLiteral("framing"));
}

} // namespace ui
