package cn.gov.exam.change.switching;

import cn.gov.exam.change.common.credentials.Roles;
import cn.gov.exam.change.common.export.CsvDownload;
import cn.gov.exam.change.common.export.CsvForm;
import cn.gov.exam.change.common.export.CsvWriter;
import cn.gov.exam.change.common.http.QueryValues;
import cn.gov.exam.change.common.paging.PageParams;
import cn.gov.exam.change.common.paging.PageResponse;
import cn.gov.exam.change.exam.Exam;
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

// Rooted at /api/v1 like the other resources under /api/v1/admin/exams (see ReviewResource).
@Path("/api/v1")
@RolesAllowed(Roles.ADMIN)
@SecurityRequirement(name = "bearer")
@Tag(name = "Switch results")
public class SwitchResultsResource {
    static final List<String> CSV_COLUMNS = List.of(
            "id",
            "examCode",
            "idNumberMasked",
            "applicantName",
            "seq",
            "fromPositionCode",
            "targetPositionCode",
            "targetPositionTitle",
            "targetAgencyCode",
            "targetAgencyName",
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
            "身份证号（部分隐藏）",
            "考生姓名",
            "第几次改报",
            "原报考职位代码",
            "改报职位代码",
            "改报职位名称",
            "招录单位代码",
            "招录单位",
            "系统预审",
            "审查结果",
            "审查人员",
            "不通过原因",
            "审查时间",
            "截止后决定",
            "提交改报时间");
    // The JSON and CSV forms are one operation in the OpenAPI document, told apart by Accept.
    private static final String SUMMARY =
            "Switch results of an exam: every switch and its review outcome, oldest first";
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
            return new SwitchResults.Filter(
                    QueryValues.enumOrNull(SwitchStatus.class, status, "status"),
                    agency == null || agency.isBlank()
                            ? null
                            : agency.trim().toUpperCase(java.util.Locale.ROOT)); // registry codes are upper-case
        }
    }

    @GET
    @Path("/admin/exams/{examCode}/switches")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listSwitchResults", summary = SUMMARY, description = DESCRIPTION)
    public PageResponse<SwitchResultView> list(
            @PathParam("examCode") String examCode, @BeanParam FilterParams filter, @Valid @BeanParam PageParams page) {
        return results.list(examCode, filter.filter(), page);
    }

    @GET
    @Path("/admin/exams/{examCode}/switches")
    // Ranked below JSON, so that Accept: */* (or none) still gets the JSON list.
    @Produces("text/csv;qs=0.5")
    @Operation(operationId = "listSwitchResults", summary = SUMMARY, description = DESCRIPTION)
    @APIResponse(
            responseCode = "200",
            description = "JSON: a page of switches. CSV: every matching switch, oldest "
                    + "first, without paging, streamed: UTF-8 with a byte order mark, a header row (id, examCode, "
                    + "idNumberMasked, applicantName, seq, fromPositionCode, targetPositionCode, targetPositionTitle, "
                    + "targetAgencyCode, targetAgencyName, precheckResult, status, reviewer, reason, decidedAt, lateDecision, "
                    + "createdAt), RFC 4180 quoting; by default for people (Chinese headers and labels, times in the exam's zone with offset), `?format=machine` for the names above, codes and ISO instants; text cells beginning with = + - @, tab or carriage return get a "
                    + "leading apostrophe",
            content = @Content(mediaType = CsvWriter.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING)))
    public RestResponse<StreamingOutput> csv(
            @PathParam("examCode") String examCode,
            @BeanParam FilterParams filter,
            @QueryParam(CsvForm.PARAM) @Parameter(description = CsvForm.PARAM_DESCRIPTION) String format) {
        SwitchResults.Filter f = filter.filter();
        // an unknown exam is a 404 problem, not a broken download
        Exam exam = ExamService.require(examCode);
        CsvForm form = CsvForm.of(format, ZoneId.of(exam.timeZone));
        return CsvDownload.of(
                "switches-" + examCode + ".csv",
                form.header(CSV_COLUMNS, CSV_HEADERS),
                csv -> results.forEach(
                        examCode,
                        f,
                        s -> csv.row(Arrays.asList(
                                s.id(),
                                s.examCode(),
                                s.idNumberMasked(),
                                s.applicantName(),
                                s.seq(),
                                s.fromPositionCode(),
                                s.targetPositionCode(),
                                s.targetPositionTitle(),
                                s.targetAgencyCode(),
                                s.targetAgencyName(),
                                form.label("PrecheckResult", s.precheckResult()),
                                form.label("SwitchStatus", s.status()),
                                s.reviewer(),
                                s.reason(),
                                form.time(s.decidedAt()),
                                form.yesNo(s.lateDecision()),
                                form.time(s.createdAt())))),
                exam.personalDataPurgedAt);
    }
}
