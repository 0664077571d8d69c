package cn.gov.exam.change.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for something the service does on its own threads: the 20 s bound a failure, not a timing. */
public final class Eventually {
    private Eventually() {}

    /** Returns once {@code condition} holds; fails with {@code what} (evaluated then) after 20 s. */
    public static void await(BooleanSupplier condition, Supplier<String> what) throws InterruptedException {
        await(Duration.ofSeconds(20), condition, what);
    }

    /** As {@link #await(BooleanSupplier, Supplier)}, failing after {@code bound}. */
    public static void await(Duration bound, BooleanSupplier condition, Supplier<String> what)
            throws InterruptedException {
        long giveUp = System.nanoTime() + bound.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > giveUp) {
                fail(what.get());
            }
            Thread.sleep(10);
        }
    }
}
