// ElidedLabel: a one-line label that shows as much of its text as fits its width, with "…" at the end,
// and the whole text in its tooltip and to screen readers (its accessible description). It never
// widens its window. A widget: UI thread only.
#pragma once

#include <QLabel>

namespace ui {

class ElidedLabel : public QLabel
{
    Q_OBJECT

public:
    explicit ElidedLabel(QWidget *parent = nullptr);

    void setFullText(const QString &text);
    QString fullText() const { return m_text; }

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void elide();

    QString m_text;
};

} // namespace ui
