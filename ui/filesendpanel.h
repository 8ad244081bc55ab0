// FileSendPanel: the send composer's file row while a file goes out: a progress bar with the file name,
// bytes and percent (and "waiting" while back-pressure holds it) and a Cancel button, in front of the
// FileSender that reads the chunks. A widget: UI thread only.
#pragma once

#include <QWidget>

class QProgressBar;
class QPushButton;

namespace ui {

class FileSender;

class FileSendPanel : public QWidget
{
    Q_OBJECT

public:
    explicit FileSendPanel(QWidget *parent = nullptr);

    // See FileSender::start(): an error message for people, empty when the file started.
    QString start(const QString &path);
    void cancel();
    void setPaused(bool paused);
    bool isActive() const;
    QString fileName() const;

signals:
    void chunkReady(const QByteArray &chunk);
    void finished(qint64 sent, bool cancelled, const QString &error);

private:
    void showProgress();

    FileSender *m_sender = nullptr;
    QProgressBar *m_progress = nullptr;
    QPushButton *m_cancel = nullptr;
};

} // namespace ui
