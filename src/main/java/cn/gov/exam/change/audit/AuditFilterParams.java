package cn.gov.exam.change.audit;

import cn.gov.exam.change.common.http.QueryValues;
import jakarta.ws.rs.QueryParam;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The query parameters that filter the audit list, shared by its JSON and CSV forms. */
public class AuditFilterParams {
    @QueryParam("subject")
    public String subject;

    @QueryParam("actor")
    public String actor;

    @QueryParam("action")
    public String action;

    @QueryParam("examCode")
    public String examCode;
    // Parsed here rather than by JAX-RS, which answers an unparsable query parameter with a 404.
    @QueryParam("from")
    @Parameter(schema = @Schema(implementation = OffsetDateTime.class))
    public String from;

    @QueryParam("to")
    @Parameter(schema = @Schema(implementation = OffsetDateTime.class))
    public String to;

    public AuditReads.Filter filter() {
        return new AuditReads.Filter(
                subject,
                actor,
                action,
                examCode,
                QueryValues.instantOrNull(from, "from"),
                QueryValues.instantOrNull(to, "to"));
    }
}
