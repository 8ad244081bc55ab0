#include "ui/compose/repeatcontrols.h"

#include "ui/compose/sendrepeater.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>

namespace ui {

RepeatControls::RepeatControls(QWidget *parent)
    : QWidget(parent)
    , m_repeater(new SendRepeater(this))
    , m_repeat(new QCheckBox(tr("Repeat"), this))
    , m_interval(new QSpinBox(this))
    , m_count(new QSpinBox(this))
    , m_stop(new QPushButton(tr("Stop"), this))
{
    m_repeat->setObjectName(QStringLiteral("repeat"));
    m_repeat->setAccessibleName(tr("Repeat sending"));
    m_repeat->setToolTip(tr("When on, Send sends the payload again every interval, the given number of times"));
    m_interval->setObjectName(QStringLiteral("repeatInterval"));
    m_interval->setRange(1, 600000);
    m_interval->setValue(1000);
    m_interval->setPrefix(tr("every "));
    m_interval->setSuffix(tr(" ms"));
    m_interval->setAccessibleName(tr("Repeat interval in milliseconds"));
    m_interval->setToolTip(tr("Time between two sends of a repeat run"));
    m_count->setObjectName(QStringLiteral("repeatCount"));
    m_count->setRange(0, 1000000);
    m_count->setValue(10);
    m_count->setSuffix(tr(" times"));
    m_count->setSpecialValueText(tr("until stopped"));
    m_count->setAccessibleName(tr("Number of sends, 0 for until stopped"));
    m_count->setToolTip(tr("How many sends a repeat run makes; 0 repeats until Stop"));
    m_stop->setObjectName(QStringLiteral("stopRepeatButton"));
    m_stop->setAccessibleName(tr("Stop repeating"));
    m_stop->setToolTip(tr("End the repeat run now"));

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    for (QWidget *widget : std::initializer_list<QWidget *>{m_repeat, m_interval, m_count, m_stop})
        layout->addWidget(widget);

    connect(m_stop, &QPushButton::clicked, this, &RepeatControls::stop);
    connect(m_repeat, &QCheckBox::toggled, this, [this](bool on) {
        updateControls();
        emit repeatToggled(on);
    });
    connect(m_repeater, &SendRepeater::fire, this, &RepeatControls::fire);
    connect(m_repeater, &SendRepeater::progressed, this, &RepeatControls::progressed);
    connect(m_repeater, &SendRepeater::finished, this, [this](int sent, int total) {
        updateControls();
        emit progressed(sent, total);
        emit runningChanged(false);
    });
    updateControls();
}

bool RepeatControls::isRepeatOn() const
{
    return m_repeat->isChecked();
}

bool RepeatControls::isRunning() const
{
    return m_repeater->isActive();
}

void RepeatControls::start(const QByteArray &payload)
{
    m_repeater->start(payload, m_interval->value(), m_count->value());
    updateControls();
    if (m_repeater->isActive())
        emit runningChanged(true);
}

void RepeatControls::stop()
{
    m_repeater->stop();
}

void RepeatControls::setPaused(bool paused)
{
    m_repeater->setPaused(paused);
}

bool RepeatControls::isPaused() const
{
    return m_repeater->isPaused();
}

int RepeatControls::sentCount() const
{
    return m_repeater->sentCount();
}

int RepeatControls::totalCount() const
{
    return m_repeater->totalCount();
}

QString RepeatControls::progressText(int sent, int total) const
{
    if (isRunning() && isPaused()) {
        const QString done = total > 0 ? tr("%L1 of %L2 sent").arg(sent).arg(total) : tr("%L1 sent").arg(sent);
        return tr("Repeat paused: the peer is not reading — %1").arg(done);
    }
    return total > 0 ? tr("Sent %L1 of %L2").arg(sent).arg(total) : tr("Sent %L1").arg(sent);
}

void RepeatControls::save(QSettings &settings) const
{
    settings.setValue(QStringLiteral("repeat"), m_repeat->isChecked());
    settings.setValue(QStringLiteral("repeatIntervalMs"), m_interval->value());
    settings.setValue(QStringLiteral("repeatCount"), m_count->value());
}

void RepeatControls::restore(QSettings &settings)
{
    m_repeat->setChecked(settings.value(QStringLiteral("repeat"), m_repeat->isChecked()).toBool());
    m_interval->setValue(settings.value(QStringLiteral("repeatIntervalMs"), m_interval->value()).toInt());
    m_count->setValue(settings.value(QStringLiteral("repeatCount"), m_count->value()).toInt());
}

void RepeatControls::updateControls()
{
    const bool running = m_repeater->isActive();
    m_repeat->setEnabled(!running);
    m_interval->setEnabled(m_repeat->isChecked() && !running);
    m_count->setEnabled(m_repeat->isChecked() && !running);
    m_stop->setVisible(running);
}

} // namespace ui
