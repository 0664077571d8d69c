package cn.gov.exam.change.webhook;

import cn.gov.exam.change.common.AppClock;
import cn.gov.exam.change.common.AppConfig;
import cn.gov.exam.change.common.sql.DatabaseFailures;
import cn.gov.exam.change.common.sql.Jdbc;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Runs this instance's dispatcher as a continuous pipeline ({@link Pipeline}):
 * it claims more due deliveries as earlier calls end and their outcomes are recorded, up to
 * {@code app.webhooks.batch-size} claimed and not yet recorded, while another thread records the
 * ended calls in batches (those of {@value #RECORD_LINGER_MS} ms, one transaction each). With
 * nothing in flight and nothing due it waits until a transaction that queued a delivery commits (PostgreSQL {@code NOTIFY webhook_due}, sent by
 * {@link Outbox#wakeDispatchers()}), a message put back becomes due, or the poll interval
 * ({@code app.webhooks.dispatch-every}) has passed, the fallback should a notification be lost
 * (the listening connection broken, say).
 */
@ApplicationScoped
public class DispatchLoop {
    private static final Logger LOG = Logger.getLogger(DispatchLoop.class);
    static final String CHANNEL = "webhook_due";

    @Inject
    WebhookDispatcher dispatcher;

    @Inject
    Jdbc jdbc;

    @Inject
    AppConfig config;

    @Inject
    AppClock clock;

    private final Semaphore wake = new Semaphore(0);
    private final AtomicLong notified = new AtomicLong();
    private final AtomicLong polled = new AtomicLong();
    private volatile boolean running;
    private volatile boolean listening;
    private Thread listener;
    private Thread worker;
    private Thread recorder;
    private volatile boolean workerDone;
    private volatile Pipeline pipeline;
    /**
     * How long the recorder gathers ended calls after the first before it records them: a few
     * larger transactions cost the database less per outcome (statements, commits) than many
     * small ones, and an outcome recorded 20 ms later changes nothing for the payment system.
     */
    static final long RECORD_LINGER_MS = 20;

    void onStart(@Observes StartupEvent event) {
        String every = config.webhooks().dispatchEvery();
        if (!"off".equalsIgnoreCase(every.trim())) {
            start(Duration.parse("PT" + every.trim().toUpperCase(Locale.ROOT)));
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    /** Starts the loop with this poll interval (tests, whose dispatch-every is off, start it themselves). */
    public synchronized void start(Duration poll) {
        if (running) {
            return;
        }
        running = true;
        listener = new Thread(this::listen, "webhook-listener");
        listener.setDaemon(true);
        listener.start();
        workerDone = false;
        pipeline = dispatcher.pipeline(WebhookDispatcher.INSTANCE);
        worker = new Thread(
                () -> {
                    try {
                        work(poll);
                    } finally {
                        workerDone = true;
                    }
                },
                "webhook-dispatcher");
        worker.setDaemon(true);
        worker.start();
        recorder = new Thread(this::record, "webhook-recorder");
        recorder.setDaemon(true);
        recorder.start();
    }

    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        wake.release();
        for (Thread t : new Thread[] {worker, listener, recorder}) {
            try {
                t.join(
                        t == recorder
                                ? config.webhooks().timeout().plusSeconds(20).toMillis()
                                : 10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        listening = false;
    }

    /** Whether the loop is subscribed to the notifications now. */
    public boolean listening() {
        return listening;
    }

    /** Waits that a notification ended. */
    public long wokenByNotification() {
        return notified.get();
    }

    /** Waits that ran out their whole poll interval. */
    public long wokenByPoll() {
        return polled.get();
    }

    private void work(Duration poll) {
        int budget = Math.max(1, config.webhooks().batchSize());
        // Claims come in batches of at least a quarter of the budget while calls are in flight
        // (fewer, larger claims); when nothing is in flight, whatever is due.
        int least = Math.max(1, budget / 4);
        while (running) {
            Pipeline p = pipeline;
            int room = budget - p.outstanding();
            int claimed = 0;
            if (room >= least || (room > 0 && p.outstanding() == 0)) {
                try {
                    claimed = p.claimMore(room);
                } catch (RuntimeException | Error e) {
                    DatabaseFailures.reportFailure(
                            e,
                            "webhook dispatcher",
                            LOG,
                            Logger.Level.ERROR,
                            "Claiming webhook deliveries failed; it is retried");
                    sleepQuietly(100);
                    continue;
                }
            }
            if (claimed > 0 || !running) {
                continue; // claim what is due while there is room
            }
            try {
                if (p.outstanding() > 0) {
                    // Calls in flight: claim again once some of them are recorded (or a poll's time at most).
                    p.awaitProgress(Math.min(poll.toMillis(), 100));
                    continue;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            Duration wait = poll;
            Instant soonest = dispatcher.takeSoonest();
            if (soonest != null) {
                Duration until = Duration.between(clock.now(), soonest);
                if (until.compareTo(wait) < 0) {
                    wait = until.isNegative() ? Duration.ZERO : until;
                }
            }
            try {
                if (wake.tryAcquire(Math.max(1, wait.toMillis()), TimeUnit.MILLISECONDS)) {
                    wake.drainPermits();
                    notified.incrementAndGet();
                } else if (wait.equals(poll)) {
                    polled.incrementAndGet();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Records the pipeline's ended calls in batches: what ended within {@link #RECORD_LINGER_MS}
     * of the first, at most a claim budget, in one transaction. After the loop is stopped it goes
     * on until every claimed delivery is recorded (each call ends within its timeout), so that
     * none waits for its lease to run out and is sent again.
     */
    private void record() {
        int max = Math.max(1, config.webhooks().batchSize());
        long giveUp = Long.MAX_VALUE;
        Pipeline p = pipeline;
        while (true) {
            if (!running && workerDone && p.outstanding() == 0) {
                return;
            }
            if (!running && workerDone && giveUp == Long.MAX_VALUE) {
                giveUp = System.nanoTime()
                        + config.webhooks().timeout().plusSeconds(10).toNanos();
            }
            if (System.nanoTime() > giveUp) {
                LOG.warnf(
                        "%d webhook calls did not end before shutdown; they are sent again when their lease ends",
                        p.outstanding());
                return;
            }
            try {
                p.recordSome(100, RECORD_LINGER_MS, max);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | Error e) {
                DatabaseFailures.reportFailure(
                        e, "webhook dispatcher", LOG, Logger.Level.ERROR, "Recording webhook outcomes failed");
            }
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One connection of the pool, kept for LISTEN; taken again after a failure. */
    private void listen() {
        while (running) {
            try (Connection c = jdbc.connection()) {
                c.setAutoCommit(true);
                try (Statement st = c.createStatement()) {
                    st.execute("listen " + CHANNEL);
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                listening = true;
                // A round right away: what was queued before the listening began.
                wake.release();
                while (running) {
                    PGNotification[] got = pg.getNotifications(500);
                    if (got != null && got.length > 0) {
                        wake.release();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                listening = false;
                if (running) {
                    DatabaseFailures.reportFailure(
                            e,
                            "webhook listener",
                            LOG,
                            Logger.Level.WARN,
                            "Listening for due webhooks failed; polling until it is back");
                    try {
                        Thread.sleep(1_000);
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
        listening = false;
    }
}
