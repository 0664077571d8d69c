package cn.gov.exam.change.exam;

import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An exam's settings and timeline as the bureau enters them. On an update, the optional fields
 * (maxSwitches, feeAmount, registrationClosedAt, helpContact, smsSignature) keep their current value when omitted or null.
 */
@Schema(
        description = "An exam's settings and timeline. Creating: maxSwitches defaults to 1, feeAmount and "
                + "registrationClosedAt to none. Updating (PUT): maxSwitches, feeAmount, registrationClosedAt, helpContact and smsSignature keep their "
                + "current value when omitted or null; every other field is required and replaces the current value")
public record ExamRequest(
        @NotBlank
        @Size(max = 40)
        @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9_-]*", message = "may hold letters, digits, - and _ only")
        String code,

        @NotBlank @Size(max = 200) String name,
        @NotBlank @Size(max = 64) String timeZone,
        @NotNull @Min(1) @Max(100) Integer defaultRatio,
        @NotNull Boolean reduceQuotaBeforeCancel,

        @Schema(description = "switches allowed per applicant; default 1 on create, kept when omitted on update")
        @Min(0)
        @Max(10)
        Integer maxSwitches,

        @Schema(description = "the registration fee in CNY; kept when omitted on update")
        @PositiveOrZero
        @Digits(integer = 8, fraction = 2, message = "must be an amount below 100000000 with at most 2 decimals")
        BigDecimal feeAmount,

        @Schema(description = "when registration closed; kept when omitted on update")
        OffsetDateTime registrationClosedAt,

        @NotNull OffsetDateTime switchWindowOpensAt,
        @NotNull OffsetDateTime switchDeadline,
        @NotNull OffsetDateTime reviewDeadline,

        @Schema(
                description = "whom applicants contact when stuck: a phone number and office hours, e.g. "
                        + "\"0351-1234567（工作日 8:30–17:30）\"; optional (the configured default is shown without it), kept "
                        + "when omitted on update; an empty string removes it")
        @Size(max = 200)
        String helpContact,

        @Schema(
                description = "the SMS signature that begins every text sent to the exam's applicants, written "
                        + "without its brackets (\"山西省人事考试中心\" gives 【山西省人事考试中心】); optional (the "
                        + "configured default without it), kept when omitted on update; an empty string removes it")
        @Size(max = 12)
        @Pattern(regexp = "[^【】\\[\\]]*", message = "without brackets")
        String smsSignature) {}
