package cn.gov.exam.change.common.sql;

import io.smallrye.mutiny.TimeoutException;
import io.vertx.core.VertxException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.sqlclient.DatabaseException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;
import org.postgresql.util.PSQLException;

/**
 * Failures that mean "the database cannot serve this now" rather than a fault of the request or of
 * the code: refused or lost connections, a pool that had no connection in time, a statement or lock
 * timeout, a server shutting down or out of disk space. Both clients are read: JDBC's
 * {@link SQLException} (also wrapped by Hibernate or the transaction manager) and the reactive
 * client's. They are answered {@code 503 service-unavailable} with Retry-After; each outage is
 * logged once, not per request, as thousands of requests fail alike.
 */
public final class DatabaseFailures {
    private static final Logger LOG = Logger.getLogger(DatabaseFailures.class);
    private static final AtomicBoolean UNAVAILABLE_LOGGED = new AtomicBoolean();
    private static final AtomicBoolean DISK_FULL_LOGGED = new AtomicBoolean();

    public enum Kind {
        /** Not a database outage: the caller's other handling applies. */
        NONE,
        /** Unreachable, frozen, shutting down, or too busy to answer within the bounds. */
        UNAVAILABLE,
        /** A write failed for lack of disk space (SQLSTATE 53100). */
        DISK_FULL
    }

    private DatabaseFailures() {}

    public static Kind classify(Throwable failure) {
        return classify(failure, 0);
    }

    /** The causes, and the suppressed failures (a commit's RollbackException carries the driver's so). */
    private static Kind classify(Throwable failure, int nesting) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < 30; depth++, t = t.getCause()) {
            Kind k = own(t);
            if (k != Kind.NONE) {
                return k;
            }
            if (nesting < 3) {
                for (Throwable s : t.getSuppressed()) {
                    k = classify(s, nesting + 1);
                    if (k != Kind.NONE) {
                        return k;
                    }
                }
            }
        }
        return Kind.NONE;
    }

    private static Kind own(Throwable t) {
        if (t instanceof SQLException e) {
            Kind k = bySqlState(e.getSQLState());
            if (k != Kind.NONE) {
                return k;
            }
            if (e instanceof PSQLException p && p.getServerErrorMessage() != null) {
                k = fatal(
                        p.getServerErrorMessage().getSeverity(),
                        p.getServerErrorMessage().getMessage());
                if (k != Kind.NONE) {
                    return k;
                }
            }
            // Agroal's "acquisition timeout" carries no SQLSTATE.
            String m = e.getMessage();
            return m != null && m.toLowerCase(Locale.ROOT).contains("acquisition timeout")
                    ? Kind.UNAVAILABLE
                    : Kind.NONE;
        }
        if (t instanceof PgException e) {
            Kind k = bySqlState(e.getSqlState());
            return k != Kind.NONE ? k : fatal(e.getSeverity(), e.getErrorMessage());
        }
        if (t instanceof DatabaseException e) {
            return bySqlState(e.getSqlState());
        }
        // pgjdbc's login, cut short by the pool's acquisition timeout.
        if (t instanceof RuntimeException
                && t.getMessage() != null
                && t.getMessage().startsWith("Interrupted while attempting to connect")) {
            return Kind.UNAVAILABLE;
        }
        if (t instanceof ClosedConnectionException
                || t instanceof ConnectException
                || t instanceof NoRouteToHostException
                || t instanceof SocketTimeoutException
                || t instanceof TimeoutException
                || t instanceof java.nio.channels.ClosedChannelException) {
            return Kind.UNAVAILABLE;
        }
        // A reset or broken pipe on the reactive client's socket, marked where the socket is known to
        // be the database's (its stack may name none of the client's classes).
        if (t instanceof ReactiveSql.ConnectionLost) {
            return Kind.UNAVAILABLE;
        }
        // The reactive pool's wait for a connection ends with a bare "Timeout" (vertx-sql-client 4.5:
        // a VertxException, or Vert.x's NoStackTraceThrowable), a statement on a connection that the
        // server has just closed with "Connection is not active now".
        if ((t.getClass() == VertxException.class
                        || t.getClass().getName().equals("io.vertx.core.impl.NoStackTraceThrowable"))
                && t.getMessage() != null
                && (t.getMessage().startsWith("Timeout")
                        || t.getMessage().startsWith("Connection is not active now"))) {
            return Kind.UNAVAILABLE;
        }
        return Kind.NONE;
    }

    /**
     * 08: connection exceptions; 53: insufficient resources (53100 disk full, 53300 too many
     * connections); 57014: statement_timeout; 57P01-57P03: shutting down or not yet accepting;
     * 55P03: lock_timeout; 25006: a read-only standby; 58030: an I/O error of the server.
     */
    static Kind bySqlState(String state) {
        if (state == null) {
            return Kind.NONE;
        }
        if (state.equals("53100")) {
            return Kind.DISK_FULL;
        }
        if (state.startsWith("08")
                || state.startsWith("53")
                || state.startsWith("57P")
                || state.equals("57014")
                || state.equals("55P03")
                || state.equals("25006")
                || state.equals("58030")) {
            return Kind.UNAVAILABLE;
        }
        return Kind.NONE;
    }

    /**
     * A FATAL error ends the session: the server cannot serve it, whatever its SQLSTATE. A new
     * session on a full disk fails so (XX000 "could not write init file").
     */
    private static Kind fatal(String severity, String message) {
        if (!"FATAL".equals(severity) && !"PANIC".equals(severity)) {
            return Kind.NONE;
        }
        return message != null && message.startsWith("could not write init file") ? Kind.DISK_FULL : Kind.UNAVAILABLE;
    }

    /** Logs the outage once until {@link #recovered()}: a full disk loudly, anything else as a warning. */
    public static void report(Kind kind, Throwable failure, String who) {
        if (kind == Kind.DISK_FULL) {
            if (DISK_FULL_LOGGED.compareAndSet(false, true)) {
                LOG.errorf(
                        failure,
                        "DATABASE OUT OF DISK SPACE: writes fail and are answered 503 until space is freed"
                                + " (first seen by %s; not logged again until writes succeed)",
                        who);
            }
        } else if (kind == Kind.UNAVAILABLE && UNAVAILABLE_LOGGED.compareAndSet(false, true)) {
            LOG.warnf(
                    "The database is unavailable (%s); requests are answered 503 until it is back"
                            + " (first seen by %s; not logged again until it answers)",
                    summary(failure), who);
        }
    }

    /**
     * For background work that is retried on its next round: an outage is logged once (as
     * {@link #reportIfOutage}), any other failure on the caller's logger at {@code level}, with
     * what becomes of the work in {@code message}.
     */
    public static void reportFailure(Throwable failure, String who, Logger log, Logger.Level level, String message) {
        if (!reportIfOutage(failure, who)) {
            log.log(level, message, failure);
        }
    }

    /**
     * For background work: true (and the outage logged once) when the failure is the database's
     * being unavailable, so that the caller's retry loop does not log it on every round.
     */
    private static boolean reportIfOutage(Throwable failure, String who) {
        Kind kind = classify(failure);
        if (kind == Kind.NONE) {
            return false;
        }
        report(kind, failure, who);
        LOG.debugf("%s: %s", who, summary(failure));
        return true;
    }

    /** The database answered a write again: the next outage is logged afresh. */
    public static void recovered() {
        if (DISK_FULL_LOGGED.getAndSet(false)) {
            LOG.info("The database accepts writes again");
        }
        if (UNAVAILABLE_LOGGED.getAndSet(false)) {
            LOG.info("The database answers again");
        }
    }

    private static String summary(Throwable failure) {
        StringBuilder sb = new StringBuilder();
        Throwable t = failure;
        for (int depth = 0; t != null && depth < 30; depth++, t = t.getCause()) {
            if (own(t) != Kind.NONE) {
                return t.getClass().getSimpleName() + ": " + t.getMessage();
            }
            if (sb.isEmpty()) {
                sb.append(t.getClass().getSimpleName());
            }
        }
        return sb.toString();
    }
}
