package cn.gov.exam.change.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tracing is off unless an operator names an OTLP endpoint; an explicit setting always wins. */
class TracingSwitchTest {
    private static String disabled(Map<String, String> operator, Map<String, String> defaults) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(operator, "operator", 300))
                .withSources(new PropertiesConfigSource(defaults, "extension defaults", Integer.MIN_VALUE + 100))
                .withSources(new TracingSwitch())
                .build();
        return config.getOptionalValue("quarkus.otel.sdk.disabled", String.class)
                .orElse("false");
    }

    @Test
    void withoutAnEndpointTracingIsOff() {
        // The extension's own default endpoint (localhost:4317) is no operator's choice.
        assertEquals(
                "true",
                disabled(Map.of(), Map.of("quarkus.otel.exporter.otlp.traces.endpoint", "http://localhost:4317/")));
    }

    @Test
    void anEndpointTurnsItOn() {
        assertEquals(
                "false", disabled(Map.of("quarkus.otel.exporter.otlp.endpoint", "http://collector:4317"), Map.of()));
        assertEquals(
                "false",
                disabled(Map.of("quarkus.otel.exporter.otlp.traces.endpoint", "http://collector:4317"), Map.of()));
    }

    @Test
    void anExplicitSettingWins() {
        assertEquals("false", disabled(Map.of("quarkus.otel.sdk.disabled", "false"), Map.of()));
    }
}
