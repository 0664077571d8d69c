package cn.gov.exam.change.audit;

import java.time.Instant;
import java.util.Map;

public record AuditEventView(long id, Instant occurredAt, String actor, String actorRole, String action,
                             String subjectType, String subjectId, String examCode, Map<String, Object> before,
                             Map<String, Object> after, String requestId) {
    static AuditEventView of(AuditEvent e) {
        return new AuditEventView(e.id, e.occurredAt, e.actor, e.actorRole, e.action, e.subjectType, e.subjectId,
                e.examCode, e.before, e.after, e.requestId);
    }
}
