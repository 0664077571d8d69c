package cn.gov.exam.change.db;

import cn.gov.exam.change.common.AppConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * /q/health/ready: DOWN while the database refuses connections, does not answer within
 * app.database.readiness-timeout (frozen), or cannot write (out of disk space, a read-only
 * standby); UP at the first probe that succeeds again, without a restart. There is no liveness
 * check of the database: restarting the service would not bring it back. Quarkus's own datasource
 * checks are off (quarkus.datasource.health.enabled=false): they wait without a bound.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements AsyncHealthCheck {
    @Inject
    Vertx vertx;

    @Inject
    AppConfig config;
    // The reactive URL is derived from the JDBC one (ReactiveUrlFromJdbcUrl).
    @ConfigProperty(name = "quarkus.datasource.reactive.url")
    String url;

    @ConfigProperty(name = "quarkus.datasource.username")
    Optional<String> username;

    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> password;

    private volatile HeartbeatProbe probe;

    /** The last probe's answer for the alert on readiness (1 ready, 0 not; 0 until the first probe). */
    private final AtomicInteger ready = new AtomicInteger();

    void register(@Observes StartupEvent event, MeterRegistry registry) {
        Gauge.builder("exam_ready", ready, AtomicInteger::get)
                .description("1 while the last readiness probe found the database writable")
                .register(registry);
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return probe().beat()
                .invoke(why -> ready.set(why == null ? 1 : 0))
                .map(why -> why == null
                        ? HealthCheckResponse.named("database").up().build()
                        : HealthCheckResponse.named("database")
                                .down()
                                .withData("reason", why)
                                .build());
    }

    private HeartbeatProbe probe() {
        HeartbeatProbe p = probe;
        if (p == null) {
            synchronized (this) {
                if (probe == null) {
                    PgConnectOptions options =
                            BoundedReactivePool.bound(PgConnectOptions.fromUri(url), config.database());
                    username.ifPresent(options::setUser);
                    password.ifPresent(options::setPassword);
                    probe = new HeartbeatProbe(vertx, options, config.database().readinessTimeout(), instanceName());
                }
                p = probe;
            }
        }
        return p;
    }

    private static String instanceName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "unknown";
        }
        return host + ":" + ProcessHandle.current().pid();
    }

    @PreDestroy
    void close() {
        if (probe != null) {
            probe.close();
        }
    }
}
