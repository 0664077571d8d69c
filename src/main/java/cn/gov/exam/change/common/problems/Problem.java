package cn.gov.exam.change.common.problems;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;

/** RFC 9457 problem details body; extension members (e.g. failedRequirements) are written inline. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"type", "title", "status", "detail", "instance", "requestId", "errors"})
@Schema(
        name = "Problem",
        description = "RFC 9457 problem details; some types add members",
        properties = {
            @SchemaProperty(
                    name = "failedRequirements",
                    type = SchemaType.ARRAY,
                    implementation = String.class,
                    description =
                            "requirements-not-met: the codes of the requirements not met (MIN_EDUCATION, DEGREE, MAJOR, "
                                    + "MAX_AGE, POLITICAL_STATUS, GRASSROOTS_YEARS, HOUSEHOLD_REGION)"),
            @SchemaProperty(
                    name = "errorCount",
                    type = SchemaType.INTEGER,
                    description = "validation-failed of an import: every problem counted, the first 1,000 listed"),
            @SchemaProperty(
                    name = "retryAfterSeconds",
                    type = SchemaType.INTEGER,
                    description =
                            "account-locked: seconds until sign-in is possible again; service-unavailable: seconds after "
                                    + "which a retry may succeed (both also in Retry-After)"),
            @SchemaProperty(
                    name = "attemptsLeft",
                    type = SchemaType.INTEGER,
                    description = "invalid-credentials: further attempts from this client before it has to wait (the "
                            + "last of them, if it fails too, starts the wait)"),
            @SchemaProperty(
                    name = "waitSeconds",
                    type = SchemaType.INTEGER,
                    description = "invalid-credentials: how long that wait will be, in seconds"),
            @SchemaProperty(
                    name = "gatewayId",
                    type = SchemaType.INTEGER,
                    description = "gateway-already-enabled: the notification gateway that is enabled"),
            @SchemaProperty(
                    name = "subscriptionId",
                    type = SchemaType.INTEGER,
                    description = "channel-already-subscribed: the enabled subscription that covers the channels"),
            @SchemaProperty(
                    name = "channels",
                    type = SchemaType.ARRAY,
                    implementation = String.class,
                    description = "channel-already-subscribed: the channels that subscription covers already"),
            @SchemaProperty(
                    name = "purgeableFrom",
                    type = SchemaType.STRING,
                    format = "date-time",
                    description = "retention-period-not-passed: when the exam's personal data may be purged"),
            @SchemaProperty(
                    name = "unsettledRefunds",
                    type = SchemaType.INTEGER,
                    description = "refunds-not-settled: the exam's refunds still QUEUED or SENT"),
            @SchemaProperty(
                    name = "personalDataPurgedAt",
                    type = SchemaType.STRING,
                    format = "date-time",
                    description = "personal-data-purged: when it was purged"),
            @SchemaProperty(
                    name = "applicants",
                    type = SchemaType.INTEGER,
                    description = "purge-not-confirmed: the applicants whose data would be purged now")
        })
public class Problem {
    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_BASE = "https://position-change.example/problems/";

    public String type;
    public String title;
    public int status;
    public String detail;
    public String instance;
    public String requestId;
    public List<FieldError> errors;

    @Schema(hidden = true)
    private final Map<String, Object> extensions = new LinkedHashMap<>();

    public Problem() {}

    public Problem(
            ProblemType t,
            String detail,
            String instance,
            String requestId,
            List<FieldError> errors,
            Map<String, Object> extensions) {
        this.type = TYPE_BASE + t.slug;
        this.title = t.title;
        this.status = t.status;
        this.detail = detail;
        this.instance = instance;
        this.requestId = requestId;
        this.errors = errors;
        if (extensions != null) {
            this.extensions.putAll(extensions);
        }
    }

    @JsonAnyGetter
    public Map<String, Object> extensions() {
        return extensions;
    }
}
