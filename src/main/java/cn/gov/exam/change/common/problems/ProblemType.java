package cn.gov.exam.change.common.problems;

/**
 * Every problem the API can answer with. The slug is the stable last path segment of the
 * problem's {@code type} URI that clients switch on (API.md).
 */
public enum ProblemType {
    VALIDATION_FAILED(400, "validation-failed", "The request is not valid"),
    MALFORMED_REQUEST(400, "malformed-request", "The request body could not be read"),
    RECEIPT_CODE_INVALID(400, "receipt-code-invalid", "This is not a receipt code: a character is mistyped"),
    UNAUTHORIZED(401, "unauthorized", "Authentication is required"),
    INVALID_CREDENTIALS(401, "invalid-credentials", "The credentials are not valid"),
    INVALID_SIGNATURE(401, "invalid-signature", "The signature is not valid"),
    FORBIDDEN(403, "forbidden", "You may not do this"),
    SIGN_IN_NOT_ALLOWED(403, "sign-in-not-allowed", "Sign-in is not open to you"),
    NOT_FOUND(404, "not-found", "Not found"),
    RECEIPT_NOT_FOUND(404, "receipt-not-found", "No receipt has this code"),
    METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method not allowed"),
    NOT_ACCEPTABLE(406, "not-acceptable", "No acceptable representation"),
    ALREADY_EXISTS(409, "already-exists", "It exists already"),
    EXAM_ALREADY_PUBLISHED(409, "exam-already-published", "The ratio check of this exam is published"),
    SWITCH_WINDOW_NOT_OPEN(409, "switch-window-not-open", "The switch window is not open yet"),
    SWITCH_WINDOW_CLOSED(409, "switch-window-closed", "The switch window has closed"),
    POSITION_NOT_OPEN(409, "position-not-open", "The position is not open"),
    SAME_POSITION(409, "same-position", "That is your original position"),
    POSITION_PREVIOUSLY_REJECTED(
            409, "position-previously-rejected", "This position's agency has rejected you already"),
    NO_SWITCHES_LEFT(409, "no-switches-left", "No switches left"),
    SWITCH_PENDING(409, "switch-pending", "A switch is under review"),
    IDEMPOTENCY_KEY_IN_USE(409, "idempotency-key-in-use", "A request with this Idempotency-Key is in progress"),
    REVIEW_ALREADY_DECIDED(409, "review-already-decided", "The review is decided"),
    REVIEW_DEADLINE_PASSED(409, "review-deadline-passed", "The review deadline has passed"),
    DECISION_NOT_CORRECTABLE(409, "decision-not-correctable", "The decision can no longer be corrected"),
    REFUND_NOT_ALLOWED(409, "refund-not-allowed", "A refund is not possible"),
    WEBHOOK_ID_REUSED(409, "webhook-id-reused", "The webhook-id was used with another message"),
    CHANNEL_ALREADY_SUBSCRIBED(409, "channel-already-subscribed", "An enabled subscription covers the channel already"),
    RETENTION_PERIOD_NOT_PASSED(409, "retention-period-not-passed", "The exam's retention period has not passed"),
    REFUNDS_NOT_SETTLED(409, "refunds-not-settled", "The exam's refunds are not settled"),
    PERSONAL_DATA_PURGED(409, "personal-data-purged", "The exam's personal data is purged already"),
    PURGE_NOT_CONFIRMED(409, "purge-not-confirmed", "The purge does not match its dry run"),
    GATEWAY_ALREADY_ENABLED(409, "gateway-already-enabled", "Another notification gateway is enabled"),
    PAYLOAD_TOO_LARGE(413, "payload-too-large", "The request body is too large"),
    URI_TOO_LONG(414, "uri-too-long", "The address is too long"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Unsupported media type"),
    REQUIREMENTS_NOT_MET(422, "requirements-not-met", "The position's requirements are not met"),
    IDEMPOTENCY_KEY_REUSED(422, "idempotency-key-reused", "The Idempotency-Key was used with another request"),
    ACCOUNT_LOCKED(429, "account-locked", "Too many failed sign-ins"),
    TOO_MANY_LOOKUPS(429, "too-many-lookups", "Too many lookups of unknown codes"),
    HEADERS_TOO_LARGE(431, "headers-too-large", "The request headers are too large"),
    INTERNAL_ERROR(500, "internal-error", "Internal error"),
    SERVICE_UNAVAILABLE(503, "service-unavailable", "Service unavailable"),
    SERVICE_BUSY(503, "service-busy", "The service is busy");

    public final int status;
    public final String slug;
    public final String title;

    ProblemType(int status, String slug, String title) {
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    public static ProblemType forStatus(int status) {
        if (status == 400) {
            return MALFORMED_REQUEST;
        }
        for (ProblemType t : values()) {
            if (t.status == status) {
                return t;
            }
        }
        return status >= 500 ? INTERNAL_ERROR : MALFORMED_REQUEST;
    }
}
