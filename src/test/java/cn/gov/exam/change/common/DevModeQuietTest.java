package cn.gov.exam.change.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.gov.exam.change.support.SwitchFixture;
import cn.gov.exam.change.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 23 point 11: `./mvnw quarkus:dev` on a fresh clone asks no question and its first requests
 * log no warning.
 */
@QuarkusTest
class DevModeQuietTest {
    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void theAnalyticsQuestionIsAnsweredInTheProjectsMavenConfig() throws IOException {
        // The Quarkus Maven plugin reads quarkus.analytics.disabled from the Maven JVM's system
        // properties (not from application.properties): .mvn/jvm.config is where the project sets them.
        List<String> options =
                List.of(Files.readString(Path.of(".mvn/jvm.config")).trim().split("\\s+"));
        assertTrue(options.contains("-Dquarkus.analytics.disabled=true"), "options: " + options);
    }

    @Test
    void theFirstSwitchLogsNoWarning() throws IOException {
        // The first use of the reactive pool (a switch) made Micrometer warn that its queue gauge was
        // registered twice (quarkusio/quarkus#47504); the log of this run holds every first use.
        SwitchFixture f = new SwitchFixture(1, 0);
        clock.set(SwitchFixture.DURING);
        f.switchTo(f.paid, "T-OK");
        List<String> warnings = new java.util.ArrayList<>();
        // The log and its rotated parts, this JVM's lines only (the file outlives a run: its format
        // names the process, "java[pid]").
        // (JSON since issue 29: "processId":pid).
        String thisJvm = "\"processId\":" + ProcessHandle.current().pid() + ",";
        try (var files = Files.list(Path.of("target"))) {
            for (Path p : files.filter(p -> p.getFileName().toString().startsWith("quarkus-test.log"))
                    .toList()) {
                Files.readAllLines(p, StandardCharsets.ISO_8859_1).stream()
                        .filter(l -> (l.contains(thisJvm)
                                        || l.contains(
                                                "[" + ProcessHandle.current().pid() + "]"))
                                && l.contains("has been already registered"))
                        .forEach(warnings::add);
            }
        }
        assertEquals(List.of(), warnings);
    }
}
