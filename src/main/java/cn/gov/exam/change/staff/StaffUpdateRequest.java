package cn.gov.exam.change.staff;

import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What an administrator may change of an account; an absent field stays as it is. */
public record StaffUpdateRequest(
        @Schema(nullable = true) @Size(max = 40) String agencyCode,
        @Schema(nullable = true) Boolean enabled) {}
