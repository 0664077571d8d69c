package cn.gov.exam.change.common;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The API requests being served other than sign-ins ({@code /api/v1/auth/}), for background work
 * that gives way to them: the password checks wait between slices while any is in flight (auth's
 * PasswordChecks). The kernel's low priorities alone did not do it on two cores: beside CPU-bound
 * threads at SCHED_IDLE, switching's p99 still doubled, and an event-loop thread once went 106 ms
 * without the CPU while a safepoint, which stops every thread of the JVM, waited for it. Pages and
 * their assets do not count, nor would a connection that stays open (dev mode's WebSockets).
 */
@ApplicationScoped
public class ForegroundRequests {
    private static final String API = "/api/";
    private static final String SIGN_IN = "/api/v1/auth/";
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger waiting = new AtomicInteger();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition quiet = lock.newCondition();

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::count);
    }

    private void count(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        if (path.startsWith(API) && !path.startsWith(SIGN_IN)) {
            enter();
            ctx.addEndHandler(ended -> leave());
        }
        ctx.next();
    }

    public void enter() {
        inFlight.incrementAndGet();
    }

    public void leave() {
        if (inFlight.decrementAndGet() == 0 && waiting.get() > 0) {
            lock.lock();
            try {
                quiet.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /** Returns once no request is in flight, or after {@code maxNanos} at the latest. */
    public void awaitQuiet(long maxNanos) throws InterruptedException {
        if (inFlight.get() == 0 || maxNanos <= 0) {
            return;
        }
        // Counted before the check under the lock: a leave() that empties the count after it signals.
        waiting.incrementAndGet();
        lock.lock();
        try {
            long left = maxNanos;
            while (inFlight.get() > 0 && left > 0) {
                left = quiet.awaitNanos(left);
            }
        } finally {
            lock.unlock();
            waiting.decrementAndGet();
        }
    }

    /** Requests in flight now. */
    public int inFlight() {
        return inFlight.get();
    }
}
