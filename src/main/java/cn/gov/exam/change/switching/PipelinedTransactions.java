package cn.gov.exam.change.switching;

import cn.gov.exam.change.common.sql.ReactiveSql;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.Function;

/**
 * Transactions on the reactive client whose BEGIN travels with their first statements and whose
 * COMMIT with their last: the client pipelines commands subscribed together (for example with
 * {@code Uni.combine().all()}), so a whole transaction costs two round trips to the database.
 * The server still runs the statements one after the other, each with its own snapshot.
 */
@ApplicationScoped
public class PipelinedTransactions {
    @Inject
    ReactiveSql sql;

    /**
     * Runs the work on a pooled connection. The work sends {@link #begin} with its first statements
     * and {@link #commit} with its last; if it fails, the transaction is rolled back before the
     * connection goes back to the pool. It runs to its end even if the caller stops waiting.
     */
    public <T> Uni<T> run(Function<SqlConnection, Uni<T>> work) {
        return toCompletion(sql.withConnection(conn ->
                Uni.createFrom().deferred(() -> work.apply(conn)).onFailure().call(e -> rollback(conn))));
    }

    /**
     * The same Uni, not cancelled with its subscriber (a client that hangs up): cancelling
     * half-way would leave statements queued behind a ROLLBACK, or a connection handed over to no one.
     */
    private static <T> Uni<T> toCompletion(Uni<T> uni) {
        return Uni.createFrom().emitter(emitter -> uni.subscribe().with(emitter::complete, emitter::fail));
    }

    public static Uni<Void> begin(SqlConnection conn) {
        return conn.query("BEGIN").execute().replaceWithVoid();
    }

    public static Uni<Void> commit(SqlConnection conn) {
        return conn.query("COMMIT").execute().replaceWithVoid();
    }

    // Outside a transaction (BEGIN never ran, or a failed statement's COMMIT already ended it)
    // the server only warns. A broken connection is dropped by the pool on close.
    private static Uni<Void> rollback(SqlConnection conn) {
        return conn.query("ROLLBACK").execute().replaceWithVoid().onFailure().recoverWithNull();
    }
}
