package cn.gov.exam.change.support;

import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The export tests: each test runs inside the switch window of the {@link ExportFixture}'s exams. */
public abstract class ExportTestBase {
    @Inject
    protected TestClock clock;

    @BeforeEach
    void duringTheWindow() {
        clock.set(ExportFixture.DURING);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }
}
