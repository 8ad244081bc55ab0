#include "ui/compose/sendcomposer.h"

#include "core/i18n/translations.h"
#include "ui/compose/composermessageline.h"
#include "ui/compose/filesendpanel.h"
#include "ui/compose/largepayloadcard.h"
#include "ui/compose/payloadeditor.h"
#include "ui/compose/payloadformatbar.h"
#include "ui/compose/payloadpreview.h"
#include "core/codec/outgoingframing.h"
#include "ui/compose/repeatcontrols.h"
#include "ui/compose/sendhistorymenu.h"

#include <QApplication>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QLineEdit>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QShortcut>
#include <QStackedWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace ui {

namespace {

using Tone = ComposerMessageLine::Tone;

QString defaultFileChooser(QWidget *parent, const QString &directory)
{
    return QFileDialog::getOpenFileName(parent, SendComposer::tr("Send a File"), directory);
}

} // namespace

SendComposer::SendComposer(QWidget *parent)
    : QWidget(parent)
    , m_fileChooser(defaultFileChooser)
{
    // Children are created in reading order, top to bottom and left to right: that is the Tab order.
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);
    layout->addLayout(createToolRow());
    m_editorStack = new QStackedWidget(this);
    m_editor = new PayloadEditor(m_editorStack);
    m_card = new LargePayloadCard(m_editorStack);
    m_editorStack->addWidget(m_editor);
    m_editorStack->addWidget(m_card);
    layout->addWidget(m_editorStack, 1);
    layout->addLayout(createSendRow());
    layout->addLayout(createRepeatRow());
    setFocusProxy(m_editor);

    connect(m_editor, &QPlainTextEdit::textChanged, this, [this] {
        if (!m_loadingEntry)
            m_history.stopBrowsing();
        updatePayload();
    });
    connect(m_format, &PayloadFormatBar::formatChanged, this, &SendComposer::updatePayload);
    connect(m_format, &PayloadFormatBar::modeChanged, m_editor, &PayloadEditor::setMode);
    connect(m_editor, &PayloadEditor::sendRequested, this, &SendComposer::send);
    connect(m_editor, &PayloadEditor::olderRequested, this, [this] { loadEntry(m_history.older(currentEntry())); });
    connect(m_editor, &PayloadEditor::newerRequested, this, [this] { loadEntry(m_history.newer()); });
    connectLargePayload();
    connect(m_preview, &PayloadPreview::errorActivated, this, [this] {
        if (m_payload.error.isError())
            m_editor->moveCursorTo(m_payload.error.position);
    });
    connect(m_repeat, &RepeatControls::fire, this, &SendComposer::sendRequested);
    connect(m_repeat, &RepeatControls::progressed, this, &SendComposer::onRepeatProgress);
    connect(m_repeat, &RepeatControls::runningChanged, this, &SendComposer::updateControls);
    connect(m_repeat, &RepeatControls::repeatToggled, this, &SendComposer::updateControls);
    connect(m_filePanel, &FileSendPanel::chunkReady, this, &SendComposer::sendRequested);
    connect(m_filePanel, &FileSendPanel::finished, this, &SendComposer::onFileFinished);
    showMessage({});
    updatePayload();
}

// What goes past the editor's caps, and the card that holds it in the editor's place.
void SendComposer::connectLargePayload()
{
    connect(m_editor, &PayloadEditor::largeTextOffered, this, &SendComposer::offerLargeText);
    connect(m_editor, &PayloadEditor::fileOffered, m_card, &LargePayloadCard::offerFile);
    connect(m_editor, &PayloadEditor::inputRefused, this,
            [this](const QString &message) { showMessage(message, Tone::Error); });
    connect(m_card, &LargePayloadCard::changed, this, &SendComposer::onLargePayloadChanged);
    connect(m_card, &LargePayloadCard::message, this, &SendComposer::showMessage);
    // Ctrl+Enter sends from the card too, as it does from the editor it replaces.
    for (const QKeyCombination keys : {QKeyCombination(Qt::ControlModifier, Qt::Key_Return),
                                       QKeyCombination(Qt::ControlModifier | Qt::KeypadModifier, Qt::Key_Enter)}) {
        auto *shortcut = new QShortcut(QKeySequence(keys), m_card, nullptr, nullptr, Qt::WidgetWithChildrenShortcut);
        connect(shortcut, &QShortcut::activated, this, &SendComposer::send);
    }
}

void SendComposer::setSendEnabled(bool enabled, const QString &reason)
{
    m_sendAllowed = enabled;
    m_blockedReason = reason;
    if (!enabled) {
        m_repeat->stop();
        if (m_filePanel->isActive()) {
            m_filePanel->cancel();
            showMessage(tr("File sending stopped: %1").arg(sendBlockedReason()), Tone::Error);
        }
        // The connection that was full is gone; the next one starts with room to send.
        setBackPressure(false);
    }
    updateControls();
}

void SendComposer::addActionWidget(QWidget *widget)
{
    // Into the Tab order just before Send (a new child would otherwise come last).
    QWidget *before = m_sendButton->previousInFocusChain();
    m_actionLayout->addWidget(widget);
    setTabOrder(before, widget);
    setTabOrder(widget, m_sendButton);
}

void SendComposer::setText(const QString &text)
{
    if (PayloadEditor::exceedsCaps(text))
        offerLargeText(text);
    else
        m_editor->setPlainText(text);
}

void SendComposer::offerLargeText(const QString &text)
{
    m_card->offerText(text, mode(), encoding(), lineEnding());
}

void SendComposer::send()
{
    if (!sendBlockedReason().isEmpty())
        return;
    if (m_card->isActive()) {
        beginChunkedSend(m_filePanel->start(m_card->payload()));
        return;
    }
    m_history.add(SendHistory::entryFor(text(), mode(), encoding(), lineEnding(), m_payload.bytes));
    showMessage({});
    if (m_repeat->isRepeatOn()) {
        m_repeat->start(m_payload.bytes);
        if (m_repeat->isRunning() && m_repeat->isPaused()) // nothing went yet: say why
            onRepeatProgress(0, m_repeat->totalCount());
    } else
        emit sendRequested(m_payload.bytes);
    updateControls();
}

bool SendComposer::sendFile(const QString &path)
{
    QString error;
    if (!m_sendAllowed)
        error = tr("Cannot send a file now: %1").arg(sendBlockedReason());
    else if (m_repeat->isRunning())
        error = tr("Stop repeating before sending a file.");
    else
        error = m_filePanel->start(path);
    if (!beginChunkedSend(error))
        return false;
    m_fileDirectory = QFileInfo(path).absolutePath();
    return true;
}

bool SendComposer::beginChunkedSend(const QString &error)
{
    if (!error.isEmpty()) {
        showMessage(error, Tone::Error);
        return false;
    }
    showMessage({});
    m_previewStack->setCurrentWidget(m_filePanel);
    updateControls();
    return true;
}

void SendComposer::setBackPressure(bool high)
{
    m_filePanel->setPaused(high);
    m_repeat->setPaused(high); // released, it sends the fire that came due at once
    if (m_repeat->isRunning())
        onRepeatProgress(m_repeat->sentCount(), m_repeat->totalCount());
}

void SendComposer::chooseFile()
{
    const QString path = m_fileChooser ? m_fileChooser(this, m_fileDirectory) : QString();
    if (!path.isEmpty())
        sendFile(path);
}

namespace {
// The kinds whose send side adds bytes of its own (see core::frameForSending).
bool framesWhatItSends(const core::FramingSpec &spec)
{
    return spec.kind == core::FramingKind::Delimiter || spec.kind == core::FramingKind::LengthPrefix
           || spec.kind == core::FramingKind::FixedLength;
}
} // namespace

void SendComposer::setFraming(const core::FramingSpec &spec)
{
    if (spec == m_framing)
        return;
    m_framing = spec;
    m_format->setLineEndingAvailable(!framesWhatItSends(spec),
                                     tr("The tab's framing ends each message: see Framing above"));
    updatePayload();
}

void SendComposer::updatePayload()
{
    const bool framed = framesWhatItSends(m_framing);
    m_payload = core::encodePayload(text(), mode(), encoding(), framed ? core::LineEnding::None : lineEnding());
    if (framed && !m_payload.error.isError()) {
        core::FramedPayload wire = core::frameForSending(m_framing, m_payload.bytes);
        if (wire.error.isEmpty())
            m_payload.bytes = std::move(wire.bytes);
        else
            m_payload.error = {text().size(), wire.error}; // the whole payload is wrong: the cursor goes to its end
    }
    if (!m_card->isActive()) // the preview shows the held payload meanwhile
        m_preview->setPayload(m_payload);
    m_editor->markError(m_payload.error);
    updateControls();
}

QString SendComposer::sendBlockedReason() const
{
    if (!m_sendAllowed)
        return m_blockedReason.isEmpty() ? tr("Sending is not possible right now.") : m_blockedReason;
    if (m_card->isConverting())
        return tr("The paste is still being converted to bytes.");
    if (m_card->isActive() && m_repeat->isRepeatOn())
        return tr("Repeat sends what is in the editor: turn Repeat off to send the held payload once.");
    if (!m_card->isActive() && m_payload.error.isError())
        return PayloadPreview::describeError(m_payload.error);
    if (m_repeat->isRunning())
        return tr("Repeating: press Stop to send something else.");
    if (m_filePanel->isActive())
        return tr("A file is being sent: wait for it or press Cancel.");
    return {};
}

void SendComposer::updateControls()
{
    const QString blocked = sendBlockedReason();
    m_sendButton->setEnabled(blocked.isEmpty());
    if (blocked.isEmpty()) {
        const qint64 size = m_card->isActive() ? m_card->payload().size() : m_payload.bytes.size();
        m_sendButton->setToolTip(m_repeat->isRepeatOn() ? tr("Start sending these %L1 byte(s) repeatedly (Ctrl+Enter)",
                                                             nullptr, core::pluralCount(size))
                                                                .arg(size)
                                                        : tr("Send these %L1 byte(s) (Ctrl+Enter)", nullptr,
                                                             core::pluralCount(size))
                                                              .arg(size));
    } else {
        m_sendButton->setToolTip(blocked);
    }
    const bool idle = !m_repeat->isRunning() && !m_filePanel->isActive();
    m_sendFileButton->setEnabled(m_sendAllowed && idle);
    if (!m_sendAllowed)
        m_sendFileButton->setToolTip(sendBlockedReason());
    else if (idle)
        m_sendFileButton->setToolTip(tr("Choose a file and send its contents, 64 KiB at a time"));
    else
        m_sendFileButton->setToolTip(tr("Wait for the current send to end, or stop it"));
    if (!m_filePanel->isActive())
        m_previewStack->setCurrentWidget(m_preview);
}

SendHistoryEntry SendComposer::currentEntry() const
{
    return {text(), mode(), encoding(), lineEnding(), -1, {}, {}};
}

void SendComposer::loadEntry(const std::optional<SendHistoryEntry> &entry)
{
    if (!entry)
        return;
    if (entry->isSummary()) {
        loadSummary(*entry);
        return;
    }
    m_card->discard(); // an entry with text goes back to the editor
    m_loadingEntry = true;
    setMode(entry->mode);
    setEncoding(entry->encoding); // an encoding this build lacks keeps the current one
    setLineEnding(entry->lineEnding);
    setText(entry->text);
    m_editor->moveCursor(QTextCursor::End);
    m_loadingEntry = false;
}

// A summary's bytes were never kept: say what it was, and offer its file again when it is still there.
void SendComposer::loadSummary(const SendHistoryEntry &entry)
{
    const QString what = SendHistory::describe(entry);
    if (entry.filePath.isEmpty() || !QFileInfo(entry.filePath).isFile()) {
        showMessage(entry.filePath.isEmpty() ? what : tr("%1 The file is no longer there.").arg(what));
        return;
    }
    if (m_card->offerFile(entry.filePath))
        showMessage(tr("%1 Send sends the file again, as it is now.").arg(what));
}

// A draft an older version saved may be megabytes on one line: it never goes into the editor.
void SendComposer::restoreDraft(const QString &draft)
{
    if (!PayloadEditor::exceedsCaps(draft)) {
        m_editor->setPlainText(draft);
        return;
    }
    showMessage(tr("The saved draft (%L1 character(s)) is larger than the editor holds, so it was not restored.",
                   nullptr, core::pluralCount(draft.size()))
                    .arg(draft.size()),
                Tone::Error);
}

void SendComposer::onLargePayloadChanged()
{
    const bool active = m_card->isActive();
    const bool hadFocus = m_editorStack->isAncestorOf(QApplication::focusWidget());
    m_editorStack->setCurrentWidget(active ? static_cast<QWidget *>(m_card) : m_editor);
    if (hadFocus)
        m_editorStack->currentWidget()->setFocus(Qt::OtherFocusReason);
    // The held bytes were encoded with the settings of the moment: changing them would change nothing.
    m_format->setEnabled(!active);
    if (m_card->isConverting())
        m_preview->setNote(tr("Converting the paste to bytes…"));
    else if (active)
        m_preview->setLargePayload(m_card->payload().head(PayloadPreview::kPreviewBytes), m_card->payload().size());
    else
        m_preview->setPayload(m_payload);
    updateControls();
}

bool SendComposer::saveMessageAs(const QString &name)
{
    const QString trimmed = name.trimmed();
    QString refused;
    if (trimmed.isEmpty())
        refused = tr("A saved message needs a name.");
    else if (m_card->isActive() || text().size() > SavedMessages::kMaxTextChars)
        refused = tr("Only what the editor holds, up to %L1 characters, can be saved as a message.")
                      .arg(SavedMessages::kMaxTextChars);
    else if (!m_saved.save({trimmed, text(), mode(), encoding()}))
        refused = tr("%L1 messages are saved already: delete one first.").arg(SavedMessages::kMaxMessages);
    if (!refused.isEmpty()) {
        showMessage(refused, Tone::Error);
        return false;
    }
    showMessage(tr("Saved as “%1”.").arg(trimmed));
    return true;
}

void SendComposer::loadMessage(const SavedMessage &message)
{
    m_card->discard();
    m_loadingEntry = true;
    setMode(message.mode);
    setEncoding(message.encoding);
    setText(message.text);
    m_editor->moveCursor(QTextCursor::End);
    m_loadingEntry = false;
}

void SendComposer::sendSaved(qsizetype index)
{
    if (index < 0 || index >= m_saved.messages().size())
        return;
    loadMessage(m_saved.messages()[index]);
    send(); // blocked (not connected, a bad escape, the framing) says why, as for a typed message
}

void SendComposer::deleteSaved(qsizetype index)
{
    m_saved.remove(index);
}

void SendComposer::recallHistory(qsizetype index)
{
    loadEntry(m_history.recall(index, currentEntry()));
}

void SendComposer::onRepeatProgress(int sent, int total)
{
    showMessage(m_repeat->progressText(sent, total));
}

void SendComposer::onFileFinished(qint64 sent, bool cancelled, const QString &error)
{
    if (error.isEmpty())
        showMessage(m_filePanel->finishedMessage(sent, cancelled));
    else
        showMessage(error, Tone::Error);
    if (!cancelled)
        m_history.add(SendHistory::summaryEntry(sent, m_filePanel->sha256(), m_filePanel->filePath()));
    updateControls();
    emit fileSendFinished(sent, cancelled);
}

void SendComposer::showMessage(const QString &message, Tone tone)
{
    m_status->showMessage(message, tone);
}

void SendComposer::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange) // the message colour follows light and dark palettes
        m_status->showMessage(m_status->message(), m_status->tone());
    QWidget::changeEvent(event);
}

// A tool button that opens its menu at once and takes keyboard focus (the tab order goes through it).
QToolButton *SendComposer::menuButton(const QString &objectName, const QString &text, QMenu *menu)
{
    auto *button = new QToolButton(this);
    button->setObjectName(objectName);
    button->setText(text);
    button->setMenu(menu);
    button->setPopupMode(QToolButton::InstantPopup);
    button->setFocusPolicy(Qt::StrongFocus);
    return button;
}

QHBoxLayout *SendComposer::createToolRow()
{
    m_format = new PayloadFormatBar(this);
    m_historyMenu = new SendHistoryMenu(m_history, this);
    connect(m_historyMenu, &SendHistoryMenu::entryChosen, this, &SendComposer::recallHistory);
    connect(m_historyMenu, &SendHistoryMenu::clearRequested, this, [this] { m_history.clear(); });
    m_historyButton = menuButton(QStringLiteral("historyButton"), tr("History"), m_historyMenu);
    m_historyButton->setAccessibleName(tr("Send history"));
    m_historyButton->setToolTip(tr("Recall one of the last %Ln payload(s) sent (Ctrl+Up and Ctrl+Down in the editor)",
                                   nullptr, core::pluralCount(SendHistory::kCapacity)));
    m_savedMenu = new SavedMessagesMenu(m_saved, this);
    connect(m_savedMenu, &SavedMessagesMenu::sendRequested, this, &SendComposer::sendSaved);
    connect(m_savedMenu, &SavedMessagesMenu::loadRequested, this, &SendComposer::loadMessage);
    connect(m_savedMenu, &SavedMessagesMenu::deleteRequested, this, &SendComposer::deleteSaved);
    connect(m_savedMenu, &SavedMessagesMenu::saveRequested, this, [this] {
        const NameChooser choose = m_nameChooser ? m_nameChooser : [](QWidget *parent, const QString &suggestion) {
            return QInputDialog::getText(parent, tr("Save message"), tr("Name of the message:"), QLineEdit::Normal,
                                         suggestion);
        };
        const QString name = choose(this, tr("Message %1").arg(m_saved.messages().size() + 1));
        if (!name.isEmpty())
            saveMessageAs(name);
    });
    m_savedButton = menuButton(QStringLiteral("savedMessagesButton"), tr("Messages"), m_savedMenu);
    m_savedButton->setAccessibleName(tr("Saved messages and templates"));
    m_savedButton->setToolTip(tr("Send a saved message in one click, save the editor's message by name, or start "
                                 "from a template (an HTTP request or response)"));
    m_sendFileButton = new QPushButton(tr("Send File…"), this);
    m_sendFileButton->setObjectName(QStringLiteral("sendFileButton"));
    m_sendFileButton->setAccessibleName(tr("Send a file"));
    connect(m_sendFileButton, &QPushButton::clicked, this, &SendComposer::chooseFile);

    auto *row = new QHBoxLayout;
    row->setSpacing(4);
    row->addWidget(m_format);
    row->addWidget(m_historyButton);
    row->addWidget(m_savedButton);
    row->addStretch(1);
    row->addWidget(m_sendFileButton);
    return row;
}

// The bytes and the Send button on one row: what will go, and the button that sends it.
QHBoxLayout *SendComposer::createSendRow()
{
    m_previewStack = new QStackedWidget(this);
    m_preview = new PayloadPreview(m_previewStack);
    m_filePanel = new FileSendPanel(m_previewStack);
    m_previewStack->addWidget(m_preview);
    m_previewStack->addWidget(m_filePanel);
    m_sendButton = new QPushButton(tr("Send"), this);
    m_sendButton->setObjectName(QStringLiteral("sendButton"));
    m_sendButton->setAccessibleName(tr("Send"));
    connect(m_sendButton, &QPushButton::clicked, this, &SendComposer::send);

    m_actionLayout = new QHBoxLayout;
    m_actionLayout->setContentsMargins(0, 0, 0, 0);
    auto *row = new QHBoxLayout;
    row->setSpacing(4);
    row->addWidget(m_previewStack, 1);
    row->addLayout(m_actionLayout);
    row->addWidget(m_sendButton);
    return row;
}

QHBoxLayout *SendComposer::createRepeatRow()
{
    m_repeat = new RepeatControls(this);
    m_status = new ComposerMessageLine(this);
    auto *row = new QHBoxLayout;
    row->setSpacing(8);
    row->addWidget(m_repeat);
    row->addWidget(m_status, 1);
    return row;
}

void SendComposer::saveState(QSettings &settings, const QString &group) const
{
    settings.beginGroup(group);
    settings.setValue(QStringLiteral("mode"), payloadModeKey(mode()));
    settings.setValue(QStringLiteral("encoding"), encoding());
    settings.setValue(QStringLiteral("lineEnding"), lineEndingKey(lineEnding()));
    settings.setValue(QStringLiteral("text"), text());
    settings.setValue(QStringLiteral("fileDirectory"), m_fileDirectory);
    m_repeat->save(settings);
    m_history.save(settings);
    m_saved.write(settings);
    settings.endGroup();
}

void SendComposer::restoreState(QSettings &settings, const QString &group)
{
    settings.beginGroup(group);
    // Missing or unknown values keep what the composer shows now.
    if (const auto restored = payloadModeFromKey(settings.value(QStringLiteral("mode")).toString()))
        setMode(*restored);
    setEncoding(settings.value(QStringLiteral("encoding")).toString());
    if (const auto restored = lineEndingFromKey(settings.value(QStringLiteral("lineEnding")).toString()))
        setLineEnding(*restored);
    if (settings.contains(QStringLiteral("text")))
        restoreDraft(settings.value(QStringLiteral("text")).toString());
    m_fileDirectory = settings.value(QStringLiteral("fileDirectory"), m_fileDirectory).toString();
    m_repeat->restore(settings);
    m_history.restore(settings);
    m_saved.read(settings);
    settings.endGroup();
}

} // namespace ui
