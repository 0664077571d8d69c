package cn.gov.exam.change.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class QuietHoursTest {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final QuietHours NIGHT = QuietHours.parse("22:00-08:00");

    static Instant at(String local) {
        return OffsetDateTime.parse(local + "+08:00").toInstant();
    }

    @Test
    void aMessageOfTheNightWaitsForEightInTheExamsTimeZone() {
        Instant deadline = at("2023-01-16T12:00:00");
        assertEquals(
                at("2023-01-15T08:00:00"),
                NIGHT.releaseAt(at("2023-01-14T22:00:00"), SHANGHAI, NotificationKind.SWITCH_RECEIVED, deadline));
        assertEquals(
                at("2023-01-15T08:00:00"),
                NIGHT.releaseAt(at("2023-01-15T03:10:00"), SHANGHAI, NotificationKind.POSITION_CANCELLED, deadline));
        assertEquals(
                at("2023-01-15T08:00:00"),
                NIGHT.releaseAt(at("2023-01-15T08:00:00"), SHANGHAI, NotificationKind.REFUND_QUEUED, deadline));
        assertEquals(
                at("2023-01-14T21:59:59"),
                NIGHT.releaseAt(at("2023-01-14T21:59:59"), SHANGHAI, NotificationKind.REFUND_QUEUED, deadline));
        // The same instant in another zone is daytime there.
        assertEquals(
                at("2023-01-14T23:00:00"),
                NIGHT.releaseAt(
                        at("2023-01-14T23:00:00"),
                        ZoneId.of("Europe/London"),
                        NotificationKind.REFUND_QUEUED,
                        deadline));
    }

    @Test
    void aCancellationOrReminderWhoseDeadlineFallsInTheQuietHoursGoesAtOnce() {
        Instant deadline = at("2023-01-15T07:00:00");
        Instant night = at("2023-01-15T01:00:00");
        assertEquals(night, NIGHT.releaseAt(night, SHANGHAI, NotificationKind.POSITION_CANCELLED, deadline));
        assertEquals(night, NIGHT.releaseAt(night, SHANGHAI, NotificationKind.DEADLINE_REMINDER, deadline));
        assertEquals(
                at("2023-01-15T08:00:00"),
                NIGHT.releaseAt(night, SHANGHAI, NotificationKind.SWITCH_RECEIVED, deadline));
    }

    @Test
    void noneTurnsThemOffAndAnythingElseIsRefused() {
        Instant night = at("2023-01-15T01:00:00");
        assertEquals(night, QuietHours.parse("none").releaseAt(night, SHANGHAI, NotificationKind.REFUND_FAILED, null));
        assertEquals(
                at("2023-01-15T06:30:00"),
                QuietHours.parse("01:00-06:30").releaseAt(night, SHANGHAI, NotificationKind.REFUND_FAILED, null));
        assertThrows(IllegalArgumentException.class, () -> QuietHours.parse("22-8"));
        assertThrows(IllegalArgumentException.class, () -> QuietHours.parse("08:00-08:00"));
    }

    @Test
    void everyTextFitsOneSmsWithTheLongestSignatureAndReasonAndAPositionCodeOf20() {
        String signature = "一".repeat(12);
        String code = "C".repeat(20);
        String help = "0351-1234567（工作日 8:30–17:30）";
        for (NotificationKind k : NotificationKind.values()) {
            String t = k == NotificationKind.REVIEW_REJECTED
                    ? NotificationTexts.rejected(false)
                    : NotificationTexts.template(k);
            String text = String.format(
                    t, signature, code, "12月31日23:59", help, NotificationTexts.reason("理".repeat(80)), "微信支付");
            org.junit.jupiter.api.Assertions.assertTrue(
                    text.length() <= NotificationTexts.MAX_LENGTH, k + ": " + text.length());
        }
    }
}
