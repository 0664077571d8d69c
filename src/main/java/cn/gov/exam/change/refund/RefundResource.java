package cn.gov.exam.change.refund;

import cn.gov.exam.change.common.credentials.Roles;
import cn.gov.exam.change.common.export.CsvDownload;
import cn.gov.exam.change.common.export.CsvForm;
import cn.gov.exam.change.common.export.CsvWriter;
import cn.gov.exam.change.common.paging.PageParams;
import cn.gov.exam.change.common.paging.PageResponse;
import cn.gov.exam.change.common.problems.Problem;
import cn.gov.exam.change.exam.Exam;
import cn.gov.exam.change.exam.ExamService;
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

@Path("/api/v1")
@RolesAllowed(Roles.ADMIN)
@SecurityRequirement(name = "bearer")
@Tag(name = "Refunds")
public class RefundResource {
    @Inject
    RefundService refunds;

    @Inject
    RefundReads reads;

    static final List<String> CSV_COLUMNS = List.of(
            "id",
            "examCode",
            "idNumberMasked",
            "reason",
            "status",
            "amount",
            "currency",
            "channel",
            "originalTransactionId",
            "channelRefundId",
            "failureReason",
            "createdAt",
            "updatedAt");
    static final List<String> CSV_HEADERS = List.of(
            "编号", "考试代码", "身份证号（部分隐藏）", "退费原因", "退费状态", "金额（元）", "币种", "支付渠道", "原交易号", "渠道退款号", "失败原因", "生成时间", "更新时间");
    // The JSON and CSV forms are one operation in the OpenAPI document, told apart by Accept.
    private static final String SUMMARY = "Refunds of an exam, oldest first";
    private static final String DESCRIPTION = "Filters: status, reason, channel (the payment channel the fee came "
            + "through and the refund goes back to). With `Accept: text/csv`: every matching refund as CSV, without paging";

    @GET
    @Path("/admin/exams/{examCode}/refunds")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listRefunds", summary = SUMMARY, description = DESCRIPTION)
    public PageResponse<RefundView> list(
            @PathParam("examCode") String examCode,
            @BeanParam RefundFilterParams filter,
            @Valid @BeanParam PageParams page) {
        return reads.list(examCode, filter.filter(), page);
    }

    @GET
    @Path("/admin/exams/{examCode}/refunds")
    // Ranked below JSON, so that Accept: */* (or none) still gets the JSON list.
    @Produces("text/csv;qs=0.5")
    @Operation(operationId = "listRefunds", summary = SUMMARY, description = DESCRIPTION)
    @APIResponse(
            responseCode = "200",
            description = "JSON: a page of refunds. CSV: every matching refund, oldest "
                    + "first, without paging, streamed: UTF-8 with a byte order mark, a header row (id, examCode, "
                    + "idNumberMasked, reason, status, amount, currency, channel, originalTransactionId, channelRefundId, "
                    + "failureReason, createdAt, updatedAt), RFC 4180 quoting; by default for people (Chinese headers and labels, times in the exam's zone with offset), `?format=machine` for the names above, codes and ISO instants; text cells beginning with = + - @, tab or "
                    + "carriage return get a leading apostrophe",
            content = @Content(mediaType = CsvWriter.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING)))
    public RestResponse<StreamingOutput> csv(
            @PathParam("examCode") String examCode,
            @BeanParam RefundFilterParams filter,
            @QueryParam(CsvForm.PARAM) @Parameter(description = CsvForm.PARAM_DESCRIPTION) String format) {
        RefundReads.Filter f = filter.filter();
        // an unknown exam is a 404 problem, not a broken download
        Exam exam = ExamService.require(examCode);
        CsvForm form = CsvForm.of(format, ZoneId.of(exam.timeZone));
        return CsvDownload.of(
                "refunds-" + examCode + ".csv",
                form.header(CSV_COLUMNS, CSV_HEADERS),
                csv -> reads.forEach(
                        examCode,
                        f,
                        r -> csv.row(Arrays.asList(
                                r.id(),
                                r.examCode(),
                                r.idNumberMasked(),
                                form.label("RefundReason", r.reason()),
                                form.label("RefundStatus", r.status()),
                                r.amount(),
                                r.currency(),
                                form.label("PaymentChannel", r.channel()),
                                r.originalTransactionId(),
                                r.channelRefundId(),
                                r.failureReason(),
                                form.time(r.createdAt()),
                                form.time(r.updatedAt())))),
                exam.personalDataPurgedAt);
    }

    @POST
    @Path("/admin/refunds/{id}/requeue")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "requeueRefund", summary = "Queue a FAILED refund again (a new webhook message)")
    @APIResponse(
            responseCode = "200",
            description = "The refund, QUEUED again",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = RefundView.class)))
    @APIResponse(
            responseCode = "409",
            description = "refund-not-allowed: only a FAILED refund is queued again",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RefundView requeue(@PathParam("id") long id) {
        return refunds.requeue(id);
    }
}
