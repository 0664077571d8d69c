package cn.gov.exam.change.staff;

import cn.gov.exam.change.auth.StaffAuthService;
import cn.gov.exam.change.common.credentials.Roles;
import cn.gov.exam.change.common.sql.Jdbc;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * A staff token is only as good as its account: a disabled (or removed) account's tokens stop
 * working at once, on every instance. Checked while the identity is built, so every staff request
 * is covered whatever thread its endpoint runs on; the lookup runs on a worker thread
 * ({@code runBlocking}), never on the event loop.
 */
@ApplicationScoped
public class StaffAccountAugmentor implements SecurityIdentityAugmentor {
    @Inject
    Jdbc jdbc;

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.hasRole(Roles.ADMIN) || identity.hasRole(Roles.REVIEWER))) {
            return Uni.createFrom().item(identity);
        }
        return context.runBlocking(() -> check(identity));
    }

    private SecurityIdentity check(SecurityIdentity identity) {
        long tokenGeneration = identity.getPrincipal() instanceof JsonWebToken jwt
                ? generation(jwt.getClaim(StaffAuthService.GENERATION_CLAIM))
                : 0;
        try (Connection c = jdbc.connection();
                PreparedStatement ps =
                        c.prepareStatement("select enabled, token_generation from staff_account where username = ?")) {
            ps.setString(1, identity.getPrincipal().getName());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || !rs.getBoolean(1)) {
                    throw new AuthenticationFailedException("This account is disabled");
                }
                // A token from before the account's last disable stays dead after a re-enable.
                if (tokenGeneration != rs.getLong(2)) {
                    throw new AuthenticationFailedException("This token was issued before the account was disabled");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The staff account could not be checked", e);
        }
        return identity;
    }

    /** The claim as the JWT library hands it over: a JSON number, or absent in tokens of old. */
    private static long generation(Object claim) {
        return claim == null ? 0 : claim instanceof Number n ? n.longValue() : Long.parseLong(claim.toString());
    }
}
