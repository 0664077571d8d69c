package cn.gov.exam.change.audit;

import cn.gov.exam.change.auth.Roles;
import cn.gov.exam.change.common.PageParams;
import cn.gov.exam.change.common.PageResponse;
import cn.gov.exam.change.common.QueryValues;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.OffsetDateTime;


@Path("/api/v1/admin/audit-events")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit")
@SecurityRequirement(name = "bearer")
public class AuditResource {
    @Inject
    AuditService audit;

    @GET
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Audit events, newest first",
            description = "subject is `type:id` (e.g. `exam:SX-2023-GWY`) or a bare id or type")
    public PageResponse<AuditEventView> list(@QueryParam("subject") String subject, @QueryParam("actor") String actor,
                                             @QueryParam("action") String action, @QueryParam("examCode") String examCode,
                                             @QueryParam("from") @Parameter(schema = @Schema(implementation = OffsetDateTime.class)) String from,
                                             @QueryParam("to") @Parameter(schema = @Schema(implementation = OffsetDateTime.class)) String to,
                                             @Valid @BeanParam PageParams page) {
        return audit.search(subject, actor, action, examCode, QueryValues.instantOrNull(from, "from"),
                QueryValues.instantOrNull(to, "to"), page);
    }
}
