package cn.gov.exam.change.common.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The password check against hashes made by libxcrypt's crypt(3) (Python's crypt module), the reference. */
class PasswordsTest {
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "Demo@2023|$2a$04$Jj3ujzh5hOhX62OZ6wmDuOIVyimAr7QNKX7kfe/FpX.x.2Gu1qB3C",
                "Demo@2023|$2b$04$/0Fo.EfJ/ek2V.mqKp6huObI6wwXW3mYtTC3KA1WysLCaG7nyKWLS",
                "Demo@2023|$2y$04$nkuB0HCh9wJmSrByr6TbzuKb5W5aQn7X5c0vyczil7bV7qEmcjIoC",
                "考生密码Ab1!|$2b$04$pSSf9eAjY7rRvoUUd2SqkuFUsN2qf4S2FUtD1dq76eEHgOdEAnI0C",
                "Demo@2023|$2a$10$nnOFCrQ2xm..izvF4D3e6OKcYK1HyQ4VgQoM9HYO/ymFkIbEcQgHq",
            })
    void everyBcryptVersionOfOtherSystemsMatches(String password, String hash) {
        assertTrue(Passwords.isBcryptHash(hash));
        assertTrue(Passwords.matches(password, hash));
        assertFalse(Passwords.matches(password + "!", hash));
        assertFalse(Passwords.matches(password.substring(1), hash));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "$2a$10$nnOFCrQ2xm..izvF4D3e6OKcYK1HyQ4VgQoM9HYO/ymFkIbEcQgH", // 59 characters
                "$2a$10$nnOFCrQ2xm..izvF4D3e6OKcYK1HyQ4VgQoM9HYO/ymFkIbEcQgHqq", // 61
                "$2x$10$nnOFCrQ2xm..izvF4D3e6OKcYK1HyQ4VgQoM9HYO/ymFkIbEcQgHq", // no such version
                "$1a$10$nnOFCrQ2xm..izvF4D3e6OKcYK1HyQ4VgQoM9HYO/ymFkIbEcQgHq",
                "$2a$1x$nnOFCrQ2xm..izvF4D3e6OKcYK1HyQ4VgQoM9HYO/ymFkIbEcQgHq", // cost not two digits
                "$2a$\u0661\u0660$nnOFCrQ2xm..izvF4D3e6OKcYK1HyQ4VgQoM9HYO/ymFkIbEcQgHq", // Arabic-Indic digits
                "$2a$10#nnOFCrQ2xm..izvF4D3e6OKcYK1HyQ4VgQoM9HYO/ymFkIbEcQgHq",
                "$2a$10$nnOFCrQ2xm..izvF4D3e6OKcYK1HyQ4VgQoM9HYO+ymFkIbEcQgHq", // + is base64's, not bcrypt's
                "$2a$10$nnOFCrQ2xm..izvF4D3e6OKcYK1HyQ4VgQoM9HYO/ymFkIbEcQgH=",
                "$2a$10$nnOFCrQ2xm..izvF4D3e6OKcYK1HyQ4VgQoM9HYO/ymFkIbEcQgH\u00e9",
            })
    void onlyTheShapeOfABcryptHashIsTakenForOne(String value) {
        assertFalse(Passwords.isBcryptHash(value), value);
        assertFalse(Passwords.isBcryptHash(null));
    }

    @Test
    void onlyTheFirst72BytesCountAsInEveryBcrypt() {
        String hash = "$2a$04$MYIZBE9VzCpVchDBwMGrn./eLUBeH4DXh2YgK8pUQDab3vkPTXegu";
        assertTrue(Passwords.matches("x".repeat(80), hash));
        assertTrue(Passwords.matches("x".repeat(72) + "anything", hash));
        assertFalse(Passwords.matches("x".repeat(71), hash));
    }

    @Test
    void theEmptyPasswordHasAHashToo() {
        String hash = "$2b$04$A9pbFtb1JmRcDxpJQVXrx.RBG6xkAmPtB2RdbYFv8Hp3tTwVHuwym";
        assertTrue(Passwords.matches("", hash));
        assertFalse(Passwords.matches(" ", hash));
    }

    @Test
    void ourOwnHashesMatch() {
        String hash = Passwords.hash("Bureau@2023demo");
        assertTrue(Passwords.isBcryptHash(hash));
        assertTrue(Passwords.matches("Bureau@2023demo", hash));
        assertFalse(Passwords.matches("bureau@2023demo", hash));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "Demo@2023",
                "$2x$04$Jj3ujzh5hOhX62OZ6wmDuOIVyimAr7QNKX7kfe/FpX.x.2Gu1qB3C",
                "$2a$03$Jj3ujzh5hOhX62OZ6wmDuOIVyimAr7QNKX7kfe/FpX.x.2Gu1qB3C",
                "$2a$04$Jj3ujzh5hOhX62OZ6wmDuOIVyimAr7QNKX7kfe/FpX.x.2Gu1qB3",
                "$2a$04$Jj3ujzh5hOhX62OZ6wmDuOIVyimAr7QNKX7kfe/FpX.x.2Gu1qB3C=",
                "$2a$04$Jj3ujzh5hOhX62OZ6wmDuOIVyimAr7QNKX7kfe/FpX.x.2Gu1qB3!"
            })
    void whatIsNotABcryptHashNeverMatches(String hash) {
        assertFalse(Passwords.matches("Demo@2023", hash));
    }

    @Test
    void anUnknownAccountNeverMatches() {
        assertFalse(Passwords.matches("no such account", null));
        assertFalse(Passwords.matches(null, "$2a$04$Jj3ujzh5hOhX62OZ6wmDuOIVyimAr7QNKX7kfe/FpX.x.2Gu1qB3C"));
    }

    /**
     * Our use of Bouncy Castle (UTF-8, the 72-byte limit, $2b$) is held to an independent,
     * maintained implementation (at.favre.lib, with libxcrypt's truncation) on random passwords and
     * salts: hashes equal, and checks that take $2a$ alike and refuse a password that differs in its
     * first bytes.
     */
    @Test
    void agreesWithAnIndependentBcryptOnRandomPasswordsAndSalts() {
        BCrypt.Hasher reference =
                BCrypt.with(BCrypt.Version.VERSION_2B, LongPasswordStrategies.truncate(BCrypt.Version.VERSION_2B));
        Random random = new Random(20261202);
        for (int n = 0; n < 300; n++) {
            StringBuilder password = new StringBuilder();
            int length = random.nextInt(90);
            for (int i = 0; i < length; i++) {
                // ASCII, Latin-1, CJK and a surrogate pair: every UTF-8 length
                int kind = random.nextInt(4);
                password.append(
                        switch (kind) {
                            case 0 -> String.valueOf((char) (32 + random.nextInt(95)));
                            case 1 -> String.valueOf((char) (0xa0 + random.nextInt(0x60)));
                            case 2 -> String.valueOf((char) (0x4e00 + random.nextInt(0x5000)));
                            default -> new String(Character.toChars(0x1f600 + random.nextInt(0x40)));
                        });
            }
            byte[] salt = new byte[16];
            random.nextBytes(salt);
            String plain = password.toString();
            String expected = new String(
                    reference.hash(4, salt, plain.getBytes(StandardCharsets.UTF_8)), StandardCharsets.US_ASCII);
            assertEquals(expected, Passwords.hash(plain, 4, salt), () -> "for " + plain);
            assertTrue(Passwords.matches(plain, expected));
            assertTrue(Passwords.matches(plain, "$2a$" + expected.substring(4)));
            // a prefix, since only the first 72 bytes count
            assertFalse(Passwords.matches("x" + plain, expected));
        }
    }

    @Test
    void passwordsOverSeventyTwoBytesStillSignInWithTheHashWeStored() {
        String plain = "考生".repeat(30);
        assertTrue(Passwords.matches(plain, Passwords.hash(plain)));
    }
}
