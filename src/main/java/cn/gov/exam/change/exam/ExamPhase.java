package cn.gov.exam.change.exam;

public enum ExamPhase {
    REGISTRATION_CLOSED,
    SWITCHING,
    REVIEWING,
    CLOSED
}
