package cn.gov.exam.change.db;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Supplies the datasource of an embedded PostgreSQL when the operator configured none.
 *
 * <p>It sits below every other config source, so {@code QUARKUS_DATASOURCE_JDBC_URL} or a
 * property always wins. The server starts lazily, the first time the URL is read, which is the
 * datasource's start-up, never during a build. The test profile never gets one here: tests bring their own fresh
 * database through a test resource. A build without the zonky jars ({@code -Dprod}) gets none.
 */
public class EmbeddedPostgresConfigSourceFactory implements ConfigSourceFactory {
    static final String URL = "quarkus.datasource.jdbc.url";
    static final String USERNAME = "quarkus.datasource.username";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (context.getProfiles().contains("test") || isSet(context, URL)) {
            return List.of();
        }
        // A production build must not capture a URL into the packaged app: only the running app
        // (which has no deployment classes) starts its server. Dev mode builds and runs in one JVM.
        if (!context.getProfiles().contains("dev") && onClasspath("io.quarkus.deployment.annotations.BuildStep")) {
            return List.of();
        }
        ConfigValue enabled = context.getValue("app.embedded-postgres.enabled");
        if (enabled != null && enabled.getValue() != null && !Boolean.parseBoolean(enabled.getValue())) {
            return List.of();
        }
        if (!zonkyOnClasspath()) {
            return List.of();
        }
        ConfigValue dir = context.getValue("app.embedded-postgres.data-dir");
        ConfigValue port = context.getValue("app.embedded-postgres.port");
        String dataDir = dir == null || dir.getValue() == null ? ".data/postgres" : dir.getValue();
        int fixedPort = port == null || port.getValue() == null ? 0 : Integer.parseInt(port.getValue());
        return List.of(new LazySource(dataDir, fixedPort));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(10);
    }

    private static boolean zonkyOnClasspath() {
        return onClasspath("io.zonky.test.db.postgres.embedded.EmbeddedPostgres");
    }

    private static boolean onClasspath(String className) {
        try {
            Class.forName(className, false, EmbeddedPostgresConfigSourceFactory.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static boolean isSet(ConfigSourceContext context, String name) {
        ConfigValue v = context.getValue(name);
        return v != null && v.getValue() != null && !v.getValue().isBlank();
    }

    private static final class LazySource implements ConfigSource {
        private final String dataDir;
        private final int port;

        LazySource(String dataDir, int port) {
            this.dataDir = dataDir;
            this.port = port;
        }

        @Override
        public Set<String> getPropertyNames() {
            return Set.of(URL, USERNAME);
        }

        @Override
        public Map<String, String> getProperties() {
            return Map.of(URL, getValue(URL), USERNAME, getValue(USERNAME));
        }

        @Override
        public String getValue(String name) {
            return switch (name) {
                case URL -> EmbeddedPostgresLauncher.jdbcUrl(dataDir, port);
                case USERNAME -> "postgres";
                default -> null;
            };
        }

        @Override
        public String getName() {
            return "embedded-postgres";
        }

        @Override
        public int getOrdinal() {
            return 5;
        }
    }
}
