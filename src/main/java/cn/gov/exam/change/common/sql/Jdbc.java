package cn.gov.exam.change.common.sql;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.Arc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.hibernate.Session;
import org.postgresql.PGConnection;

/**
 * The one way to plain JDBC, for what JPA's native queries cannot do: {@code COPY}, array
 * parameters, statement batches, cursors, {@code LISTEN}. Inside a transaction the work runs on that
 * transaction's connection (Hibernate's), so it sees and joins whatever the transaction did;
 * {@link #connection()} is a pooled connection of its own, for work that must hold no transaction
 * or outlive one.
 */
@ApplicationScoped
public class Jdbc {
    @Inject
    EntityManager em;

    @Inject
    AgroalDataSource dataSource;

    @FunctionalInterface
    public interface Work<T> {
        T apply(Connection connection) throws SQLException;
    }

    @FunctionalInterface
    public interface VoidWork {
        void run(Connection connection) throws SQLException;
    }

    /** Runs on the current transaction's connection and answers what the work returns. */
    public <T> T call(Work<T> work) {
        return em.unwrap(Session.class).doReturningWork(work::apply);
    }

    /** Runs on the current transaction's connection. */
    public void run(VoidWork work) {
        em.unwrap(Session.class).doWork(work::run);
    }

    /**
     * Work that legitimately runs for minutes (imports, CSV exports, the deadline's refund decision,
     * the ratio check) lifts the bounds that protect requests (app.database.statement-timeout, the
     * JDBC socket timeout) for its own transaction only: the statement timeout with SET LOCAL, the
     * socket timeout until the transaction ends. Call inside that transaction, before its statements.
     */
    public void liftTimeouts() {
        run(conn -> {
            try (Statement st = conn.createStatement()) {
                st.execute("set local statement_timeout = 0");
            }
            Connection physical = (Connection) conn.unwrap(PGConnection.class);
            int before = physical.getNetworkTimeout();
            if (before == 0) {
                return;
            }
            physical.setNetworkTimeout(Runnable::run, 0);
            TransactionSynchronizationRegistry tsr = Arc.container()
                    .instance(TransactionSynchronizationRegistry.class)
                    .get();
            if (tsr == null || tsr.getTransactionStatus() != Status.STATUS_ACTIVE) {
                physical.setNetworkTimeout(Runnable::run, before);
                return;
            }
            tsr.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {}

                @Override
                public void afterCompletion(int status) {
                    try {
                        physical.setNetworkTimeout(Runnable::run, before);
                    } catch (SQLException e) {
                        // A broken connection: the pool discards it.
                    }
                }
            });
        });
    }

    /** A pooled connection outside any transaction; the caller closes it. */
    public Connection connection() throws SQLException {
        return dataSource.getConnection();
    }
}
