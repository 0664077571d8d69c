package cn.gov.exam.change.webhook;

import cn.gov.exam.change.audit.AuditService;
import cn.gov.exam.change.common.AppConfig;
import cn.gov.exam.change.common.sql.Jdbc;
import cn.gov.exam.change.webhook.WebhookCaller.Outcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The dispatcher's SQL on the webhook tables: claiming due deliveries with their attempts in one
 * statement ({@code FOR UPDATE SKIP LOCKED} and a lease), and recording a round's outcomes in a few
 * statements whatever its size. Each method runs in its caller's transaction.
 */
@ApplicationScoped
public class DeliveryStore {
    @Inject
    EntityManager em;

    @Inject
    Jdbc jdbc;

    @Inject
    AppConfig config;

    @Inject
    AuditService audit;

    @Inject
    DeliveryOutcomes outcomes;

    /** A claimed delivery: its attempt, and where and what to send. */
    record Claim(
            long deliveryId,
            int attempt,
            long subscriptionId,
            String peer,
            String url,
            List<String> secrets,
            String messageId,
            String payload,
            Long refundId,
            Long notificationId) {
        boolean isRefund() {
            return refundId != null;
        }
    }

    private static final String CLAIM = """
            with due as (
                select d.id, s.id as subscription_id, k.peer
                from webhook_delivery d
                join webhook_subscription s on s.enabled and d.channel = any(s.channels)
                cross join lateral (select s.id::text || '@'
                                    || floor(extract(epoch from s.updated_at) * 1000000)::bigint::text as peer) k
                where d.status = 'PENDING' and d.next_attempt_at <= ?
                  and (d.claimed_until is null or d.claimed_until <= ?)
                  and k.peer <> all(?)
                order by d.next_attempt_at, d.id
                limit ?
                for update of d skip locked
            ), claimed as (
                update webhook_delivery d set attempts_total = d.attempts_total + 1, claimed_by = ?, claimed_until = ?,
                    subscription_id = due.subscription_id, updated_at = ?
                from due where d.id = due.id
                returning d.id, d.attempts_total, d.subscription_id, due.peer, d.message_id, d.payload, d.refund_id,
                          d.notification_id
            ), logged as (
                insert into webhook_attempt (delivery_id, attempt, subscription_id, dispatcher, started_at)
                select id, attempts_total, subscription_id, ?, ? from claimed
            )
            select * from claimed order by id""";

    /**
     * Claims up to {@code limit} due deliveries whose subscription is not one of the {@code paused}
     * peers, each for the subscription covering its channel now (whichever was tried before), and
     * logs their attempts.
     */
    List<Claim> claim(String dispatcher, int limit, String[] paused, Instant now) {
        List<Object[]> rows = new ArrayList<>();
        jdbc.run(conn -> {
            try (PreparedStatement ps = conn.prepareStatement(CLAIM)) {
                Timestamp at = Timestamp.from(now);
                ps.setTimestamp(1, at);
                ps.setTimestamp(2, at);
                ps.setArray(3, conn.createArrayOf("text", paused));
                ps.setInt(4, limit);
                ps.setString(5, dispatcher);
                ps.setTimestamp(6, Timestamp.from(now.plus(config.webhooks().lease())));
                ps.setTimestamp(7, at);
                ps.setString(8, dispatcher);
                ps.setTimestamp(9, at);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new Object[] {
                            rs.getLong(1),
                            rs.getInt(2),
                            rs.getLong(3),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getString(6),
                            (Long) rs.getObject(7),
                            (Long) rs.getObject(8)
                        });
                    }
                }
            }
        });
        if (rows.isEmpty()) {
            return List.of();
        }
        List<Long> refundIds = rows.stream()
                .map(r -> (Long) r[6])
                .filter(java.util.Objects::nonNull)
                .distinct()
                .toList();
        Set<Long> settled = refundIds.isEmpty() ? Set.of() : outcomes.settled(refundIds);
        Map<Long, WebhookSubscription> subscriptions = new HashMap<>();
        List<Claim> claims = new ArrayList<>();
        List<Claim> done = new ArrayList<>();
        for (Object[] r : rows) {
            WebhookSubscription s =
                    subscriptions.computeIfAbsent((Long) r[2], id -> em.find(WebhookSubscription.class, id));
            Claim c = new Claim(
                    (Long) r[0],
                    (Integer) r[1],
                    s.id,
                    (String) r[3],
                    s.url,
                    s.activeSecrets(now),
                    (String) r[4],
                    (String) r[5],
                    (Long) r[6],
                    (Long) r[7]);
            (c.isRefund() && settled.contains(c.refundId()) ? done : claims).add(c);
        }
        if (!done.isEmpty()) {
            // The refund's outcome is known (as earlier versions could leave it): nothing to send.
            unclaim(done, "DELIVERED", dispatcher, now);
        }
        return claims;
    }

    /** Writes the calls' durations, status codes and errors into their attempts' log. */
    void logAttempts(List<Claim> sent, List<Outcome> results) {
        jdbc.run(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("""
                    update webhook_attempt a set duration_ms = v.ms, status_code = v.code, error = v.err
                    from unnest(?::bigint[], ?::int[], ?::int[], ?::int[], ?::text[]) as v(id, attempt, ms, code, err)
                    where a.delivery_id = v.id and a.attempt = v.attempt""")) {
                ps.setArray(
                        1,
                        conn.createArrayOf(
                                "bigint", sent.stream().map(Claim::deliveryId).toArray()));
                ps.setArray(
                        2,
                        conn.createArrayOf(
                                "int4", sent.stream().map(Claim::attempt).toArray()));
                ps.setArray(
                        3,
                        conn.createArrayOf(
                                "int4",
                                results.stream().map(Outcome::durationMs).toArray()));
                ps.setArray(
                        4,
                        conn.createArrayOf(
                                "int4",
                                results.stream()
                                        .map(o -> o.status() == 0 ? null : o.status())
                                        .toArray()));
                ps.setArray(
                        5,
                        conn.createArrayOf(
                                "text", results.stream().map(Outcome::error).toArray()));
                ps.executeUpdate();
            }
        });
    }

    /** Locks the round's deliveries that are still this dispatcher's; their steps of the schedule used. */
    Map<Long, Integer> stillOurs(List<Claim> sent, String dispatcher) {
        Map<Long, Integer> attemptOf = new HashMap<>();
        sent.forEach(c -> attemptOf.put(c.deliveryId(), c.attempt()));
        Map<Long, Integer> ours = new HashMap<>();
        jdbc.run(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("""
                    select id, attempts, attempts_total from webhook_delivery
                    where id = any(?) and status = 'PENDING' and claimed_by = ? order by id for update""")) {
                ps.setArray(1, conn.createArrayOf("bigint", attemptOf.keySet().toArray()));
                ps.setString(2, dispatcher);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (attemptOf.get(rs.getLong(1)) == rs.getInt(3)) {
                            ours.put(rs.getLong(1), rs.getInt(2));
                        }
                    }
                }
            }
        });
        return ours;
    }

    /** Writes each decided delivery's next state (a null decision: no longer ours, left alone). */
    void updateDeliveries(List<Claim> sent, List<Outcome> results, List<RetryRules.Next> decisions, Instant now) {
        List<Object> ids = new ArrayList<>(),
                statuses = new ArrayList<>(),
                nexts = new ArrayList<>(),
                steps = new ArrayList<>(),
                codes = new ArrayList<>(),
                errors = new ArrayList<>();
        for (int i = 0; i < sent.size(); i++) {
            RetryRules.Next n = decisions.get(i);
            if (n == null) {
                continue;
            }
            Outcome o = results.get(i);
            ids.add(sent.get(i).deliveryId());
            statuses.add(n.status());
            nexts.add(now.plus(n.delay()).toString());
            steps.add(n.steps());
            codes.add(o.status() == 0 ? null : o.status());
            errors.add(o.error());
        }
        if (ids.isEmpty()) {
            return;
        }
        jdbc.run(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("""
                    update webhook_delivery d set status = v.status, next_attempt_at = v.next::timestamptz,
                        attempts = d.attempts + v.steps, claimed_by = null, claimed_until = null,
                        last_status_code = v.code, last_error = v.err, updated_at = ?
                    from unnest(?::bigint[], ?::text[], ?::text[], ?::int[], ?::int[], ?::text[])
                         as v(id, status, next, steps, code, err)
                    where d.id = v.id""")) {
                ps.setTimestamp(1, Timestamp.from(now));
                ps.setArray(2, conn.createArrayOf("bigint", ids.toArray()));
                ps.setArray(3, conn.createArrayOf("text", statuses.toArray()));
                ps.setArray(4, conn.createArrayOf("text", nexts.toArray()));
                ps.setArray(5, conn.createArrayOf("int4", steps.toArray()));
                ps.setArray(6, conn.createArrayOf("int4", codes.toArray()));
                ps.setArray(7, conn.createArrayOf("text", errors.toArray()));
                ps.executeUpdate();
            }
        });
    }

    /**
     * Gives claims back unsent: their attempts are taken out of the log (no call was made) and the
     * delivery is free again, with {@code status} when given (else as it was).
     */
    void unclaim(List<Claim> claims, String status, String dispatcher, Instant now) {
        jdbc.run(conn -> unclaim(conn, claims, status, dispatcher, now));
    }

    private static void unclaim(Connection conn, List<Claim> claims, String status, String dispatcher, Instant now)
            throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("""
                with v as (select * from unnest(?::bigint[], ?::int[]) as v(id, attempt)),
                unlogged as (delete from webhook_attempt a using v where a.delivery_id = v.id and a.attempt = v.attempt)
                update webhook_delivery d set attempts_total = d.attempts_total - 1, claimed_by = null,
                    claimed_until = null, status = coalesce(?, d.status), updated_at = ?
                from v where d.id = v.id and d.claimed_by = ? and d.attempts_total = v.attempt""")) {
            ps.setArray(
                    1,
                    conn.createArrayOf(
                            "bigint", claims.stream().map(Claim::deliveryId).toArray()));
            ps.setArray(
                    2,
                    conn.createArrayOf(
                            "int4", claims.stream().map(Claim::attempt).toArray()));
            ps.setString(3, status);
            ps.setTimestamp(4, Timestamp.from(now));
            ps.setString(5, dispatcher);
            ps.executeUpdate();
        }
    }

    /** The receiver says the endpoint is gone: stop using it; its messages wait for another. */
    void gone(long subscriptionId, Instant now) {
        int changed = em.createNativeQuery("""
                        update webhook_subscription set enabled = false, disabled_reason = '410 Gone', updated_at = ?2
                        where id = ?1 and enabled""")
                .setParameter(1, subscriptionId)
                .setParameter(2, now)
                .executeUpdate();
        if (changed == 1) {
            audit.record(
                    "webhook.subscription-disabled",
                    "webhook-subscription",
                    Long.toString(subscriptionId),
                    null,
                    Map.of("enabled", true),
                    Map.of("enabled", false, "reason", "410 Gone"));
        }
    }
}
