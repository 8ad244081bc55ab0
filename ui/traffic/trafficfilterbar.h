// TrafficFilterBar: the controls over the traffic list that drive its TrafficFilter — direction, peer text,
// content text or hex bytes, the connection chip, Clear filter — with the row count beside them and, under
// them, the line that says what is wrong with a hex filter. Typed text applies once typing pauses. Every
// control is named for its purpose; the row count and the error line are live labels, left without an
// accessible name so a screen reader reads what they say. Split from TrafficView. A widget: UI thread only.
#pragma once

#include <QTimer>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QToolButton;

namespace ui {

class TrafficFilter;

class TrafficFilterBar : public QWidget
{
    Q_OBJECT

public:
    static constexpr int kTypingPauseMs = 150; // filter text applies once typing pauses this long

    // The filter must outlive the bar (the traffic view owns both).
    explicit TrafficFilterBar(TrafficFilter *filter, QWidget *parent = nullptr);

    // Every row shown again and every control emptied, the connection chip hidden.
    void clearFilter();

protected:
    void changeEvent(QEvent *event) override;

private:
    QWidget *createControlRow();
    void connectControls();
    void applyContentFilter();
    void showFilterState();
    void updateRowCount();
    void applyPalette();

    TrafficFilter *m_filter;
    QComboBox *m_directionBox = nullptr;
    QLineEdit *m_peerEdit = nullptr;
    QLineEdit *m_contentEdit = nullptr;
    QToolButton *m_hexToggle = nullptr;
    QToolButton *m_connectionButton = nullptr;
    QPushButton *m_clearFilterButton = nullptr;
    QLabel *m_rowCountLabel = nullptr;
    QLabel *m_errorLabel = nullptr;
    QTimer m_typingPause;
};

} // namespace ui
