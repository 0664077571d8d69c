package cn.gov.exam.change.common.credentials;

import java.security.SecureRandom;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * bcrypt, the hash the registration system exports and the one we store ({@code $2b$}, cost 10),
 * through a maintained library, Bouncy Castle's OpenBSDBCrypt. It also takes the {@code $2a$} and
 * {@code $2y$} of other systems' exports. Passwords are UTF-8 and, as in libxcrypt's crypt(3) and
 * OpenBSD's, only their first 72 bytes count.
 */
public final class Passwords {
    private static final int COST = 10;
    private static final String VERSION = "2b";
    private static final SecureRandom SALTS = new SecureRandom();
    /** bcrypt's alphabet for the salt and hash: 53 characters after {@code $2b$10$}. */
    private static final String BCRYPT_BASE64 = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    /** Compared against when an account does not exist, so that timing does not tell. */
    private static final String DUMMY = hash("no such account");

    private Passwords() {}

    public static String hash(String plain) {
        byte[] salt = new byte[16];
        SALTS.nextBytes(salt);
        return hash(plain, COST, salt);
    }

    /** With a given cost and salt: for tests that compare with other implementations. */
    static String hash(String plain, int cost, byte[] salt) {
        return OpenBSDBCrypt.generate(VERSION, plain.toCharArray(), salt, cost);
    }

    /**
     * {@code $2a$}, {@code $2b$} or {@code $2y$}, two digits of cost, {@code $}, then 53 characters
     * of bcrypt's alphabet. Read by hand: an import checks millions, and the regular expression was
     * an eighth of its parsing time.
     */
    public static boolean isBcryptHash(String value) {
        if (value == null
                || value.length() != 60
                || !value.startsWith("$2")
                || "aby".indexOf(value.charAt(2)) < 0
                || value.charAt(3) != '$'
                || !isAsciiDigit(value.charAt(4))
                || !isAsciiDigit(value.charAt(5))
                || value.charAt(6) != '$') {
            return false;
        }
        for (int i = 7; i < 60; i++) {
            if (BCRYPT_BASE64.indexOf(value.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
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
            return OpenBSDBCrypt.checkPassword(against, plain.toCharArray()) && hash != null;
        } catch (RuntimeException e) { // a cost out of range, a salt that is not bcrypt's base64
            return false;
        }
    }
}
