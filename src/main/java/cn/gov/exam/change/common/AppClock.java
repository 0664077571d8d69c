package cn.gov.exam.change.common;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;

/**
 * The service's notion of now. Every rule that depends on time asks this bean, so that tests can
 * move it (the test sources replace it) instead of sleeping.
 */
@ApplicationScoped
public class AppClock {
    private final Clock clock = Clock.systemUTC();

    public Instant now() {
        return clock.instant();
    }
}
