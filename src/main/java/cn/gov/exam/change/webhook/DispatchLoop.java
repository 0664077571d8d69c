package cn.gov.exam.change.webhook;

import cn.gov.exam.change.common.AppClock;
import cn.gov.exam.change.common.AppConfig;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs this instance's dispatcher: round after round while there is work, then waits until a
 * transaction that queued a delivery commits (PostgreSQL {@code NOTIFY webhook_due}, sent by
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
    AgroalDataSource dataSource;
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
        worker = new Thread(() -> work(poll), "webhook-dispatcher");
        worker.setDaemon(true);
        worker.start();
    }

    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        wake.release();
        for (Thread t : new Thread[]{worker, listener}) {
            try {
                t.join(10_000);
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
        while (running) {
            int claimed;
            try {
                claimed = dispatcher.dispatchOnce(WebhookDispatcher.INSTANCE);
            } catch (RuntimeException | Error e) {
                LOG.error("Webhook dispatch round failed; it is retried", e);
                claimed = 0;
            }
            if (claimed > 0 || !running) {
                continue; // drain what is due
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

    /** One connection of the pool, kept for LISTEN; taken again after a failure. */
    private void listen() {
        while (running) {
            try (Connection c = dataSource.getConnection()) {
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
                    LOG.warn("Listening for due webhooks failed; polling until it is back", e);
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
