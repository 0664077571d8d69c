package cn.gov.exam.change.receipt;

import java.security.SecureRandom;
import java.util.Optional;

/**
 * Receipt verification codes: 4 groups of 4 characters ({@code 7KQM-3WXD-HR9F-PT2C}) from 31
 * characters without look-alikes (no 0/O, 1/I/L), 15 drawn from {@link SecureRandom} and the last a
 * check character. The check is a weighted sum modulo 31, a prime (the pure system of ISO 7064's
 * kind): with the weights 1…16 the sum of {@code weight × value} over all 16 characters is 0 mod 31.
 * As 31 is prime and the weights are distinct and non-zero mod 31, every single changed character
 * and every swap of two characters (adjacent or not) breaks the sum, so a mistyped code is told
 * apart from an unknown one without asking the database. No I/O and no state.
 */
public final class ReceiptCodes {
    /** Digits 2–9 and the letters without I, L and O: 31 characters, as printed and as typed. */
    public static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    /** Characters drawn at random: 15 × log2(31) ≈ 74.3 bits. */
    public static final int RANDOM_CHARS = 15;

    public static final int LENGTH = RANDOM_CHARS + 1;

    private static final int N = ALPHABET.length();
    private static final SecureRandom RANDOM = new SecureRandom();

    private ReceiptCodes() {}

    /** A new code, stored as its 16 characters without dashes. */
    public static String generate() {
        return generate(RANDOM);
    }

    static String generate(SecureRandom random) {
        char[] code = new char[LENGTH];
        for (int i = 0; i < RANDOM_CHARS; i++) {
            code[i] = ALPHABET.charAt(random.nextInt(N));
        }
        code[RANDOM_CHARS] = checkChar(new String(code, 0, RANDOM_CHARS));
        return new String(code);
    }

    /** The check character that makes the weighted sum of the 15 characters and it 0 mod 31. */
    static char checkChar(String first15) {
        int sum = 0;
        for (int i = 0; i < RANDOM_CHARS; i++) {
            sum += (i + 1) * ALPHABET.indexOf(first15.charAt(i));
        }
        // check × 16 ≡ −sum (mod 31); 2 is the inverse of 16 mod 31 (16 × 2 = 32 ≡ 1).
        int check = Math.floorMod(-sum * 2, N);
        return ALPHABET.charAt(check);
    }

    /** Whether a 16-character code of the alphabet has a sum of 0 mod 31. */
    static boolean checks(String code) {
        int sum = 0;
        for (int i = 0; i < LENGTH; i++) {
            sum += (i + 1) * ALPHABET.indexOf(code.charAt(i));
        }
        return sum % N == 0;
    }

    /**
     * The stored form of what a person typed (case, spaces and dashes ignored), or empty when it is
     * not a code: wrong length, a character outside the alphabet, or a failing check character.
     */
    public static Optional<String> parse(String typed) {
        if (typed == null || typed.length() > 64) {
            return Optional.empty();
        }
        String code = typed.replaceAll("[\\s\\-]", "").toUpperCase(java.util.Locale.ROOT);
        if (code.length() != LENGTH) {
            return Optional.empty();
        }
        for (int i = 0; i < LENGTH; i++) {
            if (ALPHABET.indexOf(code.charAt(i)) < 0) {
                return Optional.empty();
            }
        }
        return checks(code) ? Optional.of(code) : Optional.empty();
    }

    /** As printed and shown: {@code XXXX-XXXX-XXXX-XXXX}. */
    public static String display(String code) {
        return code.substring(0, 4) + "-" + code.substring(4, 8) + "-" + code.substring(8, 12) + "-"
                + code.substring(12, 16);
    }
}
