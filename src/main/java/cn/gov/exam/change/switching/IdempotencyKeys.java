package cn.gov.exam.change.switching;

import cn.gov.exam.change.common.AppClock;
import cn.gov.exam.change.common.AppConfig;
import cn.gov.exam.change.common.ProblemException;
import cn.gov.exam.change.common.ProblemType;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * Idempotency-Key for applicant requests (IETF httpapi-idempotency-key-header): keys are scoped to
 * the applicant and expire. A key is claimed in its own committed transaction, so concurrent
 * requests with it see the claim; the outcome is stored in the transaction of the work itself.
 */
@ApplicationScoped
public class IdempotencyKeys {
    public static final int MAX_KEY_LENGTH = 255;

    @Inject
    EntityManager em;
    @Inject
    AppClock clock;
    @Inject
    AppConfig config;

    /** A stored response to replay. */
    public record Replay(int status, String body) {
    }

    public static String hash(String requestBody) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(requestBody.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Claims the key for this request; returns a replay when the same request already completed.
     * Throws {@code idempotency-key-in-use} or {@code idempotency-key-reused} as the draft says.
     */
    public Replay claim(long registrationId, String key, String requestHash) {
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            throw ProblemException.invalid("Idempotency-Key", "must be 1 to " + MAX_KEY_LENGTH + " characters");
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            Instant now = clock.now();
            em.createNativeQuery("delete from idempotency_key where registration_id = ?1 and idempotency_key = ?2 "
                            + "and expires_at <= ?3")
                    .setParameter(1, registrationId).setParameter(2, key).setParameter(3, now).executeUpdate();
            int inserted = em.createNativeQuery("""
                            insert into idempotency_key (registration_id, idempotency_key, request_hash, state,
                                                         created_at, expires_at)
                            values (?1, ?2, ?3, 'IN_FLIGHT', ?4, ?5) on conflict do nothing""")
                    .setParameter(1, registrationId).setParameter(2, key).setParameter(3, requestHash)
                    .setParameter(4, now).setParameter(5, now.plus(config.idempotency().keyLifetime()))
                    .executeUpdate();
            if (inserted == 1) {
                return null;
            }
            @SuppressWarnings("unchecked")
            List<Tuple> rows = em.createNativeQuery("""
                            select request_hash, state, response_status, response_body from idempotency_key
                            where registration_id = ?1 and idempotency_key = ?2""", Tuple.class)
                    .setParameter(1, registrationId).setParameter(2, key).getResultList();
            if (rows.isEmpty()) {
                // Released between our insert and select: the caller may retry at once.
                throw new ProblemException(ProblemType.IDEMPOTENCY_KEY_IN_USE,
                        "A request with this Idempotency-Key was just in progress; retry");
            }
            Tuple t = rows.get(0);
            if ("IN_FLIGHT".equals(t.get("state"))) {
                throw new ProblemException(ProblemType.IDEMPOTENCY_KEY_IN_USE,
                        "A request with this Idempotency-Key is still in progress");
            }
            if (!requestHash.equals(t.get("request_hash"))) {
                throw new ProblemException(ProblemType.IDEMPOTENCY_KEY_REUSED,
                        "This Idempotency-Key was used with a different request");
            }
            return new Replay(((Number) t.get("response_status")).intValue(), (String) t.get("response_body"));
        });
    }

    /** Stores the response, in the transaction that did the work. */
    public void complete(Connection conn, long registrationId, String key, int status, String body) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("""
                update idempotency_key set state = 'DONE', response_status = ?, response_body = ?
                where registration_id = ? and idempotency_key = ?""")) {
            ps.setInt(1, status);
            ps.setString(2, body);
            ps.setLong(3, registrationId);
            ps.setString(4, key);
            ps.executeUpdate();
        }
    }

    /** Releases the key of a request that failed, so that a retry is judged afresh. */
    public void release(long registrationId, String key) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                        "delete from idempotency_key where registration_id = ?1 and idempotency_key = ?2 "
                                + "and state = 'IN_FLIGHT'")
                .setParameter(1, registrationId).setParameter(2, key).executeUpdate());
    }
}
