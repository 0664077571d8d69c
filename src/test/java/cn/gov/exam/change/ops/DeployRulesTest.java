package cn.gov.exam.change.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 29: the alert rules and the dashboard in deploy/. The rules are checked by Prometheus's own
 * promtool where it is installed (Debian's prometheus package), and their shape here in any case;
 * ObservabilityTest checks that every metric they name is served.
 */
class DeployRulesTest {
    private static final Path RULES = Path.of("deploy/prometheus/position-change.rules.yml");

    @Test
    void theIssuesAlertsAreThereEachWithAnExpressionAWaitAndASeverity() throws Exception {
        JsonNode rules = new YAMLMapper().readTree(RULES.toFile()).at("/groups/0/rules");
        Set<String> names = new TreeSet<>();
        for (JsonNode rule : rules) {
            names.add(rule.get("alert").asText());
            assertTrue(!rule.get("expr").asText().isBlank(), rule.toString());
            assertTrue(rule.get("for").asText().matches("\\d+[smh]"), rule.toString());
            assertTrue(
                    Set.of("warning", "critical")
                            .contains(rule.at("/labels/severity").asText()),
                    rule.toString());
            assertTrue(rule.at("/annotations/summary").isTextual(), rule.toString());
        }
        assertTrue(
                names.containsAll(Set.of(
                        "PositionChangeInstanceNotReady",
                        "PositionChangeDeliveryBacklogGrowing",
                        "PositionChangeOldestDeliveryTooOld",
                        "PositionChangeErrorRatio")),
                names.toString());
        JsonNode oldest = find(rules, "PositionChangeOldestDeliveryTooOld");
        assertTrue(oldest.get("expr").asText().endsWith("> 600"), "ten minutes: " + oldest);
    }

    @Test
    void promtoolAcceptsTheRulesWhereItIsInstalled() throws Exception {
        File promtool = new File("/usr/bin/promtool");
        if (!promtool.canExecute()) {
            return; // the shape test above still ran; deploy/check.sh says how to install it
        }
        Process p = new ProcessBuilder(promtool.getPath(), "check", "rules", RULES.toString())
                .redirectErrorStream(true)
                .start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "promtool finished");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("SUCCESS"), out);
    }

    @Test
    void theDashboardIsGrafanaJsonWithAQueryInEveryPanel() throws Exception {
        JsonNode dashboard = new ObjectMapper()
                .readTree(
                        Path.of("deploy/grafana/position-change-dashboard.json").toFile());
        assertEquals("position-change-deadline-day", dashboard.get("uid").asText());
        assertTrue(dashboard.get("panels").size() >= 9);
        for (JsonNode panel : dashboard.get("panels")) {
            assertTrue(panel.get("targets").size() > 0, panel.get("title").asText());
            panel.get("targets").forEach(t -> assertTrue(!t.get("expr").asText().isBlank()));
        }
    }

    private static JsonNode find(JsonNode rules, String alert) {
        for (JsonNode rule : rules) {
            if (rule.get("alert").asText().equals(alert)) {
                return rule;
            }
        }
        throw new AssertionError("no alert " + alert);
    }
}
