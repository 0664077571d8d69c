package cn.gov.exam.change.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signatures: {@code v1,base64(HMAC-SHA256(secret, "id.timestamp.body"))}, the
 * secret being the base64 after {@code whsec_}. Several signatures are separated by spaces.
 */
public final class WebhookSigner {
    public static final String PREFIX = "whsec_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSigner() {}

    public static String newSecret() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    public static String sign(String secret, String messageId, long timestamp, String body) {
        return sign(secret, messageId, timestamp, body.getBytes(StandardCharsets.UTF_8));
    }

    /** Over the body's bytes as they travel: a callback is verified before anything decodes it. */
    public static String sign(String secret, String messageId, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(secret), "HmacSHA256"));
            mac.update((messageId + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The header value: one signature per secret, e.g. the current and the previous during rotation. */
    public static String header(List<String> secrets, String messageId, long timestamp, String body) {
        return String.join(
                " ",
                secrets.stream().map(s -> sign(s, messageId, timestamp, body)).toList());
    }

    /** True when any v1 signature of the header is the one of any secret; compared in constant time. */
    public static boolean verify(List<String> secrets, String header, String messageId, long timestamp, String body) {
        return verify(secrets, header, messageId, timestamp, body.getBytes(StandardCharsets.UTF_8));
    }

    public static boolean verify(List<String> secrets, String header, String messageId, long timestamp, byte[] body) {
        if (header == null) {
            return false;
        }
        boolean ok = false;
        for (String secret : secrets) {
            byte[] expected = sign(secret, messageId, timestamp, body).getBytes(StandardCharsets.US_ASCII);
            for (String candidate : header.trim().split(" +")) {
                ok |= MessageDigest.isEqual(expected, candidate.getBytes(StandardCharsets.US_ASCII));
            }
        }
        return ok;
    }

    private static byte[] key(String secret) {
        String s = secret.startsWith(PREFIX) ? secret.substring(PREFIX.length()) : secret;
        return Base64.getDecoder().decode(s);
    }
}
