// SendComposer: the one widget every tab uses to compose bytes and ask for them to be sent. Text, Hex or
// Escapes input with an encoding and a line ending, a live hex preview (or the input error, which blocks
// sending), Ctrl+Enter to send, repeats on a timer, files sent in chunks, and a history of the last payloads.
// The editor holds only text it can lay out quickly: a larger paste or a dropped file is held as bytes (or a
// file reference) on a card in its place and sent in chunks like a file. Back-pressure pauses file chunks and
// repeat runs alike. It never touches a socket: it emits sendRequested() and the tab hands the bytes to core.
// A widget: UI thread only.
#pragma once

#include "core/codec/framingspec.h"
#include "ui/compose/savedmessages.h"

#include "core/codec/payloadcodec.h"
#include "ui/compose/composermessageline.h"
#include "ui/compose/filesendpanel.h"
#include "ui/compose/largepayloadcard.h"
#include "ui/compose/payloadeditor.h"
#include "ui/compose/payloadformatbar.h"
#include "ui/compose/repeatcontrols.h"
#include "ui/compose/sendhistory.h"

#include <QWidget>

#include <functional>

class QHBoxLayout;
class QLabel;
class QMenu;
class QPushButton;
class QSettings;
class QStackedWidget;
class QToolButton;

namespace ui {

class PayloadPreview;
class SendHistoryMenu;

class SendComposer : public QWidget
{
    Q_OBJECT

public:
    // Asked for a file when the Send File button is clicked; an empty path does nothing. The default opens
    // a QFileDialog in `directory`; tests install one that returns a path.
    using FileChooser = std::function<QString(QWidget *parent, const QString &directory)>;

    explicit SendComposer(QWidget *parent = nullptr);

    // Off while the tab cannot send (not connected, no client selected...); `reason` becomes the Send
    // button's tooltip. Turning it off stops a repeat run, cancels a file being sent and clears back-pressure.
    void setSendEnabled(bool enabled, const QString &reason = {});
    bool isSendEnabled() const { return m_sendAllowed; }
    // Puts a control of the tab's (e.g. "send to: selected / all clients") just before the Send button.
    void addActionWidget(QWidget *widget);
    void setFileChooser(FileChooser chooser) { m_fileChooser = std::move(chooser); }

    QString text() const { return m_editor->toPlainText(); }
    // Text over the editor's caps (PayloadEditor::kMaxChars, kMaxLineChars) becomes a large payload instead,
    // as a paste of it would.
    void setText(const QString &text);
    // A large payload (a paste over the editor's caps, or a file pasted or dropped) is held as bytes or a file
    // reference by this card, shown in place of the editor; Send sends it in chunks like a file.
    LargePayloadCard *largePayloadCard() const { return m_card; }
    bool hasLargePayload() const { return m_card->isActive(); }
    core::PayloadMode mode() const { return m_format->mode(); }
    void setMode(core::PayloadMode mode) { m_format->setMode(mode); }
    QString encoding() const { return m_format->encoding(); }
    // False (and no change) for a name not in core::availableEncodings().
    bool setEncoding(const QString &encoding) { return m_format->setEncoding(encoding); }
    core::LineEnding lineEnding() const { return m_format->lineEnding(); }
    void setLineEnding(core::LineEnding ending) { m_format->setLineEnding(ending); }
    // The tab's framing: a delimiter, a length header or a fixed length frames what the editor sends (the
    // line ending then stays off: the framing ends each message), and the preview shows the framed bytes.
    // Files and held payloads go as they are, in chunks. Kind None or HTTP: the payload goes as typed.
    void setFraming(const core::FramingSpec &spec);
    const core::FramingSpec &framing() const { return m_framing; }
    // The bytes the editor's text encodes to (Send sends them when no large payload is held), or the error.
    core::EncodedPayload payload() const { return m_payload; }

    const SendHistory &history() const { return m_history; }

    // Named messages kept with the tab (the Messages menu): save what the editor holds, send one in one click,
    // load one to change it. The name for "Save as…" comes from the chooser (default: a small dialog).
    using NameChooser = std::function<QString(QWidget *parent, const QString &suggestion)>;
    void setNameChooser(NameChooser chooser) { m_nameChooser = std::move(chooser); }
    const SavedMessages &savedMessages() const { return m_saved; }
    // False, with the reason in the message line, when it cannot be kept (no name, too long, list full).
    bool saveMessageAs(const QString &name);
    void loadMessage(const SavedMessage &message);
    void sendSaved(qsizetype index);
    void deleteSaved(qsizetype index);
    // The tab's templates, filled each time the menu opens.
    void setTemplates(TemplateProvider provider) { m_savedMenu->setTemplates(std::move(provider)); }
    SavedMessagesMenu *savedMenu() const { return m_savedMenu; }
    // Loads a history entry (0 = newest) into the editor, mode, encoding and line ending.
    void recallHistory(qsizetype index);

    bool isRepeating() const { return m_repeat->isRunning(); }
    bool isSendingFile() const { return m_filePanel->isActive(); }

    // Mode, encoding, line ending, editor text, repeat settings, last file folder and history, under `group`.
    void saveState(QSettings &settings, const QString &group) const;
    void restoreState(QSettings &settings, const QString &group);

public slots:
    // What the Send button and Ctrl+Enter do: one send, or the start of a repeat run when Repeat is on.
    // Does nothing while sending is blocked (the Send button's tooltip says why).
    void send();
    // Starts sending a file in chunks; false (and the reason in the message line) when it cannot start.
    bool sendFile(const QString &path);
    void cancelFileSend() { m_filePanel->cancel(); }
    void stopRepeat() { m_repeat->stop(); }
    // High: the connection's send buffer is full; file chunks and repeat sends wait until it is low again
    // (a repeat send that came due goes at once then, so the count stays exact), and the message line says
    // so. setSendEnabled(false) clears it.
    void setBackPressure(bool high);

signals:
    void sendRequested(const QByteArray &bytes);
    // After the last chunk (cancelled false), or after Cancel, a read error or sending turned off (true).
    void fileSendFinished(qint64 bytes, bool cancelled);

protected:
    void changeEvent(QEvent *event) override;

private:
    QHBoxLayout *createToolRow();
    QToolButton *menuButton(const QString &objectName, const QString &text, QMenu *menu);
    QHBoxLayout *createSendRow();
    QHBoxLayout *createRepeatRow();

    void connectLargePayload();
    void chooseFile();
    void offerLargeText(const QString &text);
    void onLargePayloadChanged();
    bool beginChunkedSend(const QString &error);
    void loadSummary(const SendHistoryEntry &entry);
    void restoreDraft(const QString &draft);
    void updatePayload();
    void updateControls();
    QString sendBlockedReason() const;
    SendHistoryEntry currentEntry() const;
    void loadEntry(const std::optional<SendHistoryEntry> &entry);
    void onRepeatProgress(int sent, int total);
    void onFileFinished(qint64 sent, bool cancelled, const QString &error);
    void showMessage(const QString &message, ComposerMessageLine::Tone tone = ComposerMessageLine::Tone::Info);

    PayloadFormatBar *m_format = nullptr;
    QToolButton *m_historyButton = nullptr;
    SendHistoryMenu *m_historyMenu = nullptr;
    QPushButton *m_sendFileButton = nullptr;
    QStackedWidget *m_editorStack = nullptr; // the editor, or the large payload card in its place
    PayloadEditor *m_editor = nullptr;
    LargePayloadCard *m_card = nullptr;
    QStackedWidget *m_previewStack = nullptr; // the preview, or the file panel while a file goes out
    PayloadPreview *m_preview = nullptr;
    FileSendPanel *m_filePanel = nullptr;
    RepeatControls *m_repeat = nullptr;
    ComposerMessageLine *m_status = nullptr;
    QHBoxLayout *m_actionLayout = nullptr;
    QPushButton *m_sendButton = nullptr;

    FileChooser m_fileChooser;
    QString m_fileDirectory;
    core::EncodedPayload m_payload;
    core::FramingSpec m_framing;
    bool m_sendAllowed = true;
    QString m_blockedReason;

    SendHistory m_history;
    SavedMessages m_saved;
    SavedMessagesMenu *m_savedMenu = nullptr;
    QToolButton *m_savedButton = nullptr;
    NameChooser m_nameChooser;
    bool m_loadingEntry = false; // an entry is being loaded: the editor's change is not a user's edit
};

} // namespace ui
