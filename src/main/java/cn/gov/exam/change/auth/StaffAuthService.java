package cn.gov.exam.change.auth;

import cn.gov.exam.change.common.AppClock;
import cn.gov.exam.change.common.AppConfig;
import cn.gov.exam.change.common.ProblemException;
import cn.gov.exam.change.common.ProblemType;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.Set;

@ApplicationScoped
public class StaffAuthService {
    @Inject
    AppConfig config;
    @Inject
    AppClock clock;

    public TokenResponse issueToken(StaffTokenRequest request) {
        StaffAccount account = find(request.username());
        boolean ok = Passwords.matches(request.password(), account == null ? null : account.passwordHash);
        if (!ok || !account.enabled) {
            throw new ProblemException(ProblemType.INVALID_CREDENTIALS, "The username or password is not correct");
        }
        long lifetime = config.tokens().staffLifetime().toSeconds();
        // Token validity is checked against the system clock by the verifier, so it is issued by it too.
        Instant now = Instant.now();
        var builder = Jwt.issuer(config.tokens().issuer())
                .upn(account.username)
                .subject("staff:" + account.id)
                .groups(Set.of(account.role))
                .issuedAt(now)
                .expiresAt(now.plusSeconds(lifetime))
                .claim("kind", "staff");
        if (account.agencyCode != null) {
            builder.claim("agency", account.agencyCode);
        }
        return TokenResponse.bearer(builder.sign(), lifetime);
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
