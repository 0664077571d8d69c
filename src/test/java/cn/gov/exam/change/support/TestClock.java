package cn.gov.exam.change.support;

import cn.gov.exam.change.common.AppClock;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.time.Duration;
import java.time.Instant;

/** The service's clock in tests: real time unless a test sets it; tests move it instead of sleeping. */
@Alternative
@Priority(1)
@ApplicationScoped
public class TestClock extends AppClock {
    private volatile Instant fixed;

    @Override
    public Instant now() {
        Instant f = fixed;
        return f != null ? f : super.now();
    }

    public void set(Instant instant) {
        fixed = instant;
    }

    public void advance(Duration d) {
        fixed = now().plus(d);
    }

    public void reset() {
        fixed = null;
    }
}
