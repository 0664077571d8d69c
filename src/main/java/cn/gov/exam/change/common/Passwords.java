package cn.gov.exam.change.common;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * bcrypt, the hash the registration system exports and the one we store ({@code $2b$}, cost 10), made
 * and checked by {@link Bcrypt}, which also takes the {@code $2a$} and {@code $2y$} of other systems'
 * exports.
 */
public final class Passwords {
    private static final int COST = 10;
    private static final SecureRandom SALTS = new SecureRandom();
    private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]\\$\\d{2}\\$[./A-Za-z0-9]{53}");
    /** Compared against when an account does not exist, so that timing does not tell. */
    private static final String DUMMY = hash("no such account");

    private Passwords() {
    }

    public static String hash(String plain) {
        byte[] salt = new byte[16];
        SALTS.nextBytes(salt);
        return Bcrypt.hash(plain, COST, salt);
    }

    public static boolean isBcryptHash(String value) {
        return value != null && BCRYPT.matcher(value).matches();
    }

    public static boolean matches(String plain, String hash) {
        return matches(plain, hash, () -> { });
    }

    /** The same, with {@code between} run every millisecond or so of the check, to give way to other work. */
    public static boolean matches(String plain, String hash, Runnable between) {
        if (plain == null) {
            return false;
        }
        try {
            return Bcrypt.matches(plain, hash == null ? DUMMY : hash, between) && hash != null;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
