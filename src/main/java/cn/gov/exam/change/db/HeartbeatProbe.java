package cn.gov.exam.change.db;

import cn.gov.exam.change.common.sql.DatabaseFailures;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgPool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Can the database take a write now? One connection of its own (a busy pool must not make the
 * instance look down), one transaction that rewrites the heartbeat table, and a timeout of its own:
 * a frozen server is a "no" after {@code timeout}, not a hung health check. The table is emptied
 * with TRUNCATE, which gives it a new, empty file, so the row written after it needs a new block on
 * disk: an in-place upsert of a row could go on succeeding inside a page that exists already while
 * every other write fails for lack of space.
 */
public class HeartbeatProbe {
    private final PgPool pool;
    private final Duration timeout;
    private final String instance;
    private final AtomicReference<Uni<String>> inFlight = new AtomicReference<>();

    public HeartbeatProbe(Vertx vertx, PgConnectOptions options, Duration timeout, String instance) {
        this.timeout = timeout;
        this.instance = instance;
        options.setConnectTimeout((int) timeout.toMillis()).setMetricsName("readiness-probe");
        this.pool = PgPool.pool(
                vertx,
                options,
                new PoolOptions()
                        .setMaxSize(1)
                        .setName("readiness-probe")
                        .setConnectionTimeout((int) timeout.toMillis())
                        .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS));
    }

    /** Null when the write succeeded within the timeout, else why not. Concurrent callers share one probe. */
    public Uni<String> beat() {
        Uni<String> current = inFlight.get();
        if (current != null) {
            return current;
        }
        Uni<String> probe = pool.withTransaction(conn -> conn.query("truncate heartbeat")
                        .execute()
                        .flatMap(r -> conn.preparedQuery("insert into heartbeat (instance, beat_at) values ($1, now())")
                                .execute(Tuple.of(instance))))
                .ifNoItem()
                .after(timeout)
                .fail()
                .map(r -> {
                    DatabaseFailures.recovered();
                    return (String) null;
                })
                .onFailure()
                .recoverWithItem(e -> {
                    DatabaseFailures.Kind kind = DatabaseFailures.classify(e);
                    DatabaseFailures.report(kind, e, "the readiness probe");
                    return kind == DatabaseFailures.Kind.DISK_FULL
                            ? "the database is out of disk space"
                            : e instanceof io.smallrye.mutiny.TimeoutException
                                    ? "no answer from the database within " + timeout.toMillis() + " ms"
                                    : "the database refused the write: "
                                            + e.getClass().getSimpleName();
                })
                .onTermination()
                .invoke(() -> inFlight.set(null))
                .memoize()
                .indefinitely();
        return inFlight.compareAndSet(null, probe) ? probe : beat();
    }

    public void close() {
        pool.closeAndForget();
    }
}
