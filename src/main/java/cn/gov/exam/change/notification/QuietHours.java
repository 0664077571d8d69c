package cn.gov.exam.change.notification;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;

/**
 * The quiet hours of {@code app.notifications.quiet-hours} ({@code 22:00-08:00}, or {@code none}):
 * in the exam's time zone, a message made in them waits for their end, unless it is urgent (a
 * cancellation or reminder whose switch deadline falls before they end).
 */
record QuietHours(LocalTime start, LocalTime end) {
    static final QuietHours NONE = new QuietHours(null, null);

    static QuietHours parse(String value) {
        String v = value.trim();
        if (v.equalsIgnoreCase("none")) {
            return NONE;
        }
        String[] parts = v.split("-");
        try {
            if (parts.length == 2) {
                LocalTime start = LocalTime.parse(parts[0].trim());
                LocalTime end = LocalTime.parse(parts[1].trim());
                if (!start.equals(end)) {
                    return new QuietHours(start, end);
                }
            }
        } catch (DateTimeParseException e) {
            // told below
        }
        throw new IllegalArgumentException("app.notifications.quiet-hours must be HH:mm-HH:mm or none, not " + value);
    }

    /** When a message of {@code kind} made at {@code created} may be sent. */
    Instant releaseAt(Instant created, ZoneId zone, NotificationKind kind, Instant switchDeadline) {
        if (start == null) {
            return created;
        }
        ZonedDateTime at = created.atZone(zone);
        LocalTime t = at.toLocalTime();
        boolean quiet =
                start.isBefore(end) ? !t.isBefore(start) && t.isBefore(end) : !t.isBefore(start) || t.isBefore(end);
        if (!quiet) {
            return created;
        }
        ZonedDateTime release = at.with(end).withSecond(0).withNano(0);
        if (!release.isAfter(at)) {
            release = release.plusDays(1);
        }
        Instant releaseAt = release.toInstant();
        if (kind.urgentBeforeDeadline() && switchDeadline != null && switchDeadline.isBefore(releaseAt)) {
            return created;
        }
        return releaseAt;
    }
}
