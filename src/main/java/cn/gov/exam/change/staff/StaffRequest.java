package cn.gov.exam.change.staff;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

public record StaffRequest(
        @NotBlank
        @Size(min = 3, max = 64)
        @Pattern(regexp = "[A-Za-z0-9._-]+", message = "may hold letters, digits, . _ and - only")
        String username,

        @NotBlank @Size(max = 200) String password,

        @NotNull @Pattern(regexp = "ADMIN|REVIEWER", message = "must be ADMIN or REVIEWER")
        String role,

        @Size(max = 40) String agencyCode) {
    @Override
    public String toString() {
        return "StaffRequest[username=" + username + ", role=" + role + ", agencyCode=" + agencyCode + "]";
    }
}
