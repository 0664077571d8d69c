package cn.gov.exam.change.common.credentials;

import java.util.regex.Pattern;

/** Applicants' phone numbers: whether one takes SMS, and masking for staff. */
public final class Phones {
    private Phones() {}

    private static final Pattern MOBILE = Pattern.compile("1[0-9]{10}");

    /** A mainland mobile number (11 digits beginning with 1): the only kind sent SMS. */
    public static boolean isMobile(String phone) {
        return phone != null && MOBILE.matcher(phone).matches();
    }

    /**
     * {@code 138****5678}: the first three and last four digits kept, those between hidden; a short
     * number shows its last two only. Null stays null.
     */
    public static String mask(String phone) {
        if (phone == null || phone.isBlank()) {
            return null;
        }
        String p = phone.strip();
        if (p.length() < 8) {
            return "*".repeat(Math.max(0, p.length() - 2)) + p.substring(Math.max(0, p.length() - 2));
        }
        return p.substring(0, 3) + "****" + p.substring(p.length() - 4);
    }
}
