package cn.gov.exam.change.staff;

import cn.gov.exam.change.auth.StaffAccount;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

public record StaffView(
        long id,
        String username,
        String role,
        @Schema(nullable = true) String agencyCode,
        boolean enabled,
        Instant createdAt) {
    static StaffView of(StaffAccount a) {
        return new StaffView(a.id, a.username, a.role, a.agencyCode, a.enabled, a.createdAt);
    }
}
