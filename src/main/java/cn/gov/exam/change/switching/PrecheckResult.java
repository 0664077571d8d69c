package cn.gov.exam.change.switching;

/** PASS: every requirement checked and met; MANUAL: the reviewer must judge some; FAIL: some not met. */
public enum PrecheckResult {
    PASS,
    MANUAL,
    FAIL
}
