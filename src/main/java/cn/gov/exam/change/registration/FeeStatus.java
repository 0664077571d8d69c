package cn.gov.exam.change.registration;

/** PAID and WAIVED registrations are confirmed: they count for the ratio and may switch. */
public enum FeeStatus {
    PAID, WAIVED, UNPAID;

    public boolean confirmed() {
        return this != UNPAID;
    }
}
