package cn.gov.exam.change.staff;

import cn.gov.exam.change.auth.Roles;
import cn.gov.exam.change.auth.StaffAuthService;
import cn.gov.exam.change.common.ProblemException;
import cn.gov.exam.change.common.ProblemType;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A staff token is only as good as its account: a disabled (or removed) account's tokens stop
 * working at once, on every instance, because each staff request looks the account up.
 */
public class StaffTokenCheck {
    @Inject
    SecurityIdentity identity;
    @Inject
    EntityManager em;
    @Inject
    JsonWebToken jwt;

    @ServerRequestFilter
    public void check() {
        // Non-blocking endpoints are public: no account to look up, and no blocking call allowed.
        if (io.vertx.core.Context.isOnEventLoopThread() || identity.isAnonymous() || !(identity.hasRole(Roles.ADMIN) || identity.hasRole(Roles.REVIEWER))) {
            return;
        }
        Object[] account = (Object[]) em.createNativeQuery(
                        "select enabled, token_generation from staff_account where username = ?1")
                .setParameter(1, identity.getPrincipal().getName()).getResultStream().findFirst().orElse(null);
        if (account == null || !Boolean.TRUE.equals(account[0])) {
            throw new ProblemException(ProblemType.UNAUTHORIZED, "This account is disabled");
        }
        // A token from before the account's last disable stays dead after a re-enable.
        Object generation = jwt.getClaim(StaffAuthService.GENERATION_CLAIM);
        long tokenGeneration = generation == null ? 0 : generation instanceof Number n ? n.longValue()
                : Long.parseLong(generation.toString()); // a JSON number as the JWT library hands it over
        if (tokenGeneration != ((Number) account[1]).longValue()) {
            throw new ProblemException(ProblemType.UNAUTHORIZED, "This token was issued before the account was disabled");
        }
    }
}
