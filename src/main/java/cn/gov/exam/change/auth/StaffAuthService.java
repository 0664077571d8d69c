package cn.gov.exam.change.auth;

import cn.gov.exam.change.audit.AuditService;
import cn.gov.exam.change.common.AppClock;
import cn.gov.exam.change.common.AppConfig;
import cn.gov.exam.change.common.credentials.Passwords;
import cn.gov.exam.change.common.metrics.Outcomes;
import cn.gov.exam.change.common.problems.ProblemException;
import cn.gov.exam.change.common.problems.ProblemType;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

@ApplicationScoped
public class StaffAuthService {
    @Inject
    Outcomes outcomes;

    /** The claim that carries the account's token generation. */
    public static final String GENERATION_CLAIM = "gen";

    static final String REALM = "staff";

    @Inject
    AppConfig config;

    @Inject
    AppClock clock;

    @Inject
    SignInThrottle throttle;

    @Inject
    PasswordChecks passwords;

    @Inject
    AuditService audit;

    public TokenResponse issueToken(StaffTokenRequest request) {
        try {
            TokenResponse token = issue(request);
            outcomes.count(Outcomes.SIGN_INS, "staff", "signed-in");
            return token;
        } catch (RuntimeException e) {
            outcomes.count(Outcomes.SIGN_INS, "staff", Outcomes.of(e));
            throw e;
        }
    }

    private TokenResponse issue(StaffTokenRequest request) {
        passwords.admit();
        String account = account(request.username());
        SignInThrottle.Attempt attempt = throttle.attempt(REALM, account, "staff", "staff", account, null);
        boolean counted = throttle.check(attempt);
        StaffAccount staff = find(request.username());
        boolean ok = passwords.matches(request.password(), staff == null ? null : staff.passwordHash);
        if (!ok) {
            throttle.failed(attempt);
        }
        if (!ok || !staff.enabled) {
            throw new ProblemException(ProblemType.INVALID_CREDENTIALS, "The username or password is not correct");
        }
        throttle.succeeded(attempt, counted);
        long lifetime = config.tokens().staffLifetime().toSeconds();
        // Token validity is checked against the system clock by the verifier, so it is issued by it too.
        Instant now = Instant.now();
        var builder = Jwt.issuer(config.tokens().issuer())
                .upn(staff.username)
                .subject("staff:" + staff.id)
                .groups(Set.of(staff.role))
                .issuedAt(now)
                .expiresAt(now.plusSeconds(lifetime))
                .claim("kind", "staff")
                .claim(GENERATION_CLAIM, staff.tokenGeneration);
        if (staff.agencyCode != null) {
            builder.claim("agency", staff.agencyCode);
        }
        return TokenResponse.bearer(builder.sign(), lifetime);
    }

    /** Clears the sign-in waits of a staff account; audited. */
    @Transactional
    public int unlock(String username) {
        String account = account(username);
        int cleared = throttle.unlock(REALM, account);
        audit.record("staff.sign-in-unlocked", "staff", account, null, null, Map.of("cleared", cleared));
        return cleared;
    }

    /** The throttle counts a username as staff sign in with it: case does not matter. */
    private static String account(String username) {
        String a = username.trim().toLowerCase(Locale.ROOT);
        return a.length() > 64 ? a.substring(0, 64) : a;
    }

    // Outside a transaction on purpose: the bcrypt check after it holds no connection.
    StaffAccount find(String username) {
        return StaffAccount.findByUsername(username).orElse(null);
    }

    /** Creates the account unless the username is taken; true when created. */
    @Transactional
    public boolean createIfAbsent(String username, String password, String role, String agencyCode) {
        if (StaffAccount.findByUsername(username).isPresent()) {
            return false;
        }
        StaffAccount a = new StaffAccount();
        a.username = username;
        a.passwordHash = Passwords.hash(password);
        a.role = role;
        a.agencyCode = agencyCode;
        a.enabled = true;
        a.createdAt = clock.now();
        a.updatedAt = a.createdAt;
        a.persist();
        return true;
    }
}
