package cn.gov.exam.change.auth;

import cn.gov.exam.change.common.AppConfig;
import cn.gov.exam.change.common.credentials.Passwords;
import cn.gov.exam.change.common.problems.ProblemException;
import cn.gov.exam.change.common.problems.ProblemType;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * bcrypt checks run here, on a bounded pool of their own with a bounded queue: a stream of
 * sign-ins (a deadline rush, or an attack) costs at most this pool's threads of CPU instead of
 * every worker thread, and past the queue a sign-in is answered {@code 503 service-busy} at once
 * rather than waiting without limit while switching and status reads stall. By default the pool has
 * half the cores: with all of them, a sign-in flood on 2 cores took switching's p99 from 6.5–61 ms to
 * 144 ms (bench/sign-in.sh), and the host's scheduler is not ours to tune.
 */
// Started with the service, so that its queue's gauges are there before the first sign-in.
@io.quarkus.runtime.Startup
@ApplicationScoped
public class PasswordChecks {
    private final ThreadPoolExecutor pool;

    @Inject
    public PasswordChecks(AppConfig config, MeterRegistry registry) {
        int threads = config.signIn()
                .passwordCheckThreads()
                .orElse(Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
        AtomicInteger n = new AtomicInteger();
        pool = new ThreadPoolExecutor(
                threads,
                threads,
                1,
                TimeUnit.MINUTES,
                new ArrayBlockingQueue<>(config.signIn().passwordCheckQueue()),
                r -> {
                    Thread t = new Thread(r, "password-check-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                },
                new ThreadPoolExecutor.AbortPolicy());
        // Deadline day: sign-ins waiting for a check against the queue's room (full: 503 service-busy).
        Gauge.builder("exam_password_check_queue", pool, p -> p.getQueue().size())
                .description("Sign-ins waiting for a password check")
                .register(registry);
        Gauge.builder(
                        "exam_password_check_queue_capacity",
                        pool,
                        p -> config.signIn().passwordCheckQueue())
                .register(registry);
        Gauge.builder("exam_password_check_active", pool, ThreadPoolExecutor::getActiveCount)
                .description("Password checks running")
                .register(registry);
    }

    /**
     * Turns a sign-in away at once, before any database work, while the queue is full: a flood of
     * sign-ins that are bound to be refused must not eat the CPU the password checks need.
     */
    public void admit() {
        if (pool.getQueue().remainingCapacity() == 0) {
            throw busy();
        }
    }

    /** Whether the password matches the bcrypt hash (null: an unknown account, checked against a dummy). */
    public boolean matches(String password, String hash) {
        Future<Boolean> check;
        try {
            check = pool.submit(() -> Passwords.matches(password, hash));
        } catch (RejectedExecutionException e) {
            throw busy();
        }
        try {
            return check.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            check.cancel(true);
            throw new IllegalStateException("Interrupted while checking a password", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("A password check failed", e.getCause());
        }
    }

    private static ProblemException busy() {
        return new ProblemException(
                        ProblemType.SERVICE_BUSY, "Too many sign-ins at this moment: please try again in a second")
                .with("retryAfterSeconds", 1);
    }

    void stop(@Observes ShutdownEvent event) {
        pool.shutdownNow();
    }
}
