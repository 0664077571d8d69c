package cn.gov.exam.change.position;

public enum PositionStatus {
    OPEN,
    REDUCED,
    CANCELLED
}
