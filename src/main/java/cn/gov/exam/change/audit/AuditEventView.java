package cn.gov.exam.change.audit;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.Map;

public record AuditEventView(long id, Instant occurredAt, String actor, @Schema(nullable = true) String actorRole,
                             String action, String subjectType, String subjectId,
                             @Schema(nullable = true) String examCode,
                             @Schema(nullable = true) Map<String, Object> before,
                             @Schema(nullable = true) Map<String, Object> after,
                             @Schema(nullable = true) String requestId) {
    static AuditEventView of(AuditEvent e) {
        return new AuditEventView(e.id, e.occurredAt, e.actor, e.actorRole, e.action, e.subjectType, e.subjectId,
                e.examCode, e.before, e.after, e.requestId);
    }
}
