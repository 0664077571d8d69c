package cn.gov.exam.change.webhook;

import cn.gov.exam.change.common.AppClock;
import cn.gov.exam.change.common.sql.DatabaseFailures;
import cn.gov.exam.change.common.sql.Jdbc;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The outbox's backlog per subscription, for deadline day's dashboard and alerts: messages pending
 * and the age of the oldest. Read every {@code app.metrics.refresh-every} from the pending rows'
 * partial index and cached; a scrape reads the cache, never the table. Every kind of message in the
 * outbox (refunds today, notifications once they share it) counts under its subscription.
 */
@ApplicationScoped
public class DeliveryBacklog {
    private static final Logger LOG = Logger.getLogger(DeliveryBacklog.class);

    @Inject
    Jdbc jdbc;

    @Inject
    AppClock clock;

    @Inject
    io.micrometer.core.instrument.MeterRegistry registry;

    private MultiGauge pending;
    private MultiGauge oldestAge;

    /** One subscription's backlog as last read. */
    public record Row(String subscription, long pending, double oldestAgeSeconds) {}

    /** Created at start, so that the gauges exist before the first scrape. */
    void onStart(@Observes StartupEvent event) {}

    // Registered when the bean is made, before its scheduled refresh can run (which may come first).
    @PostConstruct
    void register() {
        pending = MultiGauge.builder("exam_webhook_backlog")
                .description("Messages waiting for delivery, per subscription")
                .register(registry);
        oldestAge = MultiGauge.builder("exam_webhook_oldest_pending_age_seconds")
                .description("Age of the oldest message waiting for delivery, per subscription")
                .baseUnit("seconds")
                .register(registry);
    }

    @Scheduled(every = "${app.metrics.refresh-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            refresh();
        } catch (RuntimeException e) {
            DatabaseFailures.reportFailure(
                    e,
                    "the webhook backlog gauge",
                    LOG,
                    Logger.Level.WARN,
                    "The webhook backlog gauge could not be read");
        }
    }

    /** Reads the backlog again and publishes it; answers what it published. */
    public List<Row> refresh() {
        List<Row> rows = read();
        // Subscriptions are always published, with 0 when nothing waits, so an alert on growth
        // sees the drop to 0 rather than a series that vanishes.
        pending.register(
                rows.stream()
                        .map(r -> MultiGauge.Row.of(Tags.of("subscription", r.subscription()), r.pending()))
                        .toList(),
                true);
        oldestAge.register(
                rows.stream()
                        .map(r -> MultiGauge.Row.of(Tags.of("subscription", r.subscription()), r.oldestAgeSeconds()))
                        .toList(),
                true);
        return rows;
    }

    private List<Row> read() {
        try (Connection conn = jdbc.connection();
                // A message is claimed for the enabled subscription covering its channel at that moment
                // (subscription_id is set at the claim): the pending ones count under that one.
                PreparedStatement ps = conn.prepareStatement("""
                        with pending as (
                            select channel, count(*) as n, min(coalesce(not_before, created_at)) as oldest
                            from webhook_delivery
                            where status = 'PENDING' and (not_before is null or not_before <= ?) group by channel)
                        select s.id::text, coalesce(sum(p.n), 0), min(p.oldest)
                        from webhook_subscription s left join pending p on p.channel = any(s.channels)
                        where s.enabled
                        group by s.id
                        union all
                        select 'none', coalesce(sum(p.n), 0), min(p.oldest) from pending p
                        where not exists (select 1 from webhook_subscription s
                                          where s.enabled and p.channel = any(s.channels))
                        order by 1""")) {
            // An SMS held for the end of quiet hours is not late: it counts from when it may go.
            ps.setTimestamp(1, Timestamp.from(clock.now()));
            try (ResultSet rs = ps.executeQuery()) {
                List<Row> rows = new ArrayList<>();
                while (rs.next()) {
                    Timestamp oldest = rs.getTimestamp(3);
                    double age = oldest == null
                            ? 0
                            : Math.max(
                                    0,
                                    Duration.between(oldest.toInstant(), clock.now())
                                                    .toMillis()
                                            / 1000.0);
                    if (!"none".equals(rs.getString(1)) || rs.getLong(2) > 0) {
                        rows.add(new Row(rs.getString(1), rs.getLong(2), age));
                    }
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the webhook backlog failed", e);
        }
    }
}
