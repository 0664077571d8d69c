package cn.gov.exam.change.db;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.Priorities;
import jakarta.annotation.Priority;
import java.util.ArrayList;
import java.util.List;

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
     * {@code jdbc:postgresql://host:port/db?user=u&sslmode=x} becomes {@code postgresql://host:port/db?...}.
     * Only the parameters that mean the same to both clients are kept ({@code ssl=true} and
     * {@code currentSchema} translated): the reactive client would send unknown ones to the server
     * as run-time settings. Several hosts have no single reactive equivalent: such a URL must be
     * accompanied by an explicit reactive one.
     */
    static String reactiveUrl(String jdbcUrl) {
        String rest = jdbcUrl.substring(JDBC_PREFIX.length());
        int q = rest.indexOf('?');
        String query = q < 0 ? "" : rest.substring(q + 1);
        String location = q < 0 ? rest : rest.substring(0, q);
        String authority = "localhost";
        String database = location;
        if (location.startsWith("//")) {
            int slash = location.indexOf('/', 2);
            authority = slash < 0 ? location.substring(2) : location.substring(2, slash);
            database = slash < 0 ? "" : location.substring(slash + 1);
            if (authority.isEmpty()) {
                authority = "localhost";
            }
        }
        if (authority.contains(",")) {
            throw new IllegalArgumentException("The JDBC URL names several hosts: set " + REACTIVE_URL
                    + " (QUARKUS_DATASOURCE_REACTIVE_URL) to the host the reactive client is to use");
        }
        StringBuilder url = new StringBuilder("postgresql://").append(authority);
        if (!database.isEmpty()) {
            url.append('/').append(database);
        }
        List<String> params = new ArrayList<>();
        boolean ssl = false;
        boolean sslmode = false;
        for (String param : query.split("&")) {
            String[] kv = param.split("=", 2);
            String value = kv.length > 1 ? kv[1] : "";
            switch (kv[0]) {
                case "user", "password" -> params.add(param);
                case "sslmode" -> {
                    params.add(param);
                    sslmode = true;
                }
                case "ssl" -> ssl = value.isEmpty() || value.equals("true");
                case "currentSchema" -> params.add("search_path=" + value);
                default -> {}
            }
        }
        if (ssl && !sslmode) {
            params.add("sslmode=verify-full"); // pgjdbc's meaning of ssl=true
        }
        if (!params.isEmpty()) {
            url.append('?').append(String.join("&", params));
        }
        return url.toString();
    }
}
