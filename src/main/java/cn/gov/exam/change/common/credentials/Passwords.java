package cn.gov.exam.change.common.credentials;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * bcrypt, the hash the registration system exports and the one we store ({@code $2b$}, cost 10),
 * through a maintained library (at.favre.lib's bcrypt). It also takes the {@code $2a$} and
 * {@code $2y$} of other systems' exports. Passwords are UTF-8 and, as in libxcrypt's crypt(3), only
 * their first 72 bytes count: the library's default would refuse longer ones, which other systems
 * accepted and hashed.
 */
public final class Passwords {
    private static final int COST = 10;
    private static final BCrypt.Version VERSION = BCrypt.Version.VERSION_2B;
    private static final BCrypt.Hasher HASHER = BCrypt.with(VERSION, LongPasswordStrategies.truncate(VERSION));
    private static final BCrypt.Verifyer VERIFYER = BCrypt.verifyer(VERSION, LongPasswordStrategies.truncate(VERSION));
    private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]\\$\\d{2}\\$[./A-Za-z0-9]{53}");
    /** Compared against when an account does not exist, so that timing does not tell. */
    private static final String DUMMY = hash("no such account");

    private Passwords() {}

    public static String hash(String plain) {
        return new String(HASHER.hash(COST, utf8(plain)), StandardCharsets.US_ASCII);
    }

    /** With a given cost and salt: for tests that compare with other implementations. */
    static String hash(String plain, int cost, byte[] salt) {
        return new String(HASHER.hash(cost, salt, utf8(plain)), StandardCharsets.US_ASCII);
    }

    public static boolean isBcryptHash(String value) {
        return value != null && BCRYPT.matcher(value).matches();
    }

    /** Whether the password matches the hash; a null hash (no such account) is checked against a dummy. */
    public static boolean matches(String plain, String hash) {
        if (plain == null) {
            return false;
        }
        String against = hash == null ? DUMMY : hash;
        if (!isBcryptHash(against)) {
            return false;
        }
        try {
            return VERIFYER.verify(utf8(plain), against.getBytes(StandardCharsets.US_ASCII)).verified && hash != null;
        } catch (RuntimeException e) { // a cost out of range, a salt that is not bcrypt's base64
            return false;
        }
    }

    private static byte[] utf8(String plain) {
        return plain.getBytes(StandardCharsets.UTF_8);
    }
}
