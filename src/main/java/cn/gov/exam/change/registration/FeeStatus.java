package cn.gov.exam.change.registration;

/** PAID and WAIVED registrations are confirmed: they count for the ratio and may switch. */
public enum FeeStatus {
    PAID,
    WAIVED,
    UNPAID;

    public boolean confirmed() {
        return this != UNPAID;
    }

    /** The confirmed statuses' names, for SQL that binds them ({@code fee_status = any(?)}) instead of listing them. */
    public static String[] confirmedNames() {
        return java.util.Arrays.stream(values())
                .filter(FeeStatus::confirmed)
                .map(Enum::name)
                .toArray(String[]::new);
    }
}
