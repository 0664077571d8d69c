package cn.gov.exam.change.common.metrics;

import cn.gov.exam.change.common.problems.ProblemException;
import cn.gov.exam.change.common.sql.DatabaseFailures;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Counts the outcomes of the requests that matter on deadline day (switches, sign-ins) by what the
 * caller was answered: a success's own name, a problem's slug, {@code service-unavailable} for a
 * database outage, {@code error} for anything else. The slugs are a closed set (ProblemType), so
 * the tag's values are bounded.
 */
@ApplicationScoped
public class Outcomes {
    public static final String SWITCHES = "exam_switch_requests";
    public static final String SIGN_INS = "exam_sign_ins";

    @Inject
    MeterRegistry registry;

    private final ConcurrentMap<String, Counter> counters = new ConcurrentHashMap<>();

    /** One more {@code metric} (a counter, _total on /q/metrics) with these tags. */
    public void count(String metric, String kind, String outcome) {
        counters.computeIfAbsent(
                        metric + '\u0000' + kind + '\u0000' + outcome,
                        k -> Counter.builder(metric)
                                .tag("kind", kind)
                                .tag("outcome", outcome)
                                .register(registry))
                .increment();
    }

    /** The outcome name of a failure. */
    public static String of(Throwable failure) {
        if (failure instanceof ProblemException p) {
            return p.type().slug;
        }
        return DatabaseFailures.classify(failure) == DatabaseFailures.Kind.NONE ? "error" : "service-unavailable";
    }
}
