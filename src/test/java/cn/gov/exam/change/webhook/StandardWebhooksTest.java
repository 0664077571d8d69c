package cn.gov.exam.change.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The signing scheme against the Standard Webhooks specification's published example. */
class StandardWebhooksTest {
    // From the Standard Webhooks specification (and the Svix libraries' tests).
    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    static final long TIMESTAMP = 1614265330L;
    static final String BODY = "{\"test\": 2432232314}";
    static final String EXPECTED = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    @Test
    void signsTheSpecificationsExample() {
        assertEquals(EXPECTED, WebhookSigner.sign(SECRET, ID, TIMESTAMP, BODY));
        assertEquals(EXPECTED, IndependentVerifier.signature(SECRET, ID, TIMESTAMP, BODY));
    }

    @Test
    void verifiesAnyOfSeveralSignaturesAndNothingElse() {
        String other = WebhookSigner.newSecret();
        String header = WebhookSigner.header(List.of(other, SECRET), ID, TIMESTAMP, BODY);
        assertEquals(2, header.split(" ").length);
        assertTrue(WebhookSigner.verify(List.of(SECRET), header, ID, TIMESTAMP, BODY));
        assertTrue(IndependentVerifier.verify(SECRET, header, ID, TIMESTAMP, BODY));
        assertFalse(WebhookSigner.verify(List.of(SECRET), header, ID, TIMESTAMP + 1, BODY));
        assertFalse(WebhookSigner.verify(List.of(SECRET), EXPECTED, ID, TIMESTAMP, BODY + " "));
        assertFalse(WebhookSigner.verify(List.of(WebhookSigner.newSecret()), EXPECTED, ID, TIMESTAMP, BODY));
        assertFalse(WebhookSigner.verify(List.of(SECRET), null, ID, TIMESTAMP, BODY));
        assertTrue(WebhookSigner.newSecret().startsWith("whsec_"));
    }

    /** A verifier written from the specification alone, as a payment system would. */
    static final class IndependentVerifier {
        static String signature(String secret, String id, long ts, String body) {
            try {
                byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(key, "HmacSHA256"));
                return "v1,"
                        + Base64.getEncoder()
                                .encodeToString(
                                        mac.doFinal((id + "." + ts + "." + body).getBytes(StandardCharsets.UTF_8)));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        static boolean verify(String secret, String header, String id, long ts, String body) {
            String expected = signature(secret, id, ts, body);
            for (String part : header.split(" ")) {
                if (part.equals(expected)) {
                    return true;
                }
            }
            return false;
        }
    }
}
