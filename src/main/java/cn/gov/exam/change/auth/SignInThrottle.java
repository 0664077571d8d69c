package cn.gov.exam.change.auth;

import cn.gov.exam.change.audit.AuditService;
import cn.gov.exam.change.common.AppClock;
import cn.gov.exam.change.common.AppConfig;
import cn.gov.exam.change.common.problems.ProblemException;
import cn.gov.exam.change.common.problems.ProblemType;
import cn.gov.exam.change.common.sql.SqlValues;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Slows password guessing down without handing an attacker a way to lock the owner out. Failures
 * are counted per (account, client address), per client address across accounts, and per account
 * across clients:
 * <ul>
 * <li>a pair that failed {@code pair-max-failures} times waits, {@code pair-first-lock} at first and
 * twice as long after each further failure, up to {@code pair-max-lock}: only that client, only
 * for that account;</li>
 * <li>a client that failed {@code client-max-failures} times across accounts waits
 * {@code client-lock} (one address spraying passwords over many ID numbers);</li>
 * <li>an account that failed {@code account-max-failures} times across clients makes the clients
 * that failed on it wait {@code account-lock} (about a minute); a client that never failed on the
 * account, such as the owner's own phone, is let through to the password check.</li>
 * </ul>
 * A count starts afresh after {@code window} without failures (or past the end of its lock); a
 * success clears the pair and the account, not the client. Attempts refused while waiting are not
 * checked and not counted. Every failure and every wait is audited, so staff can see an attack.
 */
@ApplicationScoped
public class SignInThrottle {
    @Inject
    EntityManager em;

    @Inject
    AppClock clock;

    @Inject
    AppConfig config;

    @Inject
    AuditService audit;

    @Inject
    ClientAddress clientAddress;

    @Inject
    CurrentVertxRequest request;

    /**
     * One sign-in attempt: {@code realm} scopes the counts ({@code applicant:<exam id>} or
     * {@code staff}), {@code account} is what the client typed as its name; the audit names the
     * account as {@code subjectType}/{@code subjectId} (masked for applicants). A {@code lookup}
     * (a public receipt lookup, counted per client address) is throttled by the same rules, but its
     * failures are not audited one by one (its caller counts them in aggregate; a wait that starts
     * is audited as {@code <prefix>.throttled}) and a wait is answered {@code too-many-lookups}.
     */
    public record Attempt(
            String realm,
            String account,
            String client,
            String actionPrefix,
            String subjectType,
            String subjectId,
            String examCode,
            boolean lookup) {
        public Attempt(
                String realm,
                String account,
                String client,
                String actionPrefix,
                String subjectType,
                String subjectId,
                String examCode) {
            this(realm, account, client, actionPrefix, subjectType, subjectId, examCode, false);
        }
    }

    /** A lookup of {@code realm} by the current client, whose failures are counted per client address. */
    public Attempt lookup(String realm, String actionPrefix) {
        String client = client();
        return new Attempt(realm, client, client, actionPrefix, "client", client, null, true);
    }

    public Attempt attempt(
            String realm, String account, String actionPrefix, String subjectType, String subjectId, String examCode) {
        return new Attempt(realm, account, client(), actionPrefix, subjectType, subjectId, examCode);
    }

    /** The current request's client address, as the counts name it. */
    public String client() {
        return clientAddress.of(request.getCurrent());
    }

    /**
     * A row of the counts that bear on an attempt: those of its realm with (its account, its client or
     * {@code *}) or ({@code *}, its client).
     */
    public record Count(String account, String client, Instant lockedUntil, Instant lastFailureAt) {}

    /**
     * Refuses the attempt, without checking its password, while it has to wait; answers whether it
     * has counts that a success clears (else a success has nothing to write).
     */
    // requiringNew in this class: a sign-in runs outside any transaction (the password check must
    // hold no connection), and a failure's counts must commit although the request then fails.
    public boolean check(Attempt a) {
        List<Count> counts = new ArrayList<>();
        for (Tuple t : QuarkusTransaction.requiringNew().call(() -> rows(a))) {
            counts.add(new Count(
                    (String) t.get(0), (String) t.get(1), SqlValues.instant(t.get(2)), SqlValues.instant(t.get(3))));
        }
        return check(counts, a.lookup());
    }

    /** {@link #check(Attempt)} on the attempt's counts, read by the caller. */
    public boolean check(List<Count> counts) {
        return check(counts, false);
    }

    private boolean check(List<Count> counts, boolean lookup) {
        Instant now = clock.now();
        ThrottleRules.Check check = rules().check(counts, now);
        if (check.waitUntil() != null) {
            throw waiting(check.waitUntil(), now, lookup);
        }
        return check.clearOnSuccess();
    }

    /** Counts a failure; answers 429 when this failure makes the client wait, else what is left before one. */
    public ThrottleRules.Failure failed(Attempt a) {
        Instant now = clock.now();
        Recorded r = QuarkusTransaction.requiringNew().call(() -> record(a, now));
        if (r.until() != null) {
            throw waiting(r.until(), now, a.lookup());
        }
        return r.left();
    }

    /** The problem of a wrong password, telling the client how many attempts it has before a wait. */
    public static ProblemException invalidCredentials(String detail, ThrottleRules.Failure left) {
        return new ProblemException(ProblemType.INVALID_CREDENTIALS, detail)
                .with("attemptsLeft", left.attemptsLeft())
                .with("waitSeconds", left.nextWait().toSeconds());
    }

    private record Recorded(Instant until, ThrottleRules.Failure left) {}

    /**
     * The owner got in: the pair's and the account's counts are cleared (the client's stay), when
     * {@link #check} found any; the usual sign-in, with none, writes nothing.
     */
    public void succeeded(Attempt a, boolean counted) {
        if (!counted) {
            return;
        }
        QuarkusTransaction.requiringNew()
                .run(() -> em.createNativeQuery("""
                        delete from sign_in_throttle where realm = ?1 and account = ?2 and client in (?3, '*')""")
                        .setParameter(1, a.realm())
                        .setParameter(2, a.account())
                        .setParameter(3, a.client())
                        .executeUpdate());
    }

    /** Staff clear every count and wait of an account (from every client); returns how many there were. */
    public int unlock(String realm, String account) {
        return em.createNativeQuery("delete from sign_in_throttle where realm = ?1 and account = ?2")
                .setParameter(1, realm)
                .setParameter(2, account)
                .executeUpdate();
    }

    /** Sign-in counts kept for the applicants of an exam (their accounts are full ID numbers). */
    @Transactional(Transactional.TxType.MANDATORY)
    public long applicantRecords(long examId) {
        return ((Number) em.createNativeQuery("select count(*) from sign_in_throttle where realm = ?1")
                        .setParameter(1, ApplicantAuthService.realm(examId))
                        .getSingleResult())
                .longValue();
    }

    /** The retention purge's part here: the exam's applicants' sign-in counts go; answers how many. */
    @Transactional(Transactional.TxType.MANDATORY)
    public long forgetApplicantsOf(long examId) {
        return em.createNativeQuery("delete from sign_in_throttle where realm = ?1")
                .setParameter(1, ApplicantAuthService.realm(examId))
                .executeUpdate();
    }

    /**
     * Forgets counts that no longer count, so that a spray of made-up ID numbers does not pile up
     * rows; returns how many went.
     */
    @Transactional
    public int forgetOld() {
        return em.createNativeQuery("delete from sign_in_throttle where greatest(last_failure_at, locked_until) < ?1")
                .setParameter(1, clock.now().minus(config.signIn().window()))
                .executeUpdate();
    }

    @Scheduled(every = "${app.sign-in.cleanup-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledForget() {
        forgetOld();
    }

    @SuppressWarnings("unchecked")
    private List<Tuple> rows(Attempt a) {
        return em.createNativeQuery("""
                        select account, client, locked_until, last_failure_at from sign_in_throttle
                        where realm = ?1 and ((account = ?2 and client in (?3, '*')) or (account = '*' and client = ?3))""", Tuple.class)
                .setParameter(1, a.realm())
                .setParameter(2, a.account())
                .setParameter(3, a.client())
                .getResultList();
    }

    private ThrottleRules rules() {
        return new ThrottleRules(ThrottleRules.Limits.of(config.signIn()));
    }

    private Recorded record(Attempt a, Instant now) {
        AppConfig.SignIn limits = config.signIn();
        // A count goes on while failures keep coming (or while its lock lasts), else starts afresh;
        // a last failure "in the future" (a clock set back) starts afresh too.
        @SuppressWarnings("unchecked")
        List<Tuple> counted = em.createNativeQuery("""
                        insert into sign_in_throttle as t (realm, account, client, failures, last_failure_at)
                        values (?1, ?2, ?3, 1, ?4), (?1, ?2, '*', 1, ?4), (?1, '*', ?3, 1, ?4)
                        on conflict (realm, account, client) do update set
                            failures = case when t.last_failure_at <= ?4
                                                 and greatest(t.last_failure_at, t.locked_until) >= ?5
                                            then t.failures + 1 else 1 end,
                            locked_until = case when t.last_failure_at <= ?4
                                                     and greatest(t.last_failure_at, t.locked_until) >= ?5
                                                then t.locked_until end,
                            last_failure_at = ?4
                        returning account, client, failures""", Tuple.class)
                .setParameter(1, a.realm())
                .setParameter(2, a.account())
                .setParameter(3, a.client())
                .setParameter(4, now)
                .setParameter(5, now.minus(limits.window()))
                .getResultList();
        int pairFailures = 0;
        int clientFailures = 0;
        int accountFailures = 0;
        for (Tuple t : counted) {
            int failures = ((Number) t.get(2)).intValue();
            switch (ThrottleRules.Scope.of((String) t.get(0), (String) t.get(1))) {
                case CLIENT -> clientFailures = failures;
                case ACCOUNT -> accountFailures = failures;
                case PAIR -> pairFailures = failures;
            }
        }
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("client", a.client());
        counts.put("failuresOfAccountFromClient", pairFailures);
        counts.put("failuresFromClient", clientFailures);
        counts.put("failuresOfAccount", accountFailures);
        if (!a.lookup()) {
            audit.recordAs(
                    AuditService.ANONYMOUS,
                    null,
                    a.actionPrefix() + ".sign-in-failed",
                    a.subjectType(),
                    a.subjectId(),
                    a.examCode(),
                    null,
                    counts);
        }

        ThrottleRules rules = rules();
        List<ThrottleRules.Lock> locks =
                rules.locks(a.account(), a.client(), pairFailures, clientFailures, accountFailures, now);
        locks.forEach(l -> lock(a, l.account(), l.client(), l.until(), l.scope().name, counts));
        Instant until = ThrottleRules.answer(locks, now);
        return new Recorded(until, until != null ? null : rules.left(pairFailures, clientFailures, accountFailures));
    }

    private Instant lock(
            Attempt a, String account, String client, Instant until, String scope, Map<String, Object> counts) {
        em.createNativeQuery("""
                        update sign_in_throttle set locked_until = ?4 where realm = ?1 and account = ?2 and client = ?3""")
                .setParameter(1, a.realm())
                .setParameter(2, account)
                .setParameter(3, client)
                .setParameter(4, until)
                .executeUpdate();
        Map<String, Object> after = new LinkedHashMap<>(counts);
        after.put("scope", scope);
        after.put("lockedUntil", until.toString());
        audit.recordAs(
                AuditService.ANONYMOUS,
                null,
                a.actionPrefix() + (a.lookup() ? ".throttled" : ".sign-in-throttled"),
                a.subjectType(),
                a.subjectId(),
                a.examCode(),
                null,
                after);
        return until;
    }

    private static ProblemException waiting(Instant until, Instant now, boolean lookup) {
        long seconds = ThrottleRules.retryAfterSeconds(until, now);
        if (lookup) {
            return new ProblemException(
                            ProblemType.TOO_MANY_LOOKUPS,
                            "Too many unknown codes from this address: try again in " + (seconds + 59) / 60
                                    + " minute(s)")
                    .with("retryAfterSeconds", seconds);
        }
        return new ProblemException(
                        ProblemType.ACCOUNT_LOCKED,
                        "Too many failed sign-ins: try again in " + (seconds + 59) / 60 + " minute(s)")
                .with("retryAfterSeconds", seconds);
    }
}
