import cn.gov.exam.change.common.credentials.Passwords;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The service's own bcrypt check (common/credentials/Passwords, Bouncy Castle) alone in a JVM, the counterpart of bench/bcrypt-rate.c:
 * THREADS threads each verify PASSWORD against HASH for SECONDS seconds, after a few seconds of
 * warm-up for the JIT; prints the checks per second and the CPU milliseconds per check.
 * {@code java -cp "target/classes:target/quarkus-app/lib/main/*" bench/BcryptRate.java HASH PASSWORD THREADS SECONDS}
 */
public class BcryptRate {
    public static void main(String[] a) throws Exception {
        String hash = a[0], password = a[1];
        int threads = Integer.parseInt(a[2]);
        long nanos = (long) (Double.parseDouble(a[3]) * 1e9);
        for (long end = System.nanoTime() + 3_000_000_000L; System.nanoTime() < end; ) {
            check(password, hash);
        }
        AtomicLong checks = new AtomicLong();
        AtomicLong cpu = new AtomicLong();
        Thread[] ts = new Thread[threads];
        long start = System.nanoTime();
        for (int i = 0; i < threads; i++) {
            ts[i] = new Thread(() -> {
                var mx = ManagementFactory.getThreadMXBean();
                long c0 = mx.getCurrentThreadCpuTime();
                long n = 0;
                for (long end = start + nanos; System.nanoTime() < end; n++) {
                    check(password, hash);
                }
                checks.addAndGet(n);
                cpu.addAndGet(mx.getCurrentThreadCpuTime() - c0);
            });
            ts[i].start();
        }
        for (Thread t : ts) {
            t.join();
        }
        double took = (System.nanoTime() - start) / 1e9;
        System.out.printf("%.2f %.1f%n", checks.get() / took, cpu.get() / 1e6 / checks.get());
    }

    static void check(String password, String hash) {
        if (!Passwords.matches(password, hash)) {
            throw new AssertionError("the password does not match the hash");
        }
    }
}
