package cn.gov.exam.change.staff;

import cn.gov.exam.change.common.credentials.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Who the staff token belongs to. Runs on the event loop: it reads only the verified identity,
 * whose account check (StaffAccountAugmentor) does not depend on the thread.
 */
@Path("/api/v1/admin/session")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.REVIEWER})
@SecurityRequirement(name = "bearer")
@Tag(name = "Staff")
public class StaffSessionResource {
    @Inject
    SecurityIdentity identity;

    @Inject
    JsonWebToken jwt;

    public record StaffSession(String username, String role, String agencyCode) {}

    @GET
    @NonBlocking
    @Operation(operationId = "getStaffSession", summary = "The signed-in staff account: username, role and agency")
    public StaffSession session() {
        Object agency = jwt.getClaim("agency");
        return new StaffSession(
                identity.getPrincipal().getName(),
                identity.hasRole(Roles.ADMIN) ? Roles.ADMIN : Roles.REVIEWER,
                agency == null ? null : agency.toString());
    }
}
