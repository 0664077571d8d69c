package cn.gov.exam.change.db;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.Priorities;
import jakarta.annotation.Priority;

import java.net.URI;

/**
 * One database, two clients: the reactive client (the switch rush) connects where the JDBC
 * datasource does, so operators configure {@code QUARKUS_DATASOURCE_JDBC_URL} only (the embedded
 * server and the tests' too). An explicit {@code quarkus.datasource.reactive.url} still wins.
 */
@Priority(Priorities.APPLICATION + 100)
public class ReactiveUrlFromJdbcUrl implements ConfigSourceInterceptor {
    static final String REACTIVE_URL = "quarkus.datasource.reactive.url";
    static final String JDBC_URL = "quarkus.datasource.jdbc.url";
    private static final String JDBC_PREFIX = "jdbc:postgresql:";

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        ConfigValue value = context.proceed(name);
        if (value != null || !REACTIVE_URL.equals(name)) {
            return value;
        }
        ConfigValue jdbc = context.proceed(JDBC_URL);
        if (jdbc == null || jdbc.getValue() == null || !jdbc.getValue().startsWith(JDBC_PREFIX)) {
            return null;
        }
        return jdbc.withName(REACTIVE_URL).withValue(reactiveUrl(jdbc.getValue()));
    }

    /**
     * {@code jdbc:postgresql://host:port/db?user=u&sslmode=x} becomes {@code postgresql://host:port/db?...}
     * keeping only the parameters both drivers understand: the reactive client would send unknown
     * ones to the server as run-time settings.
     */
    static String reactiveUrl(String jdbcUrl) {
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        StringBuilder url = new StringBuilder("postgresql://").append(uri.getRawAuthority()).append(
                uri.getRawPath() == null ? "" : uri.getRawPath());
        if (uri.getRawQuery() != null) {
            String sep = "?";
            for (String param : uri.getRawQuery().split("&")) {
                String key = param.split("=", 2)[0];
                if (key.equals("user") || key.equals("password") || key.equals("sslmode")) {
                    url.append(sep).append(param);
                    sep = "&";
                }
            }
        }
        return url.toString();
    }
}
