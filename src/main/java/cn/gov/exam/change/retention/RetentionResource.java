package cn.gov.exam.change.retention;

import cn.gov.exam.change.common.credentials.Roles;
import cn.gov.exam.change.common.problems.Problem;
import cn.gov.exam.change.retention.RetentionViews.PurgeRequest;
import cn.gov.exam.change.retention.RetentionViews.PurgeResult;
import cn.gov.exam.change.retention.RetentionViews.RetentionView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/admin/exams/{examCode}/personal-data")
@RolesAllowed(Roles.ADMIN)
@SecurityRequirement(name = "bearer")
@Tag(name = "Retention")
@Produces(MediaType.APPLICATION_JSON)
public class RetentionResource {
    private static final String REFUSALS = "retention-period-not-passed (with purgeableFrom), refunds-not-settled "
            + "(with unsettledRefunds), personal-data-purged (with personalDataPurgedAt), or purge-not-confirmed: "
            + "expectedApplicants is not the dry run's count now (with applicants)";

    @Inject
    RetentionService retention;

    @GET
    @Operation(
            operationId = "personalDataDryRun",
            summary = "The purge's dry run: whether the exam's personal data may be purged now, and what would go")
    @APIResponse(
            responseCode = "200",
            description = "The exam's retention state; nothing changes",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = RetentionView.class)))
    public RetentionView dryRun(@PathParam("examCode") String examCode) {
        return retention.dryRun(examCode);
    }

    @POST
    @Path("/purge")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "purgePersonalData",
            summary = "Purge the exam's applicants' personal data (names, full ID numbers, mobile numbers, password "
                    + "hashes, sign-in counts), keeping the counts, the decisions and the audit trail; audited")
    @APIResponse(
            responseCode = "200",
            description = "What went, and the exam's retention state after the purge",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = PurgeResult.class)))
    @APIResponse(
            responseCode = "409",
            description = REFUSALS,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public PurgeResult purge(@PathParam("examCode") String examCode, @NotNull @Valid PurgeRequest request) {
        return retention.purge(examCode, request.expectedApplicants());
    }
}
