package cn.gov.exam.change.ratio;

import cn.gov.exam.change.common.credentials.Roles;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/api/v1")
@Tag(name = "Opening-ratio check")
public class RatioCheckResource {
    @Inject
    RatioCheckService ratio;

    @Inject
    CancelledPositionsSnapshots snapshots;

    @POST
    @Path("/admin/exams/{examCode}/ratio-check")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @SecurityRequirement(name = "bearer")
    @Operation(
            operationId = "dryRunRatioCheck",
            summary = "Dry-run plan of the opening-ratio check (the published result once published)")
    public RatioPlan dryRun(@PathParam("examCode") String examCode) {
        return ratio.dryRun(examCode);
    }

    @POST
    @Path("/admin/exams/{examCode}/ratio-check/publish")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @SecurityRequirement(name = "bearer")
    @Operation(
            operationId = "publishRatioCheck",
            summary =
                    "Apply the plan atomically and make the cancellations public; publishing again returns the same result")
    public RatioPlan publish(@PathParam("examCode") String examCode) {
        return ratio.publish(examCode);
    }

    @GET
    @Path("/exams/{examCode}/cancelled-positions")
    @Produces(MediaType.APPLICATION_JSON)
    @PermitAll
    @NonBlocking
    @Operation(
            operationId = "listCancelledPositions",
            summary = "The public list of cancelled positions, with ETag (If-None-Match gives 304)")
    @APIResponse(
            responseCode = "200",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = CancelledPositionsSnapshots.CancelledPositions.class)))
    @APIResponse(responseCode = "304", description = "Not modified")
    public Uni<RestResponse<byte[]>> cancelledPositions(
            @PathParam("examCode") String examCode, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        CancelledPositionsSnapshots.Snapshot held = snapshots.cached(examCode);
        if (held != null) {
            return Uni.createFrom().item(respond(held, ifNoneMatch));
        }
        // A miss reads the database, which may not happen on the event loop.
        return Uni.createFrom()
                .item(() -> respond(snapshots.load(examCode), ifNoneMatch))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private static RestResponse<byte[]> respond(CancelledPositionsSnapshots.Snapshot s, String ifNoneMatch) {
        String cacheControl = s.published() ? "public, max-age=60" : "no-cache";
        if (ifNoneMatch != null && (ifNoneMatch.equals("*") || ifNoneMatch.contains(s.etag()))) {
            return RestResponse.ResponseBuilder.<byte[]>notModified()
                    .header(HttpHeaders.ETAG, s.etag())
                    .header(HttpHeaders.CACHE_CONTROL, cacheControl)
                    .build();
        }
        return RestResponse.ResponseBuilder.ok(s.body(), MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.ETAG, s.etag())
                .header(HttpHeaders.CACHE_CONTROL, cacheControl)
                .build();
    }
}
