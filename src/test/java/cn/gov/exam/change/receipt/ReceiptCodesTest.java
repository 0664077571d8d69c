package cn.gov.exam.change.receipt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The codes themselves: alphabet, format, randomness and what the check character catches. */
class ReceiptCodesTest {
    @Test
    void theAlphabetHas31CharactersAndNoLookAlikes() {
        String a = ReceiptCodes.ALPHABET;
        assertEquals(31, a.length());
        assertEquals(31, a.chars().distinct().count());
        for (char c : "0O1IL".toCharArray()) {
            assertFalse(a.indexOf(c) >= 0, c + " is in the alphabet");
        }
        assertTrue(a.chars().allMatch(c -> (c >= '2' && c <= '9') || (c >= 'A' && c <= 'Z')));
    }

    @Test
    void aCodeIs16CharactersOfTheAlphabetShownIn4GroupsOf4() {
        String code = ReceiptCodes.generate();
        assertEquals(16, code.length());
        assertTrue(code.chars().allMatch(c -> ReceiptCodes.ALPHABET.indexOf(c) >= 0), code);
        assertTrue(ReceiptCodes.display(code).matches("([2-9A-HJKMNP-Z]{4}-){3}[2-9A-HJKMNP-Z]{4}"));
        // What people type: lower case, spaces or no dashes, all read the same.
        String shown = ReceiptCodes.display(code);
        assertEquals(Optional.of(code), ReceiptCodes.parse(shown));
        assertEquals(
                Optional.of(code), ReceiptCodes.parse(" " + shown.toLowerCase().replace('-', ' ') + " "));
        assertEquals(Optional.of(code), ReceiptCodes.parse(code));
    }

    /**
     * 15 characters drawn uniformly from 31: log2(31^15) ≈ 74.3 bits. Measured on 31,000 codes:
     * every character of every random position appears about as often as the others (a chi-square
     * test per position), no code repeats, and the check character is not constant.
     */
    @Test
    void theRandomCharactersAreUniformAndCodesDoNotRepeat() {
        double bits = ReceiptCodes.RANDOM_CHARS * Math.log(ReceiptCodes.ALPHABET.length()) / Math.log(2);
        assertEquals(74.3, bits, 0.05);
        int n = 31_000;
        int[][] counts = new int[ReceiptCodes.LENGTH][31];
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < n; i++) {
            String code = ReceiptCodes.generate();
            assertTrue(seen.add(code), "repeated: " + code);
            for (int p = 0; p < ReceiptCodes.LENGTH; p++) {
                counts[p][ReceiptCodes.ALPHABET.indexOf(code.charAt(p))]++;
            }
        }
        double expected = n / 31.0;
        for (int p = 0; p < ReceiptCodes.LENGTH; p++) {
            double chi = 0;
            for (int c = 0; c < 31; c++) {
                chi += Math.pow(counts[p][c] - expected, 2) / expected;
            }
            // 30 degrees of freedom: above 70 happens by chance about once in 10^5 runs.
            assertTrue(chi < 70, "position " + p + " is not uniform: chi-square " + chi);
        }
    }

    @Test
    void theCheckCharacterCatchesEverySingleMistypeAndEverySwap() {
        for (int round = 0; round < 200; round++) {
            String code = ReceiptCodes.generate();
            for (int p = 0; p < ReceiptCodes.LENGTH; p++) {
                for (char c : ReceiptCodes.ALPHABET.toCharArray()) {
                    if (c != code.charAt(p)) {
                        String typo = code.substring(0, p) + c + code.substring(p + 1);
                        assertEquals(Optional.empty(), ReceiptCodes.parse(typo), code + " → " + typo);
                    }
                }
            }
            for (int i = 0; i < ReceiptCodes.LENGTH; i++) {
                for (int j = i + 1; j < ReceiptCodes.LENGTH; j++) {
                    if (code.charAt(i) != code.charAt(j)) {
                        char[] swapped = code.toCharArray();
                        swapped[i] = code.charAt(j);
                        swapped[j] = code.charAt(i);
                        assertEquals(Optional.empty(), ReceiptCodes.parse(new String(swapped)));
                    }
                }
            }
        }
    }

    @Test
    void notACodeAtAll() {
        String code = ReceiptCodes.generate();
        assertEquals(Optional.empty(), ReceiptCodes.parse(code.substring(0, 15)));
        assertEquals(Optional.empty(), ReceiptCodes.parse(code + "2"));
        assertEquals(Optional.empty(), ReceiptCodes.parse("O" + code.substring(1)));
        assertEquals(Optional.empty(), ReceiptCodes.parse(null));
        assertEquals(Optional.empty(), ReceiptCodes.parse(""));
    }

    @Test
    void namesAreMaskedAfterTheirFirstCharacter() {
        assertEquals("张*", ReceiptReads.maskName("张三"));
        assertEquals("欧***", ReceiptReads.maskName("欧阳娜娜"));
        assertEquals("王*", ReceiptReads.maskName("王"));
    }
}
