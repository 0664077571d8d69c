package cn.gov.exam.change.notification;

import cn.gov.exam.change.common.AppClock;
import cn.gov.exam.change.common.AppConfig;
import cn.gov.exam.change.common.sql.DatabaseFailures;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Sends the reminders before each open exam's switch deadline, at {@code app.notifications.
 * reminder-offsets} (24 h and 2 h), to those who have neither switched nor declined. A reminder is
 * due from its time until the deadline; one whose time had passed when the window opened (or the
 * ratio check was published) is never sent, nor one overtaken by a later reminder already due.
 * Several instances may run it at once: the notification_once key sends each once.
 */
@ApplicationScoped
public class DeadlineReminderJob {
    private static final Logger LOG = Logger.getLogger(DeadlineReminderJob.class);

    @Inject
    Notifier notifier;

    @Inject
    AppClock clock;

    @Inject
    AppConfig config;

    @Inject
    EntityManager em;

    @Scheduled(
            every = "${app.notifications.reminder-check-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            run();
        } catch (RuntimeException e) {
            DatabaseFailures.reportFailure(
                    e,
                    "deadline reminders",
                    LOG,
                    Logger.Level.ERROR,
                    "Deadline reminders failed; they are retried on the next run");
        }
    }

    /** Returns how many reminders were made. */
    public int run() {
        Instant now = clock.now();
        List<Duration> offsets = config.notifications().reminderOffsets().stream()
                .sorted(Comparator.reverseOrder())
                .toList();
        @SuppressWarnings("unchecked")
        List<Tuple> exams = QuarkusTransaction.requiringNew()
                .call(() -> em.createNativeQuery("""
                        select id, greatest(switch_window_opens_at, published_at), switch_deadline from exam
                        where published_at is not null and switch_deadline > ?1 and switch_window_opens_at <= ?1""", Tuple.class)
                        .setParameter(1, now)
                        .getResultList());
        int made = 0;
        for (Tuple t : exams) {
            long examId = ((Number) t.get(0)).longValue();
            Instant opened = cn.gov.exam.change.common.sql.SqlValues.instant(t.get(1));
            Instant deadline = cn.gov.exam.change.common.sql.SqlValues.instant(t.get(2));
            Duration due = dueOffset(offsets, opened, deadline, now);
            if (due != null) {
                made += QuarkusTransaction.requiringNew()
                        .call(() -> notifier.deadlineReminder(examId, due))
                        .notifications();
            }
        }
        if (made > 0) {
            LOG.infof("Made %d deadline reminders", made);
        }
        return made;
    }

    /**
     * The reminder due now: the latest one whose time has come (an earlier one is overtaken), and
     * none whose time had passed when the window opened.
     */
    static Duration dueOffset(List<Duration> offsetsLargestFirst, Instant opened, Instant deadline, Instant now) {
        Duration due = null;
        for (Duration offset : offsetsLargestFirst) {
            Instant at = deadline.minus(offset);
            if (!now.isBefore(at) && !at.isBefore(opened)) {
                due = offset;
            }
        }
        return due;
    }
}
