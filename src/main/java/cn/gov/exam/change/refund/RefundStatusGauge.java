package cn.gov.exam.change.refund;

import cn.gov.exam.change.common.sql.DatabaseFailures;
import cn.gov.exam.change.common.sql.Jdbc;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
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
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Refunds by status, for deadline day's dashboard: counted every {@code app.metrics.refresh-every}
 * from the (exam, status) index alone and cached, so a scrape never reads the refund table.
 */
@ApplicationScoped
public class RefundStatusGauge {
    private static final Logger LOG = Logger.getLogger(RefundStatusGauge.class);

    @Inject
    Jdbc jdbc;

    @Inject
    MeterRegistry registry;

    private final Map<RefundStatus, AtomicLong> counts = new EnumMap<>(RefundStatus.class);

    /** Created at start, so that the gauges exist before the first scrape. */
    void onStart(@Observes StartupEvent event) {}

    // Registered when the bean is made, before its scheduled refresh can run (which may come first).
    @PostConstruct
    void register() {
        for (RefundStatus status : RefundStatus.values()) {
            AtomicLong count = new AtomicLong();
            counts.put(status, count);
            Gauge.builder("exam_refunds", count, AtomicLong::get)
                    .description("Refunds by status, all exams")
                    .tag("status", status.name())
                    .register(registry);
        }
    }

    @Scheduled(every = "${app.metrics.refresh-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            refresh();
        } catch (RuntimeException e) {
            DatabaseFailures.reportFailure(
                    e, "the refund status gauge", LOG, Logger.Level.WARN, "The refund status gauge could not be read");
        }
    }

    /** Counts the refunds again and publishes the counts. */
    public Map<RefundStatus, Long> refresh() {
        Map<RefundStatus, Long> read = new EnumMap<>(RefundStatus.class);
        for (RefundStatus status : RefundStatus.values()) {
            read.put(status, 0L);
        }
        try (Connection conn = jdbc.connection();
                PreparedStatement ps = conn.prepareStatement("select status, count(*) from refund group by status");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                read.put(RefundStatus.valueOf(rs.getString(1)), rs.getLong(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Counting refunds by status failed", e);
        }
        read.forEach((status, n) -> counts.get(status).set(n));
        return read;
    }
}
