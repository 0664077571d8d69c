package cn.gov.exam.change.common.http;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * What every input must satisfy before it reaches a query: PostgreSQL rejects NUL in text and
 * instants outside its timestamptz range, and those rejections used to surface as 500s. The
 * request target ({@link RequestChecks}), JSON bodies ({@link JsonInputRules}) and import rows
 * all ask here.
 */
public final class InputRules {
    public static final String UNSAFE_TEXT = "must not contain control characters or invalid Unicode";
    /** Four-digit years: what clients can mean, and well inside PostgreSQL's timestamptz range. */
    public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");
    public static final String INSTANT_RANGE = "must be between the years 0001 and 9999";

    private InputRules() {}

    /**
     * True when free text holds a character no field may hold: C0 controls other than tab, line
     * feed and carriage return (NUL above all), DEL, or half of a surrogate pair.
     */
    public static boolean unsafeText(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20) {
                if (c != '\t' && c != '\n' && c != '\r') {
                    return true;
                }
            } else if (c == 0x7f) {
                return true;
            } else if (Character.isHighSurrogate(c)) {
                if (i + 1 == s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return true;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    public static boolean storable(Instant instant) {
        return !instant.isBefore(EARLIEST) && !instant.isAfter(LATEST);
    }

    /**
     * Null when the raw request target (path and query, percent-encoded) is acceptable, else why
     * not: no control character at all, raw or percent-encoded, and percent-encoded bytes must be
     * UTF-8.
     */
    public static String targetProblem(String rawTarget) {
        int i = 0;
        int n = rawTarget.length();
        while (i < n) {
            char c = rawTarget.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return "The address holds a control character";
            }
            if (c != '%') {
                i++;
                continue;
            }
            // A run of percent-encoded bytes decodes as one UTF-8 sequence.
            int start = i;
            while (i + 2 < n
                    && rawTarget.charAt(i) == '%'
                    && hex(rawTarget.charAt(i + 1)) >= 0
                    && hex(rawTarget.charAt(i + 2)) >= 0) {
                i += 3;
            }
            if (i == start) {
                return "The address holds a % that is not followed by two hex digits";
            }
            byte[] bytes = new byte[(i - start) / 3];
            for (int b = 0; b < bytes.length; b++) {
                int at = start + 3 * b;
                bytes[b] = (byte) (hex(rawTarget.charAt(at + 1)) << 4 | hex(rawTarget.charAt(at + 2)));
            }
            String decoded;
            try {
                decoded = StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes))
                        .toString();
            } catch (CharacterCodingException e) {
                return "The address holds percent-encoded bytes that are not UTF-8";
            }
            for (int k = 0; k < decoded.length(); k++) {
                char d = decoded.charAt(k);
                if (d < 0x20 || d == 0x7f) {
                    return "The address holds a control character";
                }
            }
        }
        return null;
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}
