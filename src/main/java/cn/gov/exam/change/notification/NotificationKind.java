package cn.gov.exam.change.notification;

/** The steps an applicant is told of, each at most once per occurrence (the notification_once key). */
public enum NotificationKind {
    POSITION_CANCELLED,
    DEADLINE_REMINDER,
    SWITCH_RECEIVED,
    REVIEW_APPROVED,
    REVIEW_REJECTED,
    REFUND_QUEUED,
    REFUND_SUCCEEDED,
    REFUND_FAILED;

    /** Sent even in quiet hours when the switch deadline falls before they end: waiting would be too late. */
    boolean urgentBeforeDeadline() {
        return this == POSITION_CANCELLED || this == DEADLINE_REMINDER;
    }
}
