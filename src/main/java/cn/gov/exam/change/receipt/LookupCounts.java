package cn.gov.exam.change.receipt;

import cn.gov.exam.change.audit.AuditService;
import cn.gov.exam.change.common.AppClock;
import cn.gov.exam.change.common.sql.DatabaseFailures;
import cn.gov.exam.change.common.sql.SqlValues;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The public lookups audited in aggregate: each lookup adds one to its hour's count (one row per
 * hour, whatever the instance), and once the hour is over its counts become one audit event
 * ({@code receipt.lookups}, subject {@code receipt-lookups}/the hour). A lookup itself is not an
 * audit event: the log would otherwise be as long as an enumeration attempt.
 */
@ApplicationScoped
public class LookupCounts {
    private static final Logger LOG = Logger.getLogger(LookupCounts.class);

    /** What a lookup came to. */
    public enum Outcome {
        FOUND("found"),
        NOT_FOUND("not_found"),
        INVALID("invalid"),
        THROTTLED("throttled");

        final String column;

        Outcome(String column) {
            this.column = column;
        }
    }

    @Inject
    EntityManager em;

    @Inject
    AppClock clock;

    @Inject
    AuditService audit;

    /** Adds a lookup to its hour, in a transaction of its own (the lookup may then fail). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void add(Outcome outcome) {
        // The column name is one of the enum's constants, never input.
        em.createNativeQuery("insert into receipt_lookup_count as c (hour, " + outcome.column + ") values (?1, 1) "
                        + "on conflict (hour) do update set " + outcome.column + " = c." + outcome.column + " + 1")
                .setParameter(1, clock.now().truncatedTo(ChronoUnit.HOURS))
                .executeUpdate();
    }

    /** Turns the counts of the hours that are over into audit events; returns how many hours. */
    @Transactional
    public int audit() {
        @SuppressWarnings("unchecked")
        List<Tuple> hours = em.createNativeQuery("""
                        delete from receipt_lookup_count where hour < ?1
                        returning hour, found, not_found, invalid, throttled""", Tuple.class)
                .setParameter(1, clock.now().truncatedTo(ChronoUnit.HOURS))
                .getResultList();
        List<AuditService.Event> events = hours.stream()
                .map(t -> {
                    Instant hour = SqlValues.instant(t.get(0));
                    Map<String, Object> after = new LinkedHashMap<>();
                    after.put("from", hour.toString());
                    after.put("to", hour.plus(1, ChronoUnit.HOURS).toString());
                    after.put("found", ((Number) t.get(1)).intValue());
                    after.put("notFound", ((Number) t.get(2)).intValue());
                    after.put("invalid", ((Number) t.get(3)).intValue());
                    after.put("throttled", ((Number) t.get(4)).intValue());
                    return new AuditService.Event(
                            "receipt.lookups", "receipt-lookups", hour.toString(), null, null, after);
                })
                .toList();
        audit.recordAll(events);
        return events.size();
    }

    @Scheduled(every = "${app.receipts.lookup-audit-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            audit();
        } catch (RuntimeException e) {
            DatabaseFailures.reportFailure(
                    e,
                    "receipt lookup audit",
                    LOG,
                    Logger.Level.ERROR,
                    "Auditing the receipt lookups failed; they are audited on a later run");
        }
    }
}
