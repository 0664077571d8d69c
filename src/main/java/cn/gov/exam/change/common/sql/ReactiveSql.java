package cn.gov.exam.change.common.sql;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.function.Function;

/**
 * The one way to the reactive pool (the switch path). Its sockets lead only to the database, so an
 * I/O failure on any of them is the database going away, whatever the stack shows: a reset read by
 * Netty's event loop names no database class at all. Such a failure is marked {@link
 * ConnectionLost} here, where its origin is known, and answered 503 like any other outage.
 */
@ApplicationScoped
public class ReactiveSql {
    @Inject
    Pool pool;

    public <T> Uni<T> withConnection(Function<SqlConnection, Uni<T>> work) {
        return markLost(pool.withConnection(work));
    }

    /** The same Uni, its socket failures marked as the database's. For any reactive database client. */
    public static <T> Uni<T> markLost(Uni<T> uni) {
        return uni.onFailure(ReactiveSql::socketFailure).transform(ConnectionLost::new);
    }

    private static boolean socketFailure(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < 30; depth++, t = t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    /** A socket to the database failed: reset, broken pipe, closed under a statement. */
    public static final class ConnectionLost extends RuntimeException {
        ConnectionLost(Throwable cause) {
            super("The connection to the database was lost: " + cause, cause);
        }
    }
}
