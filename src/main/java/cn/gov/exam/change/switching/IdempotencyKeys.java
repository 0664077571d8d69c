package cn.gov.exam.change.switching;

import cn.gov.exam.change.common.AppClock;
import cn.gov.exam.change.common.AppConfig;
import cn.gov.exam.change.common.problems.ProblemException;
import cn.gov.exam.change.common.problems.ProblemType;
import cn.gov.exam.change.common.sql.ReactiveSql;
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
 * the applicant and expire. A key is claimed in its own committed transaction, so concurrent
 * requests with it see the claim; the outcome is stored in the transaction of the work itself.
 */
@ApplicationScoped
public class IdempotencyKeys {
    public static final int MAX_KEY_LENGTH = 255;

    @Inject
    ReactiveSql sql;

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

    /**
     * Claims the key for this request; emits a replay when the same request already completed, or
     * null when the request is to be done. Fails with {@code idempotency-key-in-use} or
     * {@code idempotency-key-reused} as the draft says.
     */
    public Uni<Replay> claim(long registrationId, String key, String requestHash) {
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            return Uni.createFrom()
                    .failure(ProblemException.invalid(
                            "Idempotency-Key", "must be 1 to " + MAX_KEY_LENGTH + " characters"));
        }
        OffsetDateTime now = clock.now().atOffset(ZoneOffset.UTC);
        // An expired key goes, and so does a claim left in flight past the in-flight timeout: its
        // request ended without recording how (the database went away before the key could be
        // released). Taking it over is safe: a transaction of that request that is still alive
        // holds the key's row once it has stored its response, so this delete waits for it and
        // then finds the key DONE (read committed re-reads the row), and the response is replayed.
        return sql.withTransaction(conn -> conn.preparedQuery("""
                        delete from idempotency_key where registration_id = $1 and idempotency_key = $2
                        and (expires_at <= $3 or (state = 'IN_FLIGHT' and created_at <= $4))""")
                .execute(Tuple.of(
                        registrationId, key, now, now.minus(config.idempotency().inFlightTimeout())))
                .flatMap(deleted -> conn.preparedQuery("""
                        insert into idempotency_key (registration_id, idempotency_key, request_hash, state,
                                                     created_at, expires_at)
                        values ($1, $2, $3, 'IN_FLIGHT', $4, $5) on conflict do nothing""")
                        .execute(Tuple.of(
                                registrationId,
                                key,
                                requestHash,
                                now,
                                now.plus(config.idempotency().keyLifetime()))))
                .flatMap(inserted -> inserted.rowCount() == 1
                        ? Uni.createFrom().nullItem()
                        : conn.preparedQuery("""
                                select request_hash, state, response_status, response_body from idempotency_key
                                where registration_id = $1 and idempotency_key = $2""")
                                .execute(Tuple.of(registrationId, key))
                                .map(rows -> replay(rows, requestHash))));
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

    /** Releases the key of a request that failed, so that a retry is judged afresh. */
    public Uni<Void> release(long registrationId, String key) {
        // Through withConnection, not the pool's own execute: that one's wait for a connection
        // leaves a timer behind when connecting fails, which logs "Result is already complete"
        // (eclipse-vertx/vertx-sql-client#1706) for every such failure during an outage.
        return sql.withConnection(conn -> conn.preparedQuery("""
                        delete from idempotency_key where registration_id = $1 and idempotency_key = $2
                        and state = 'IN_FLIGHT'""").execute(Tuple.of(registrationId, key)))
                .replaceWithVoid();
    }
}
