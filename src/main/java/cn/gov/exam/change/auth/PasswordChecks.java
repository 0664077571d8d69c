package cn.gov.exam.change.auth;

import cn.gov.exam.change.common.Passwords;
import cn.gov.exam.change.common.AppConfig;
import cn.gov.exam.change.common.ForegroundRequests;
import cn.gov.exam.change.common.ProblemException;
import cn.gov.exam.change.common.ProblemType;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * rather than waiting without limit while switching and status reads stall. A check gives way to
 * the other requests in flight between its slices of about a millisecond
 * ({@code app.sign-in.password-check-yield}), and its threads run at a low OS priority
 * ({@code app.sign-in.password-check-nice} and, by default, the SCHED_IDLE policy): checks take the
 * CPU that switching and status reads leave idle, and give it back within a slice when they need it.
 */
@ApplicationScoped
public class PasswordChecks {
    private static final Logger LOG = Logger.getLogger(PasswordChecks.class);
    private final ThreadPoolExecutor pool;
    private final ForegroundRequests foreground;
    private final long yieldNanos;

    @Inject
    public PasswordChecks(AppConfig config, ForegroundRequests foreground) {
        this.foreground = foreground;
        this.yieldNanos = config.signIn().passwordCheckYield().toNanos();
        int threads = config.signIn().passwordCheckThreads()
                .orElse(Runtime.getRuntime().availableProcessors());
        AtomicInteger n = new AtomicInteger();
        int nice = config.signIn().passwordCheckNice();
        boolean idle = config.signIn().passwordCheckIdlePolicy();
        pool = new ThreadPoolExecutor(threads, threads, 1, TimeUnit.MINUTES,
                new ArrayBlockingQueue<>(config.signIn().passwordCheckQueue()), r -> {
            Thread t = new Thread(() -> {
                lowerPriority(nice, idle);
                r.run();
            }, "password-check-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.AbortPolicy());
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
            check = pool.submit(() -> Passwords.matches(password, hash, this::giveWay));
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

    /** Between two slices of a check: other requests first (app.sign-in.password-check-yield). */
    private void giveWay() {
        try {
            foreground.awaitQuiet(yieldNanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // shutting down: the check finishes without waiting
        }
    }

    /**
     * Linux nice and scheduling policy are per thread, and Java has no call for either (thread
     * priorities are ignored unless the JVM runs as root with -XX:ThreadPriorityPolicy=1, and then
     * reach only nice 4): the thread lowers its own by its thread id with util-linux's renice and
     * chrt. Where that fails (not Linux, no util-linux) it runs at the normal priority and says so.
     */
    private static void lowerPriority(int nice, boolean idle) {
        if (nice <= 0 && !idle) {
            return;
        }
        try {
            Path self = Files.readSymbolicLink(Path.of("/proc/thread-self")); // "<pid>/task/<tid>"
            String tid = self.getFileName().toString();
            if (nice > 0) {
                run(tid, "renice", "--priority", String.valueOf(nice), "-p", tid);
            }
            if (idle) {
                run(tid, "chrt", "--idle", "--pid", "0", tid);
            }
        } catch (IOException | UnsupportedOperationException e) {
            LOG.warnf("Password-check threads run at the normal priority (%s)", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void run(String tid, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (p.waitFor() != 0) {
            LOG.warnf("%s of password-check thread %s failed: it runs at the normal priority", command[0], tid);
        }
    }

    private static ProblemException busy() {
        return new ProblemException(ProblemType.SERVICE_BUSY,
                "Too many sign-ins at this moment: please try again in a second").with("retryAfterSeconds", 1);
    }

    void stop(@Observes ShutdownEvent event) {
        pool.shutdownNow();
    }
}
