package cn.gov.exam.change.exam;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An exam as clients read it; instants are given in the exam's own time zone. */
public record ExamView(
        String code,
        String name,
        String timeZone,
        int defaultRatio,
        boolean reduceQuotaBeforeCancel,
        int maxSwitches,
        @Schema(nullable = true) String feeAmount,
        @Schema(nullable = true) OffsetDateTime registrationClosedAt,
        OffsetDateTime switchWindowOpensAt,
        OffsetDateTime switchDeadline,
        OffsetDateTime reviewDeadline,
        boolean published,
        @Schema(nullable = true) OffsetDateTime publishedAt,
        ExamPhase phase,

        @Schema(
                description = "whom applicants contact when stuck (phone number and office hours): the exam's own, "
                        + "else the configured default")
        String helpContact,

        @Schema(nullable = true, description = "the exam's own SMS signature (without brackets); null: the default")
        String smsSignature) {

    public static ExamView of(Exam e, Instant now, String defaultHelpContact) {
        ZoneId zone = ZoneId.of(e.timeZone);
        return new ExamView(
                e.code,
                e.name,
                e.timeZone,
                e.defaultRatio,
                e.reduceQuotaBeforeCancel,
                e.maxSwitches,
                e.feeAmount == null ? null : e.feeAmount.setScale(2).toPlainString(),
                at(e.registrationClosedAt, zone),
                at(e.switchWindowOpensAt, zone),
                at(e.switchDeadline, zone),
                at(e.reviewDeadline, zone),
                e.published(),
                at(e.publishedAt, zone),
                e.phaseAt(now),
                e.helpContactOr(defaultHelpContact),
                e.smsSignature);
    }

    static OffsetDateTime at(Instant instant, ZoneId zone) {
        return instant == null ? null : instant.atZone(zone).toOffsetDateTime();
    }
}
