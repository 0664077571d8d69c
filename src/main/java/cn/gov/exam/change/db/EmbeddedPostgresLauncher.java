package cn.gov.exam.change.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Starts one durable embedded PostgreSQL per JVM with its data in a kept folder.
 *
 * <p>The running server is remembered in a system property rather than a static field, because
 * dev mode reloads application classes on every change; the server (and the shutdown hook that
 * stops it with the JVM) therefore survives live reloads instead of leaking one per reload. A
 * server orphaned by a killed JVM is stopped before a new one starts on the same folder.
 */
public final class EmbeddedPostgresLauncher {
    private static final Logger LOG = Logger.getLogger(EmbeddedPostgresLauncher.class);
    private static final String RUNNING = "position-change.embedded-postgres.running-url";

    private EmbeddedPostgresLauncher() {}

    static synchronized String jdbcUrl(String dataDir, int port) {
        String running = System.getProperty(RUNNING);
        if (running != null) {
            return running;
        }
        Path dir = Path.of(dataDir).toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
            stopOrphan(dir);
            EmbeddedPostgres pg = durable(EmbeddedPostgres.builder())
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
            String url = pg.getJdbcUrl("postgres", "postgres");
            System.setProperty(RUNNING, url);
            LOG.infof(
                    "Embedded PostgreSQL started on port %d with data in %s (psql -h localhost -p %d -U postgres)",
                    pg.getPort(), dir, pg.getPort());
            return url;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dir, e);
        }
    }

    /** Settings that keep committed data across crashes, unlike zonky's test-oriented defaults. */
    public static EmbeddedPostgres.Builder durable(EmbeddedPostgres.Builder builder) {
        return builder.setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("max_connections", "200")
                .setServerConfig("shared_buffers", "256MB")
                .setServerConfig("max_wal_size", "2GB");
    }

    private static void stopOrphan(Path dir) throws IOException {
        Path pidFile = dir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty()) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(lines.get(0).trim());
        } catch (NumberFormatException e) {
            return;
        }
        Optional<ProcessHandle> handle = ProcessHandle.of(pid)
                .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(false));
        if (handle.isEmpty()) {
            return;
        }
        LOG.warnf("Stopping PostgreSQL %d left running on %s by an earlier run", pid, dir);
        // SIGINT is PostgreSQL's fast shutdown: clients are disconnected, data is checkpointed.
        new ProcessBuilder("kill", "-INT", Long.toString(pid)).inheritIO().start();
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (handle.get().isAlive() && System.nanoTime() < until) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
