package cn.gov.exam.change.staff;

import cn.gov.exam.change.auth.Roles;
import cn.gov.exam.change.common.ProblemException;
import cn.gov.exam.change.common.ProblemType;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
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

    @ServerRequestFilter
    public void check() {
        // Non-blocking endpoints are public: no account to look up, and no blocking call allowed.
        if (io.vertx.core.Context.isOnEventLoopThread() || identity.isAnonymous() || !(identity.hasRole(Roles.ADMIN) || identity.hasRole(Roles.REVIEWER))) {
            return;
        }
        Boolean enabled = (Boolean) em.createNativeQuery("select enabled from staff_account where username = ?1")
                .setParameter(1, identity.getPrincipal().getName()).getResultStream().findFirst().orElse(null);
        if (!Boolean.TRUE.equals(enabled)) {
            throw new ProblemException(ProblemType.UNAUTHORIZED, "This account is disabled");
        }
    }
}
