package cn.gov.exam.change.refund;

import cn.gov.exam.change.auth.Roles;
import cn.gov.exam.change.common.PageParams;
import cn.gov.exam.change.common.PageResponse;
import cn.gov.exam.change.common.QueryValues;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@SecurityRequirement(name = "bearer")
@Tag(name = "Refunds")
public class RefundResource {
    @Inject
    RefundService refunds;

    @GET
    @Path("/admin/exams/{examCode}/refunds")
    @Operation(summary = "Refunds of an exam, oldest first")
    public PageResponse<RefundView> list(@PathParam("examCode") String examCode, @QueryParam("status") String status,
                                         @Valid @BeanParam PageParams page) {
        return refunds.list(examCode, QueryValues.enumOrNull(RefundStatus.class, status, "status"), page);
    }

    @POST
    @Path("/admin/refunds/{id}/requeue")
    @Operation(summary = "Queue a FAILED refund again (a new webhook message)")
    public RefundView requeue(@PathParam("id") long id) {
        return refunds.requeue(id);
    }
}
