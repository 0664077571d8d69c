package cn.gov.exam.change.common.credentials;

public final class Roles {
    public static final String ADMIN = "ADMIN";
    public static final String REVIEWER = "REVIEWER";
    public static final String APPLICANT = "APPLICANT";

    private Roles() {}
}
