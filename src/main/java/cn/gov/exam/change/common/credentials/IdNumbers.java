package cn.gov.exam.change.common.credentials;

import java.time.DateTimeException;
import java.time.LocalDate;

/** Resident ID numbers (GB 11643-1999): validation of the check digit, and masking for display. */
public final class IdNumbers {
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

    private IdNumbers() {}

    /** The check character for the first 17 digits. */
    public static char checkDigit(CharSequence first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK[sum % 11];
    }

    /** Null when valid, else why not. */
    public static String problem(String id) {
        if (id == null || id.length() != 18) {
            return "must be 18 characters";
        }
        for (int i = 0; i < 17; i++) {
            if (id.charAt(i) < '0' || id.charAt(i) > '9') {
                return "must be 17 digits and a check character";
            }
        }
        char last = id.charAt(17);
        if (last != 'X' && (last < '0' || last > '9')) {
            return "must end in a digit or X";
        }
        try {
            LocalDate.of(
                    Integer.parseInt(id.substring(6, 10)),
                    Integer.parseInt(id.substring(10, 12)),
                    Integer.parseInt(id.substring(12, 14)));
        } catch (DateTimeException e) {
            return "holds no valid birth date";
        }
        if (checkDigit(id) != last) {
            return "has a wrong check digit";
        }
        return null;
    }

    /**
     * {@code 1101**********002X}: for anyone at all (a receipt's public check), the first and last four
     * characters only. Takes an ID number or its {@link #mask}.
     */
    public static String maskForPublic(String idOrMask) {
        if (idOrMask == null || idOrMask.length() < 8) {
            return "****";
        }
        return idOrMask.substring(0, 4) + "*".repeat(idOrMask.length() - 8) + idOrMask.substring(idOrMask.length() - 4);
    }

    /** {@code 110105********002X}: region kept, birth date and sequence hidden. */
    public static String mask(String id) {
        if (id == null || id.length() < 10) {
            return "****";
        }
        return id.substring(0, 6) + "*".repeat(id.length() - 10) + id.substring(id.length() - 4);
    }
}
