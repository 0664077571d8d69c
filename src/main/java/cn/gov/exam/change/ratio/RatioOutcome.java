package cn.gov.exam.change.ratio;

public enum RatioOutcome {
    KEEP,
    REDUCE,
    CANCEL
}
