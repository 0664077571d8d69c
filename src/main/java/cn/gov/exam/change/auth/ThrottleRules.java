package cn.gov.exam.change.auth;

import cn.gov.exam.change.common.AppConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The sign-in throttle's decisions, apart from its SQL (see {@link SignInThrottle} for the rules
 * in words): whether an attempt waits, for how long, and which waits a failure starts. No I/O and
 * no clock of its own: the caller passes the counts and the time.
 */
public final class ThrottleRules {
    /** The account or client of a count that spans every account or every client. */
    static final String ANY = "*";

    /** The limits of {@code app.sign-in.*}. */
    public record Limits(
            int pairMaxFailures,
            Duration pairFirstLock,
            Duration pairMaxLock,
            int clientMaxFailures,
            Duration clientLock,
            int accountMaxFailures,
            Duration accountLock,
            Duration window) {
        static Limits of(AppConfig.SignIn c) {
            return new Limits(
                    c.pairMaxFailures(),
                    c.pairFirstLock(),
                    c.pairMaxLock(),
                    c.clientMaxFailures(),
                    c.clientLock(),
                    c.accountMaxFailures(),
                    c.accountLock(),
                    c.window());
        }
    }

    /** What a count row counts, by its account and client; {@code name} is the audit's word for it. */
    enum Scope {
        PAIR("account-from-client"),
        CLIENT("client"),
        ACCOUNT("account");

        final String name;

        Scope(String name) {
            this.name = name;
        }

        static Scope of(String account, String client) {
            return ANY.equals(account) ? CLIENT : ANY.equals(client) ? ACCOUNT : PAIR;
        }
    }

    /** What an attempt's counts decide: wait until (null: no wait), and whether a success has counts to clear. */
    record Check(Instant waitUntil, boolean clearOnSuccess) {}

    /**
     * What a failure that did not make the client wait leaves it: attempts before a wait (the last
     * of which, failing, starts it) and how long that wait will be.
     */
    public record Failure(int attemptsLeft, Duration nextWait) {}

    /** A wait that a failure starts: the count row (account, client) it goes on, until when. */
    record Lock(Scope scope, String account, String client, Instant until) {}

    private final Limits limits;

    public ThrottleRules(Limits limits) {
        this.limits = limits;
    }

    /** The decision on an attempt, from the counts that bear on it. */
    Check check(List<SignInThrottle.Count> counts, Instant now) {
        Instant pair = null;
        Instant client = null;
        Instant account = null;
        boolean pairFailed = false;
        boolean clearOnSuccess = false;
        for (SignInThrottle.Count c : counts) {
            switch (Scope.of(c.account(), c.client())) {
                case CLIENT -> client = c.lockedUntil();
                case ACCOUNT -> {
                    account = c.lockedUntil();
                    clearOnSuccess = true;
                }
                case PAIR -> {
                    pair = c.lockedUntil();
                    pairFailed = counts(c.lastFailureAt(), c.lockedUntil(), now);
                    clearOnSuccess = true;
                }
            }
        }
        // An account's wait holds up only the clients that failed on it.
        return new Check(latest(now, pair, client, pairFailed ? account : null), clearOnSuccess);
    }

    /**
     * The waits that a failure starts, given the counts after it (of the pair, the client across
     * accounts, the account across clients): the pair's first, then the client's, then the account's.
     */
    List<Lock> locks(
            String account, String client, int pairFailures, int clientFailures, int accountFailures, Instant now) {
        List<Lock> locks = new ArrayList<>();
        if (pairFailures >= limits.pairMaxFailures()) {
            // 1, 2, 4, 8 … minutes: each guess past the limit costs the guesser twice the wait.
            int doublings = Math.min(pairFailures - limits.pairMaxFailures(), 20);
            Duration wait = limits.pairFirstLock().multipliedBy(1L << doublings);
            locks.add(new Lock(Scope.PAIR, account, client, now.plus(min(wait, limits.pairMaxLock()))));
        }
        if (clientFailures >= limits.clientMaxFailures()) {
            locks.add(new Lock(Scope.CLIENT, ANY, client, now.plus(limits.clientLock())));
        }
        if (accountFailures >= limits.accountMaxFailures()) {
            // This client has failed on the account, so it waits too.
            locks.add(new Lock(Scope.ACCOUNT, account, ANY, now.plus(limits.accountLock())));
        }
        return locks;
    }

    /**
     * Attempts left before the first of the three counts makes the client wait, and that wait. Past
     * the pair's limit (its wait over) the next failure waits again, twice as long.
     */
    Failure left(int pairFailures, int clientFailures, int accountFailures) {
        int pairLeft = Math.max(1, limits.pairMaxFailures() - pairFailures);
        int doublings = Math.min(Math.max(0, pairFailures + pairLeft - limits.pairMaxFailures()), 20);
        Failure best =
                new Failure(pairLeft, min(limits.pairFirstLock().multipliedBy(1L << doublings), limits.pairMaxLock()));
        best = fewer(best, new Failure(Math.max(1, limits.clientMaxFailures() - clientFailures), limits.clientLock()));
        return fewer(
                best, new Failure(Math.max(1, limits.accountMaxFailures() - accountFailures), limits.accountLock()));
    }

    private static Failure fewer(Failure a, Failure b) {
        if (a.attemptsLeft() != b.attemptsLeft()) {
            return a.attemptsLeft() < b.attemptsLeft() ? a : b;
        }
        return a.nextWait().compareTo(b.nextWait()) >= 0 ? a : b;
    }

    /** The wait a failure answers with (null: none): the pair's, or the latest still ahead. */
    static Instant answer(List<Lock> locks, Instant now) {
        Instant answer = null;
        for (Lock l : locks) {
            answer = l.scope() == Scope.PAIR ? l.until() : latest(now, answer, l.until());
        }
        return answer;
    }

    /** The whole seconds a client is told to wait, at least one. */
    static long retryAfterSeconds(Instant until, Instant now) {
        return Math.max(1, Duration.between(now, until).toSeconds());
    }

    /** Whether a pair's failures still count now (its account's wait then applies to it). */
    boolean counts(Instant lastFailure, Instant lockedUntil, Instant now) {
        Instant since = now.minus(limits.window());
        return lastFailure != null
                && !lastFailure.isAfter(now)
                && (!lastFailure.isBefore(since) || (lockedUntil != null && !lockedUntil.isBefore(since)));
    }

    static Instant latest(Instant now, Instant... candidates) {
        Instant latest = null;
        for (Instant c : candidates) {
            if (c != null && c.isAfter(now) && (latest == null || c.isAfter(latest))) {
                latest = c;
            }
        }
        return latest;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
