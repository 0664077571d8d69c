package cn.gov.exam.change.switching;

import cn.gov.exam.change.common.AppClock;
import cn.gov.exam.change.common.AppConfig;
import cn.gov.exam.change.common.problems.ProblemException;
import cn.gov.exam.change.common.problems.ProblemType;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;

/**
 * Idempotency-Key for applicant requests (IETF httpapi-idempotency-key-header): keys are scoped to
 * the applicant and expire. A key is claimed and its outcome stored in the transaction of the work
 * itself, so a retry reads the truth: the stored response if the work committed, a fresh decision
 * if it did not.
 */
@ApplicationScoped
public class IdempotencyKeys {
    public static final int MAX_KEY_LENGTH = 255;

    @Inject
    AppClock clock;

    @Inject
    AppConfig config;

    /** A stored response to replay. */
    public record Replay(int status, String body) {}

    public static String hash(String requestBody) {
        try {
            return HexFormat.of()
                    .formatHex(
                            MessageDigest.getInstance("SHA-256").digest(requestBody.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Refuses a key the draft would not accept, before any work. */
    public static void validate(String key) {
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            throw ProblemException.invalid("Idempotency-Key", "must be 1 to " + MAX_KEY_LENGTH + " characters");
        }
    }

    /**
     * Claims the key in the caller's transaction, its statements pipelined with whatever the caller
     * sends beside them: emits a replay when the same request already completed, or null when the
     * request is to be done. A concurrent request with the key waits on this uncommitted claim and
     * then replays the response stored with it, or, if this transaction rolls back, claims the key
     * itself and is judged afresh: a failed request leaves nothing to release. Fails with
     * {@code idempotency-key-reused}, or {@code idempotency-key-in-use} for a claim committed
     * IN_FLIGHT by an earlier version of the service (which claimed in a transaction of its own).
     */
    public Uni<Replay> claim(SqlConnection conn, long registrationId, String key, String requestHash) {
        OffsetDateTime now = clock.now().atOffset(ZoneOffset.UTC);
        // An expired key goes, and so does a claim left IN_FLIGHT past the in-flight timeout. Taking
        // that over is safe: a transaction of its request that is still alive holds the key's row once
        // it has stored its response, so this delete waits for it, then finds the key DONE (read
        // committed re-reads the row) and leaves it, and the response is replayed.
        Uni<RowSet<Row>> expired = conn.preparedQuery("""
                        delete from idempotency_key where registration_id = $1 and idempotency_key = $2
                        and (expires_at <= $3 or (state = 'IN_FLIGHT' and created_at <= $4))""")
                .execute(Tuple.of(
                        registrationId, key, now, now.minus(config.idempotency().inFlightTimeout())));
        Uni<RowSet<Row>> inserted = conn.preparedQuery("""
                        insert into idempotency_key (registration_id, idempotency_key, request_hash, state,
                                                     created_at, expires_at)
                        values ($1, $2, $3, 'IN_FLIGHT', $4, $5) on conflict do nothing""")
                .execute(Tuple.of(
                        registrationId,
                        key,
                        requestHash,
                        now,
                        now.plus(config.idempotency().keyLifetime())));
        // Sent with the insert, read only when it found the key taken: a statement of its own, so
        // that it sees the response the other request committed while the insert waited for it.
        Uni<RowSet<Row>> existing = conn.preparedQuery("""
                        select request_hash, state, response_status, response_body from idempotency_key
                        where registration_id = $1 and idempotency_key = $2""").execute(Tuple.of(registrationId, key));
        return Uni.combine()
                .all()
                .unis(expired, inserted, existing)
                .with((d, i, rows) -> i.rowCount() == 1 ? null : replay(rows, requestHash));
    }

    private static Replay replay(RowSet<Row> rows, String requestHash) {
        if (rows.size() == 0) {
            // Released between our insert and select: the caller may retry at once.
            throw new ProblemException(
                    ProblemType.IDEMPOTENCY_KEY_IN_USE,
                    "A request with this Idempotency-Key was just in progress; retry");
        }
        Row row = rows.iterator().next();
        if ("IN_FLIGHT".equals(row.getString("state"))) {
            throw new ProblemException(
                    ProblemType.IDEMPOTENCY_KEY_IN_USE, "A request with this Idempotency-Key is still in progress");
        }
        if (!requestHash.equals(row.getString("request_hash"))) {
            throw new ProblemException(
                    ProblemType.IDEMPOTENCY_KEY_REUSED, "This Idempotency-Key was used with a different request");
        }
        return new Replay(row.getInteger("response_status"), row.getString("response_body"));
    }

    /** Stores the response, in the transaction that did the work. */
    public Uni<Void> complete(SqlConnection conn, long registrationId, String key, int status, String body) {
        return conn.preparedQuery("""
                        update idempotency_key set state = 'DONE', response_status = $1, response_body = $2
                        where registration_id = $3 and idempotency_key = $4""")
                .execute(Tuple.of(status, body, registrationId, key))
                .replaceWithVoid();
    }
}
