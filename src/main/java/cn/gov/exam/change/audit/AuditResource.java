package cn.gov.exam.change.audit;

import cn.gov.exam.change.common.credentials.Roles;
import cn.gov.exam.change.common.export.CsvDownload;
import cn.gov.exam.change.common.export.CsvForm;
import cn.gov.exam.change.common.export.CsvWriter;
import cn.gov.exam.change.common.paging.PageParams;
import cn.gov.exam.change.common.paging.PageResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.StreamingOutput;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/api/v1/admin/audit-events")
@Tag(name = "Audit")
@SecurityRequirement(name = "bearer")
public class AuditResource {
    private static final List<String> CSV_COLUMNS = List.of(
            "id",
            "occurredAt",
            "actor",
            "actorRole",
            "action",
            "subjectType",
            "subjectId",
            "examCode",
            "before",
            "after",
            "requestId");

    private static final List<String> CSV_HEADERS =
            List.of("编号", "时间", "操作人", "角色", "操作", "对象类型", "对象编号", "考试代码", "之前", "之后", "请求编号");
    /** The zone of events that belong to no exam (staff accounts, subscriptions): the bureau's. */
    private static final ZoneId BUREAU_ZONE = ZoneId.of("Asia/Shanghai");

    // The JSON and CSV forms are one operation in the OpenAPI document, told apart by Accept.
    private static final String SUMMARY = "Audit events, newest first";
    private static final String DESCRIPTION = "subject is `type:id` (e.g. `exam:SX-2023-GWY`) or a bare id or type. "
            + "With `Accept: text/csv`: every matching event as CSV, without paging";

    @Inject
    AuditReads audit;

    @Inject
    ObjectMapper json;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "listAuditEvents", summary = SUMMARY, description = DESCRIPTION)
    public PageResponse<AuditEventView> list(@BeanParam AuditFilterParams filter, @Valid @BeanParam PageParams page) {
        return audit.search(filter.filter(), page);
    }

    @GET
    // Ranked below JSON, so that Accept: */* (or none) still gets the JSON list.
    @Produces("text/csv;qs=0.5")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "listAuditEvents", summary = SUMMARY, description = DESCRIPTION)
    @APIResponse(
            responseCode = "200",
            description = "JSON: a page of events. CSV: every matching event, newest first, "
                    + "without paging, streamed: UTF-8 with a byte order mark, a header row (id, occurredAt, actor, actorRole, action, subjectType, subjectId, examCode, "
                    + "before, after, requestId; before and after as JSON), RFC 4180 quoting; by default for people (Chinese headers, actions and roles, actors as usernames or masked applicants, times in the exam zone of the event with offset), `?format=machine` for the names above, codes and ISO instants; text cells beginning with = + - @, "
                    + "tab or carriage return get a leading apostrophe",
            content = @Content(mediaType = CsvWriter.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING)))
    public RestResponse<StreamingOutput> csv(
            @BeanParam AuditFilterParams filter,
            @QueryParam(CsvForm.PARAM)
                    @Parameter(description = CsvForm.PARAM_DESCRIPTION + "; an event of no exam in Beijing time")
                    String format) {
        // Parsed before streaming starts: a bad filter is still a problem, not a broken download.
        AuditReads.Filter f = filter.filter();
        CsvForm form = CsvForm.of(format, BUREAU_ZONE);
        Map<String, ZoneId> zones = new HashMap<>();
        audit.examZones().forEach((code, zone) -> zones.put(code, ZoneId.of(zone)));
        return CsvDownload.of(
                "audit-events.csv",
                form.header(CSV_COLUMNS, CSV_HEADERS),
                csv -> audit.forEach(f, e -> {
                    CsvForm row = form.inZone(
                            e.examCode() == null ? BUREAU_ZONE : zones.getOrDefault(e.examCode(), BUREAU_ZONE));
                    csv.row(Arrays.asList(
                            e.id(),
                            row.time(e.occurredAt()),
                            form.machine() ? e.actor() : e.actorLabel(),
                            row.label("Role", e.actorRole()),
                            row.label("AuditAction", e.action()),
                            e.subjectType(),
                            e.subjectId(),
                            e.examCode(),
                            state(e.before()),
                            state(e.after()),
                            e.requestId()));
                }));
    }

    private String state(Map<String, Object> state) throws JsonProcessingException {
        return state == null ? null : json.writeValueAsString(state);
    }
}
