package cn.gov.exam.change.review;

import cn.gov.exam.change.auth.Roles;
import cn.gov.exam.change.common.PageParams;
import cn.gov.exam.change.common.PageResponse;
import cn.gov.exam.change.common.Problem;
import cn.gov.exam.change.common.QueryValues;
import cn.gov.exam.change.review.ReviewViews.DecisionRequest;
import cn.gov.exam.change.review.ReviewViews.Review;
import cn.gov.exam.change.review.ReviewViews.Summary;
import cn.gov.exam.change.switching.SwitchStatus;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

// Rooted at /api/v1 like the other resources that share /api/v1/admin/exams: JAX-RS picks the
// resource class by its longest matching prefix before it looks at methods.
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@Tag(name = "Qualification review")
public class ReviewResource {
    @Inject
    ReviewService reviews;
    @Inject
    SummaryService summaries;

    @GET
    @Path("/admin/exams/{examCode}/reviews")
    @RolesAllowed({Roles.ADMIN, Roles.REVIEWER})
    @Operation(summary = "Switches to review, oldest first (a reviewer sees only their agency's positions)")
    public PageResponse<Review> queue(@PathParam("examCode") String examCode, @QueryParam("status") String status,
                                      @Valid @BeanParam PageParams page) {
        return reviews.queue(examCode, QueryValues.enumOrNull(SwitchStatus.class, status, "status"), page);
    }

    @POST
    @Path("/admin/reviews/{id}/decision")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.REVIEWER})
    @Operation(summary = "Approve or reject a switch (a rejection needs a reason); decisions are final")
    @APIResponse(responseCode = "404", description = "not-found (also for another agency's review)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "review-already-decided, review-deadline-passed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Review decide(@PathParam("id") long id, @NotNull @Valid DecisionRequest request) {
        return reviews.decide(id, request);
    }

    @GET
    @Path("/admin/exams/{examCode}/summary")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Oversight figures of an exam's position change phase")
    public Summary summary(@PathParam("examCode") String examCode) {
        return summaries.summary(examCode);
    }
}
