package cn.gov.exam.change.ops;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.common.MapBackedConfigSource;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Tracing is off unless an operator names an OTLP endpoint: an exporter aimed at the default
 * localhost:4317 would only log its failed exports. Supplies {@code quarkus.otel.sdk.disabled=true}
 * below application.properties, the environment and system properties, so that any explicit
 * setting (the tests' {@code %test.quarkus.otel.sdk.disabled=false}) wins.
 */
public class TracingSwitch implements ConfigSourceFactory {
    static final List<String> ENDPOINTS =
            List.of("quarkus.otel.exporter.otlp.traces.endpoint", "quarkus.otel.exporter.otlp.endpoint");
    /** Sources an operator writes (application.properties 250, .env 295, environment 300, -D 400). */
    private static final int OPERATOR_ORDINAL = 200;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        boolean configured = ENDPOINTS.stream().map(context::getValue).anyMatch(TracingSwitch::setByOperator);
        return configured
                ? List.of()
                : List.of(
                        new MapBackedConfigSource(
                                "TracingSwitch", Map.of("quarkus.otel.sdk.disabled", "true"), 110) {});
    }

    private static boolean setByOperator(ConfigValue value) {
        return value != null
                && value.getValue() != null
                && !value.getValue().isBlank()
                && value.getConfigSourceOrdinal() >= OPERATOR_ORDINAL;
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(10);
    }
}
