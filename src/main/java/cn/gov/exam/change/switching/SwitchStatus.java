package cn.gov.exam.change.switching;

public enum SwitchStatus {
    PENDING,
    APPROVED,
    REJECTED
}
