// FileSendPanel: the send composer's row while a file or a large payload goes out: a progress bar, the text
// beside it (name, bytes and percent, and "waiting" while back-pressure holds it) and a Cancel button, in
// front of the FileSender that reads the chunks. A widget: UI thread only.
#pragma once

#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;

namespace ui {

class FileSender;
class LargePayload;

class FileSendPanel : public QWidget
{
    Q_OBJECT

public:
    explicit FileSendPanel(QWidget *parent = nullptr);

    // See FileSender::start(): an error message for people, empty when the file started.
    QString start(const QString &path);
    // Sends a large payload the same way: its bytes through a QBuffer, or its file.
    QString start(const LargePayload &payload);
    void cancel();
    void setPaused(bool paused);
    bool isActive() const;
    QString fileName() const;
    // The absolute path of the file being (or last) sent; empty for pasted bytes.
    QString filePath() const { return m_path; }
    // What finished(sent, cancelled, {}) means, for the composer's message line.
    QString finishedMessage(qint64 sent, bool cancelled) const;
    // After a send ended: see FileSender::sha256().
    QByteArray sha256() const;
    // The progress line as shown (before eliding).
    QString progressText() const { return m_text; }

signals:
    void chunkReady(const QByteArray &chunk);
    void finished(qint64 sent, bool cancelled, const QString &error);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void showProgress();

    FileSender *m_sender = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_label = nullptr;
    QPushButton *m_cancel = nullptr;
    QString m_text;
    QString m_path;
    bool m_pasted = false;
};

} // namespace ui
