package cn.gov.exam.change.switching;

import cn.gov.exam.change.common.Roles;
import cn.gov.exam.change.common.PageParams;
import cn.gov.exam.change.common.PageResponse;
import cn.gov.exam.change.common.QueryValues;
import cn.gov.exam.change.common.export.CsvDownload;
import cn.gov.exam.change.common.export.CsvWriter;
import cn.gov.exam.change.exam.ExamService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.Arrays;
import java.util.List;

// Rooted at /api/v1 like the other resources under /api/v1/admin/exams (see ReviewResource).
@Path("/api/v1")
@RolesAllowed(Roles.ADMIN)
@SecurityRequirement(name = "bearer")
@Tag(name = "Switch results")
public class SwitchResultsResource {
    static final List<String> CSV_COLUMNS = List.of("id", "examCode", "idNumberMasked", "applicantName", "seq",
            "fromPositionCode", "targetPositionCode", "targetPositionTitle", "targetAgencyCode", "targetAgencyName",
            "precheckResult", "status", "reviewer", "reason", "decidedAt", "lateDecision", "createdAt");
    // The JSON and CSV forms are one operation in the OpenAPI document, told apart by Accept.
    private static final String SUMMARY = "Switch results of an exam: every switch and its review outcome, oldest first";
    private static final String DESCRIPTION = "Filters: status, agency (the target position's agency). "
            + "With `Accept: text/csv`: every matching switch as CSV, without paging";

    @Inject
    SwitchResults results;

    /** The query parameters of the list, shared by its JSON and CSV forms. */
    public static class FilterParams {
        // A string parsed here rather than by JAX-RS, which answers an unknown enum value with a 404.
        @QueryParam("status")
        @Parameter(schema = @Schema(implementation = SwitchStatus.class))
        public String status;
        @QueryParam("agency")
        @Parameter(description = "agency code of the target position")
        public String agency;

        SwitchResults.Filter filter() {
            return new SwitchResults.Filter(QueryValues.enumOrNull(SwitchStatus.class, status, "status"),
                    agency == null || agency.isBlank() ? null : agency.trim().toUpperCase(java.util.Locale.ROOT)); // registry codes are upper-case
        }
    }

    @GET
    @Path("/admin/exams/{examCode}/switches")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = SUMMARY, description = DESCRIPTION)
    public PageResponse<SwitchResultView> list(@PathParam("examCode") String examCode,
                                               @BeanParam FilterParams filter, @Valid @BeanParam PageParams page) {
        return results.list(examCode, filter.filter(), page);
    }

    @GET
    @Path("/admin/exams/{examCode}/switches")
    // Ranked below JSON, so that Accept: */* (or none) still gets the JSON list.
    @Produces("text/csv;qs=0.5")
    @Operation(summary = SUMMARY, description = DESCRIPTION)
    @APIResponse(responseCode = "200", description = "JSON: a page of switches. CSV: every matching switch, oldest "
            + "first, without paging, streamed: UTF-8 with a byte order mark, a header row (id, examCode, "
            + "idNumberMasked, applicantName, seq, fromPositionCode, targetPositionCode, targetPositionTitle, "
            + "targetAgencyCode, targetAgencyName, precheckResult, status, reviewer, reason, decidedAt, lateDecision, "
            + "createdAt), RFC 4180 quoting; text cells beginning with = + - @, tab or carriage return get a "
            + "leading apostrophe",
            content = @Content(mediaType = CsvWriter.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING)))
    public RestResponse<StreamingOutput> csv(@PathParam("examCode") String examCode, @BeanParam FilterParams filter) {
        SwitchResults.Filter f = filter.filter();
        ExamService.require(examCode); // an unknown exam is a 404 problem, not a broken download
        return CsvDownload.of("switches-" + examCode + ".csv", CSV_COLUMNS, csv -> results.forEach(examCode, f,
                s -> csv.row(Arrays.asList(s.id(), s.examCode(), s.idNumberMasked(), s.applicantName(), s.seq(),
                        s.fromPositionCode(), s.targetPositionCode(), s.targetPositionTitle(), s.targetAgencyCode(),
                        s.targetAgencyName(), s.precheckResult(), s.status(), s.reviewer(), s.reason(),
                        s.decidedAt(), s.lateDecision(), s.createdAt()))));
    }
}
