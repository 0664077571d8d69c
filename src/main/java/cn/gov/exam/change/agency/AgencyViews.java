package cn.gov.exam.change.agency;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;

public final class AgencyViews {
    private AgencyViews() {}

    public record AgencyView(String code, String name, Instant createdAt, Instant updatedAt) {
        static AgencyView of(Agency a) {
            return new AgencyView(a.code, a.name, a.createdAt, a.updatedAt);
        }
    }

    /** A new agency; the code is stored upper-case. */
    public record AgencyRequest(
            @NotBlank
            @Size(max = 40)
            @Pattern(regexp = "[A-Za-z0-9._-]+", message = "may hold letters, digits, . _ and - only")
            String code,

            @NotBlank @Size(max = 200) String name) {}

    public record RenameRequest(@NotBlank @Size(max = 200) String name) {}

    /** Fired in the renaming transaction: the positions of every exam carry the registry's name. */
    public record AgencyRenamed(String code, String name) {}
}
