package cn.gov.exam.change.db;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.gov.exam.change.common.sql.DatabaseFailures;
import cn.gov.exam.change.common.sql.ReactiveSql;
import cn.gov.exam.change.support.Eventually;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Readiness and the recognition of an unavailable database without fault injection: a "server"
 * that accepts connections and never says a word stands in for a frozen PostgreSQL (the kernel
 * completes the handshake for the listening socket, as it does for a stopped postmaster), and a
 * port nobody listens on for a stopped one.
 */
@QuarkusTest
class ReadinessTest {
    @Inject
    Vertx vertx;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void readinessProbesTheDatabaseAndLivenessDoesNot() {
        given().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("database"));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void aServerThatNeverAnswersIsDownWithinTheProbesTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            HeartbeatProbe probe =
                    new HeartbeatProbe(vertx, options(silent.getLocalPort()), Duration.ofSeconds(1), "test");
            try {
                long t0 = System.nanoTime();
                String why = probe.beat().await().atMost(Duration.ofSeconds(2));
                long ms = Duration.ofNanos(System.nanoTime() - t0).toMillis();
                assertNotNull(why);
                assertTrue(ms < 2000, ms + " ms");
                // Again: a probe still waiting on the silent server must not hold the next one up.
                t0 = System.nanoTime();
                assertNotNull(probe.beat().await().atMost(Duration.ofSeconds(2)));
                assertTrue(Duration.ofNanos(System.nanoTime() - t0).toMillis() < 2000);
            } finally {
                probe.close();
            }
        }
    }

    @Test
    void aServerThatRefusesIsDownAtOnce() throws Exception {
        int port;
        try (ServerSocket gone = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            port = gone.getLocalPort();
        }
        HeartbeatProbe probe = new HeartbeatProbe(vertx, options(port), Duration.ofSeconds(1), "test");
        try {
            assertNotNull(probe.beat().await().atMost(Duration.ofSeconds(2)));
        } finally {
            probe.close();
        }
    }

    @Test
    void bothClientsFailuresOfAnUnavailableDatabaseAreRecognised() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            // JDBC: pgjdbc's login against a silent server, and a refused connection.
            SQLException frozen = assertThrows(
                    SQLException.class,
                    () -> DriverManager.getConnection(
                            "jdbc:postgresql://127.0.0.1:" + silent.getLocalPort()
                                    + "/postgres?socketTimeout=1&loginTimeout=1" + "&connectTimeout=1",
                            "postgres",
                            "x"));
            assertEquals(
                    DatabaseFailures.Kind.UNAVAILABLE, DatabaseFailures.classify(new IllegalStateException(frozen)));
            // Reactive: the pool's wait for a connection that the silent server never completes.
            var pool = io.vertx.mutiny.pgclient.PgPool.pool(
                    vertx,
                    options(silent.getLocalPort()),
                    new PoolOptions()
                            .setMaxSize(1)
                            .setConnectionTimeout(300)
                            .setConnectionTimeoutUnit(java.util.concurrent.TimeUnit.MILLISECONDS));
            try {
                Throwable t = assertThrows(
                        Throwable.class,
                        () -> pool.withConnection(c -> c.query("select 1").execute())
                                .await()
                                .atMost(Duration.ofSeconds(5)));
                assertEquals(DatabaseFailures.Kind.UNAVAILABLE, DatabaseFailures.classify(t), t.toString());
            } finally {
                pool.closeAndForget();
            }
        }
        int port;
        try (ServerSocket gone = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            port = gone.getLocalPort();
        }
        SQLException refused = assertThrows(
                SQLException.class,
                () -> DriverManager.getConnection(
                        "jdbc:postgresql://127.0.0.1:" + port + "/postgres?connectTimeout=1", "postgres", "x"));
        assertEquals(DatabaseFailures.Kind.UNAVAILABLE, DatabaseFailures.classify(refused));
        var pool = io.vertx.mutiny.pgclient.PgPool.pool(vertx, options(port), new PoolOptions().setMaxSize(1));
        try {
            Throwable t = assertThrows(
                    Throwable.class,
                    () -> pool.withConnection(c -> c.query("select 1").execute())
                            .await()
                            .atMost(Duration.ofSeconds(5)));
            assertEquals(DatabaseFailures.Kind.UNAVAILABLE, DatabaseFailures.classify(t), t.toString());
        } finally {
            pool.closeAndForget();
        }
        // An I/O failure that did not come from a database socket is no outage (an upload's broken pipe).
        assertEquals(DatabaseFailures.Kind.NONE, DatabaseFailures.classify(new java.io.IOException("Broken pipe")));
        // Out of disk space is told apart (logged loudly, once); a constraint violation is no outage.
        assertEquals(
                DatabaseFailures.Kind.DISK_FULL,
                DatabaseFailures.classify(new SQLException("could not extend file: No space left on device", "53100")));
        // A commit that failed: the transaction manager's RollbackException carries the driver's failure as suppressed.
        Exception rollback = new jakarta.transaction.RollbackException("ARJUNA016053: Could not commit transaction.");
        rollback.addSuppressed(new SQLException("An I/O error occurred while sending to the backend.", "08006"));
        assertEquals(DatabaseFailures.Kind.UNAVAILABLE, DatabaseFailures.classify(new RuntimeException(rollback)));
        // A new session on a full disk: the server cannot write its start-up file (seen in bench/faults.sh).
        assertEquals(
                DatabaseFailures.Kind.DISK_FULL,
                DatabaseFailures.classify(
                        new io.vertx.pgclient.PgException("could not write init file", "FATAL", "XX000", null)));
        assertEquals(
                DatabaseFailures.Kind.NONE,
                DatabaseFailures.classify(
                        new io.vertx.pgclient.PgException("division by zero", "ERROR", "22012", null)));
        assertEquals(DatabaseFailures.Kind.NONE, DatabaseFailures.classify(new SQLException("duplicate key", "23505")));
        assertEquals(DatabaseFailures.Kind.NONE, DatabaseFailures.classify(new IllegalStateException("a bug")));
    }

    /**
     * PostgreSQL going away under a running statement (bench/faults.sh's stop): the connection is
     * reset, and Netty's event loop reads "Connection reset" on the database client's socket in a
     * stack that names no database class. The reactive client's owner marks it as the database's.
     */
    @Test
    void aConnectionResetUnderAStatementIsAnOutage() throws Exception {
        var config = ConfigProvider.getConfig();
        PgConnectOptions db = PgConnectOptions.fromUri(ReactiveUrlFromJdbcUrl.reactiveUrl(
                        config.getValue("quarkus.datasource.jdbc.url", String.class)))
                .setUser(config.getValue("quarkus.datasource.username", String.class));
        try (ResettingProxy proxy = new ResettingProxy(db.getHost(), db.getPort())) {
            var pool = io.vertx.mutiny.pgclient.PgPool.pool(
                    vertx, db.setHost("127.0.0.1").setPort(proxy.port()), new PoolOptions().setMaxSize(1));
            try {
                var running = ReactiveSql.markLost(pool.withConnection(c ->
                                c.query("select pg_sleep(20) /* reset me */").execute()))
                        .subscribeAsCompletionStage();
                Eventually.await(
                        Duration.ofSeconds(10), () -> sleepers() == 1, () -> "the statement runs on the server");
                proxy.resetAll();
                var failed = assertThrows(ExecutionException.class, () -> running.get(10, TimeUnit.SECONDS));
                Throwable marked = failed.getCause();
                assertTrue(marked instanceof ReactiveSql.ConnectionLost, marked.toString());
                assertTrue(
                        marked.getCause() instanceof java.io.IOException,
                        marked.getCause().toString());
                assertEquals(DatabaseFailures.Kind.UNAVAILABLE, DatabaseFailures.classify(marked));
            } finally {
                pool.closeAndForget();
            }
        }
    }

    private int sleepers() {
        try (var c = dataSource.getConnection();
                var rs = c.createStatement()
                        .executeQuery("select count(*) from pg_stat_activity where query like '%/* reset me */'"
                                + " and pid <> pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PgConnectOptions options(int port) {
        return new PgConnectOptions()
                .setHost("127.0.0.1")
                .setPort(port)
                .setDatabase("postgres")
                .setUser("postgres")
                .setPassword("x");
    }
}
