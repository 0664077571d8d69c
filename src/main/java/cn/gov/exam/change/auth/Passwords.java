package cn.gov.exam.change.auth;

import io.quarkus.elytron.security.common.BcryptUtil;

import java.util.regex.Pattern;

/**
 * bcrypt, the hash the registration system exports and the one we store: made by Elytron
 * ({@code $2a$}), checked by {@link Bcrypt}, which also takes the {@code $2b$} and {@code $2y$}
 * of other systems' exports (Elytron cannot read {@code $2b$}) and is faster.
 */
public final class Passwords {
    private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]\\$\\d{2}\\$[./A-Za-z0-9]{53}");
    /** Compared against when an account does not exist, so that timing does not tell. */
    private static final String DUMMY = BcryptUtil.bcryptHash("no such account");

    private Passwords() {
    }

    public static String hash(String plain) {
        return BcryptUtil.bcryptHash(plain);
    }

    public static boolean isBcryptHash(String value) {
        return value != null && BCRYPT.matcher(value).matches();
    }

    public static boolean matches(String plain, String hash) {
        if (plain == null) {
            return false;
        }
        try {
            return Bcrypt.matches(plain, hash == null ? DUMMY : hash) && hash != null;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
