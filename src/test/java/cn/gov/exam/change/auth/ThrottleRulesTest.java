package cn.gov.exam.change.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.gov.exam.change.auth.ThrottleRules.Lock;
import cn.gov.exam.change.auth.ThrottleRules.Scope;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The throttle's decisions on their own (the defaults of app.sign-in), beside the API tests of sign-in. */
class ThrottleRulesTest {
    private static final Instant NOW = Instant.parse("2023-01-15T02:00:00Z");
    private static final ThrottleRules RULES = new ThrottleRules(new ThrottleRules.Limits(
            5,
            Duration.ofMinutes(1),
            Duration.ofMinutes(15),
            50,
            Duration.ofMinutes(15),
            20,
            Duration.ofMinutes(1),
            Duration.ofMinutes(15)));

    private static List<Lock> locks(int pair, int client, int account) {
        return RULES.locks("110101199001011234", "203.0.113.7", pair, client, account, NOW);
    }

    private static SignInThrottle.Count count(String account, String client, Instant lockedUntil, Instant lastFailure) {
        return new SignInThrottle.Count(account, client, lockedUntil, lastFailure);
    }

    @Test
    void aPairWaitsFromItsFifthFailureTwiceAsLongEachTimeUpToItsLongestWait() {
        assertEquals(List.of(), locks(4, 4, 4));
        assertEquals(
                List.of(new Lock(Scope.PAIR, "110101199001011234", "203.0.113.7", NOW.plusSeconds(60))),
                locks(5, 5, 5));
        assertEquals(NOW.plus(Duration.ofMinutes(2)), locks(6, 6, 6).get(0).until());
        assertEquals(NOW.plus(Duration.ofMinutes(8)), locks(8, 8, 8).get(0).until());
        assertEquals(NOW.plus(Duration.ofMinutes(15)), locks(9, 9, 9).get(0).until(), "capped at pair-max-lock");
        assertEquals(
                NOW.plus(Duration.ofMinutes(15)), locks(1000, 1000, 19).get(0).until(), "no overflow");
    }

    @Test
    void aClientSprayingManyAccountsAndAnAccountFailedFromManyClientsWait() {
        assertEquals(
                List.of(new Lock(Scope.CLIENT, ThrottleRules.ANY, "203.0.113.7", NOW.plus(Duration.ofMinutes(15)))),
                locks(1, 50, 1));
        assertEquals(
                List.of(new Lock(Scope.ACCOUNT, "110101199001011234", ThrottleRules.ANY, NOW.plusSeconds(60))),
                locks(1, 1, 20));
        List<Lock> all = locks(5, 50, 20);
        assertEquals(
                List.of(Scope.PAIR, Scope.CLIENT, Scope.ACCOUNT),
                all.stream().map(Lock::scope).toList());
        assertEquals("account-from-client", Scope.PAIR.name);
        assertEquals(NOW.plus(Duration.ofMinutes(15)), ThrottleRules.answer(all, NOW), "the latest wait is the answer");
        assertEquals(NOW.plusSeconds(60), ThrottleRules.answer(locks(5, 1, 1), NOW));
        assertNull(ThrottleRules.answer(locks(1, 1, 1), NOW), "no wait below every limit");
    }

    @Test
    void anAttemptWaitsForItsPairItsClientOrAnAccountItFailedOn() {
        ThrottleRules.Check none = RULES.check(List.of(), NOW);
        assertNull(none.waitUntil());
        assertFalse(none.clearOnSuccess(), "the usual sign-in has nothing to clear");

        Instant later = NOW.plusSeconds(90);
        assertEquals(
                later, RULES.check(List.of(count("a", "c", later, NOW)), NOW).waitUntil());
        assertEquals(
                later,
                RULES.check(List.of(count(ThrottleRules.ANY, "c", later, NOW)), NOW)
                        .waitUntil());
        ThrottleRules.Check clientOnly = RULES.check(List.of(count(ThrottleRules.ANY, "c", null, NOW)), NOW);
        assertFalse(clientOnly.clearOnSuccess(), "a success does not clear the client's count");

        // The account's wait holds up a client that failed on it recently, not the owner's own phone.
        SignInThrottle.Count account = count("a", ThrottleRules.ANY, later, NOW);
        ThrottleRules.Check stranger = RULES.check(List.of(account), NOW);
        assertNull(stranger.waitUntil());
        assertTrue(stranger.clearOnSuccess());
        assertEquals(
                later,
                RULES.check(List.of(account, count("a", "c", null, NOW.minusSeconds(60))), NOW)
                        .waitUntil());
        assertNull(
                RULES.check(List.of(account, count("a", "c", null, NOW.minus(Duration.ofMinutes(16)))), NOW)
                        .waitUntil(),
                "failures past the window no longer count");

        assertNull(
                RULES.check(List.of(count("a", "c", NOW.minusSeconds(1), NOW)), NOW)
                        .waitUntil(),
                "a wait that has ended");
        Instant soon = NOW.plusSeconds(30);
        assertEquals(
                later,
                RULES.check(List.of(count("a", "c", soon, NOW), count(ThrottleRules.ANY, "c", later, NOW)), NOW)
                        .waitUntil(),
                "the latest wait");
    }

    @Test
    void aCountStartsAfreshAfterItsWindowUnlessItsLockLastedLonger() {
        Duration window = Duration.ofMinutes(15);
        assertTrue(RULES.counts(NOW.minus(window), null, NOW));
        assertFalse(RULES.counts(NOW.minus(window).minusSeconds(1), null, NOW));
        assertTrue(
                RULES.counts(NOW.minus(Duration.ofHours(1)), NOW.minus(window), NOW), "within the window of its lock");
        assertFalse(RULES.counts(NOW.plusSeconds(1), null, NOW), "a failure 'in the future' (a clock set back)");
        assertFalse(RULES.counts(null, null, NOW));
    }

    @Test
    void theClientIsToldAtLeastASecond() {
        assertEquals(90, ThrottleRules.retryAfterSeconds(NOW.plusSeconds(90), NOW));
        assertEquals(1, ThrottleRules.retryAfterSeconds(NOW.plusMillis(200), NOW));
        assertEquals(1, ThrottleRules.retryAfterSeconds(NOW, NOW));
    }

    @Test
    void aFailureSaysHowManyAttemptsAreLeftAndHowLongTheWaitWillBe() {
        // the pair's limit comes first: 5 failures, then a minute
        assertEquals(new ThrottleRules.Failure(4, Duration.ofMinutes(1)), RULES.left(1, 1, 1));
        assertEquals(new ThrottleRules.Failure(1, Duration.ofMinutes(1)), RULES.left(4, 4, 4));
        // past the pair's limit, its wait over: one more failure waits twice as long
        assertEquals(new ThrottleRules.Failure(1, Duration.ofMinutes(2)), RULES.left(5, 5, 5));
        // an address that failed across many accounts is nearer its own limit
        assertEquals(new ThrottleRules.Failure(1, Duration.ofMinutes(15)), RULES.left(1, 49, 1));
    }
}
