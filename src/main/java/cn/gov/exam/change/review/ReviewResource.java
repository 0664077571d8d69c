package cn.gov.exam.change.review;

import cn.gov.exam.change.common.credentials.Roles;
import cn.gov.exam.change.common.export.CsvDownload;
import cn.gov.exam.change.common.export.CsvForm;
import cn.gov.exam.change.common.export.CsvWriter;
import cn.gov.exam.change.common.paging.PageParams;
import cn.gov.exam.change.common.paging.PageResponse;
import cn.gov.exam.change.common.problems.Problem;
import cn.gov.exam.change.exam.Exam;
import cn.gov.exam.change.exam.ExamService;
import cn.gov.exam.change.review.ReviewViews.DecisionRequest;
import cn.gov.exam.change.review.ReviewViews.Review;
import cn.gov.exam.change.review.ReviewViews.Summary;
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
import jakarta.ws.rs.core.StreamingOutput;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

// Rooted at /api/v1 like the other resources that share /api/v1/admin/exams: JAX-RS picks the
// resource class by its longest matching prefix before it looks at methods.
@Path("/api/v1")
@SecurityRequirement(name = "bearer")
@Tag(name = "Qualification review")
public class ReviewResource {
    @Inject
    ReviewService reviews;

    @Inject
    ReviewReads reads;

    @Inject
    SummaryService summaries;

    static final List<String> CSV_COLUMNS = List.of(
            "id",
            "examCode",
            "agencyCode",
            "agencyName",
            "targetPositionCode",
            "targetPositionTitle",
            "originalPositionCode",
            "applicantName",
            "idNumberMasked",
            "precheckResult",
            "status",
            "reviewer",
            "reason",
            "decidedAt",
            "lateDecision",
            "createdAt");
    static final List<String> CSV_HEADERS = List.of(
            "编号",
            "考试代码",
            "招录单位代码",
            "招录单位",
            "改报职位代码",
            "改报职位名称",
            "原报考职位代码",
            "考生姓名",
            "身份证号（部分隐藏）",
            "系统预审",
            "审查结果",
            "审查人员",
            "不通过原因",
            "审查时间",
            "截止后决定",
            "提交改报时间");
    // The JSON and CSV forms are one operation in the OpenAPI document, told apart by Accept.
    private static final String QUEUE_SUMMARY =
            "Switches to review, oldest first (a reviewer sees only their agency's positions)";
    private static final String QUEUE_DESCRIPTION = "Filters: status, agency (the target position's agency; a "
            + "reviewer's list never holds another agency's reviews). With `Accept: text/csv`: every matching "
            + "review as CSV, without paging";

    @GET
    @Path("/admin/exams/{examCode}/reviews")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.REVIEWER})
    @Operation(operationId = "listReviews", summary = QUEUE_SUMMARY, description = QUEUE_DESCRIPTION)
    public PageResponse<Review> queue(
            @PathParam("examCode") String examCode,
            @BeanParam ReviewFilterParams filter,
            @Valid @BeanParam PageParams page) {
        return reads.queue(examCode, filter.filter(), page);
    }

    @GET
    @Path("/admin/exams/{examCode}/reviews")
    // Ranked below JSON, so that Accept: */* (or none) still gets the JSON list.
    @Produces("text/csv;qs=0.5")
    @RolesAllowed({Roles.ADMIN, Roles.REVIEWER})
    @Operation(operationId = "listReviews", summary = QUEUE_SUMMARY, description = QUEUE_DESCRIPTION)
    @APIResponse(
            responseCode = "200",
            description = "JSON: a page of reviews. CSV: the review results, every "
                    + "matching review oldest first, without paging, streamed: UTF-8 with a byte order mark, a header row (id, "
                    + "examCode, agencyCode, agencyName, targetPositionCode, targetPositionTitle, originalPositionCode, "
                    + "applicantName, idNumberMasked, precheckResult, status, reviewer, reason, decidedAt, lateDecision, "
                    + "createdAt), RFC 4180 quoting; by default for people (Chinese headers and labels, times in the exam's zone with offset), `?format=machine` for the names above, codes and ISO instants; text cells beginning with = + - @, tab or carriage return get a "
                    + "leading apostrophe",
            content = @Content(mediaType = CsvWriter.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING)))
    public RestResponse<StreamingOutput> csv(
            @PathParam("examCode") String examCode,
            @BeanParam ReviewFilterParams filter,
            @QueryParam(CsvForm.PARAM) @Parameter(description = CsvForm.PARAM_DESCRIPTION) String format) {
        ReviewReads.Filter f = filter.filter();
        // an unknown exam is a 404 problem, not a broken download
        Exam exam = ExamService.require(examCode);
        CsvForm form = CsvForm.of(format, ZoneId.of(exam.timeZone));
        return CsvDownload.of(
                "reviews-" + examCode + ".csv",
                form.header(CSV_COLUMNS, CSV_HEADERS),
                csv -> reads.forEach(
                        examCode,
                        f,
                        r -> csv.row(Arrays.asList(
                                r.id(),
                                r.examCode(),
                                r.agencyCode(),
                                r.agencyName(),
                                r.targetPositionCode(),
                                r.targetPositionTitle(),
                                r.originalPositionCode(),
                                r.applicantName(),
                                r.idNumberMasked(),
                                form.label("PrecheckResult", r.precheckResult()),
                                form.label("SwitchStatus", r.status()),
                                r.reviewer(),
                                r.reason(),
                                form.time(r.decidedAt()),
                                form.yesNo(r.lateDecision()),
                                form.time(r.createdAt())))),
                exam.personalDataPurgedAt);
    }

    @POST
    @Path("/admin/reviews/{id}/decision")
    @Produces(MediaType.APPLICATION_JSON)
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.REVIEWER})
    @Operation(
            operationId = "decideReview",
            summary = "Approve or reject a switch (a rejection needs a reason); decisions are final")
    @APIResponse(
            responseCode = "200",
            description = "The decided review",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Review.class)))
    @APIResponse(
            responseCode = "404",
            description = "not-found (also for another agency's review)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "review-already-decided, review-deadline-passed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Review decide(@PathParam("id") long id, @NotNull @Valid DecisionRequest request) {
        return reviews.decide(id, request);
    }

    @POST
    @Path("/admin/reviews/{id}/correction")
    @Produces(MediaType.APPLICATION_JSON)
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            operationId = "correctReview",
            summary = "Correct a decision (ADMIN): before the review deadline, while nothing has followed from it",
            description = "Allowed while the switch is the registration's last and no refund exists for the "
                    + "registration. reason is the new decision's (required to reject); correctionReason why it is "
                    + "corrected. Audited as review.corrected with the decision before and after")
    @APIResponse(
            responseCode = "200",
            description = "The corrected review",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Review.class)))
    @APIResponse(
            responseCode = "404",
            description = "not-found",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "review-deadline-passed; decision-not-correctable (not decided, "
                    + "the same decision, a later switch, or a refund exists)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Review correct(@PathParam("id") long id, @NotNull @Valid ReviewViews.CorrectionRequest request) {
        return reviews.correct(id, request);
    }

    @GET
    @Path("/admin/exams/{examCode}/summary")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "getExamSummary", summary = "Oversight figures of an exam's position change phase")
    public Summary summary(@PathParam("examCode") String examCode) {
        return summaries.summary(examCode);
    }
}
