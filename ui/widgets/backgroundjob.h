// runInBackground(): runs one piece of work (a pure function: encoding a pasted payload, writing it to a
// file) on a thread of its own and hands the result to a callback on the UI thread, so a slow step over
// megabytes never blocks input and painting. The callback runs only while `context` lives; a job whose
// context is gone finishes and is dropped. The thread object belongs to the application, so one still
// running when the application ends is waited for (the work is bounded) rather than aborted or leaked.
// UI thread only (it is called from, and calls back to, there).
#pragma once

#include <QCoreApplication>
#include <QThread>

#include <functional>
#include <memory>

namespace ui {

class BackgroundThread final : public QThread
{
public:
    BackgroundThread(std::function<void()> work, QObject *parent)
        : QThread(parent)
        , m_work(std::move(work))
    {
    }
    ~BackgroundThread() override { wait(); }

private:
    void run() override
    {
        m_work();
        m_work = nullptr; // let go of what the work captured (a 100 MB string) as soon as it is done
    }

    std::function<void()> m_work;
};

template<typename Result>
void runInBackground(QObject *context, std::function<Result()> work, std::function<void(Result)> done)
{
    auto result = std::make_shared<Result>();
    auto *thread = new BackgroundThread([result, work = std::move(work)] { *result = work(); },
                                        QCoreApplication::instance());
    // finished() is emitted on the worker thread: queued to `context`, and disconnected if it is destroyed.
    QObject::connect(thread, &QThread::finished, context, [result, done = std::move(done)] { done(std::move(*result)); });
    QObject::connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    thread->start();
}

} // namespace ui
