package cn.gov.exam.change.audit;

import java.time.Instant;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

public record AuditEventView(
        long id,
        Instant occurredAt,
        String actor,

        @Schema(
                description = "who acted, as people read it: a staff username, 考生 and the "
                        + "masked ID number for an applicant, or 系统 / 支付系统 / 未登录用户")
        String actorLabel,

        @Schema(nullable = true) String actorRole,
        String action,
        String subjectType,
        String subjectId,
        @Schema(nullable = true) String examCode,
        @Schema(nullable = true) Map<String, Object> before,
        @Schema(nullable = true) Map<String, Object> after,
        @Schema(nullable = true) String requestId) {
    static AuditEventView of(AuditEvent e, String actorLabel) {
        return new AuditEventView(
                e.id,
                e.occurredAt,
                e.actor,
                actorLabel,
                e.actorRole,
                e.action,
                e.subjectType,
                e.subjectId,
                e.examCode,
                e.before,
                e.after,
                e.requestId);
    }
}
