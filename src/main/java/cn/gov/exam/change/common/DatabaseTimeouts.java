package cn.gov.exam.change.common;

import io.quarkus.arc.Arc;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.hibernate.Session;
import org.postgresql.PGConnection;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Work that legitimately runs for minutes (imports, CSV exports, the deadline's refund decision,
 * the ratio check) lifts the bounds that protect requests (app.database.statement-timeout, the
 * JDBC socket timeout) for its own transaction only: the statement timeout with SET LOCAL, the
 * socket timeout until the transaction ends.
 */
public final class DatabaseTimeouts {
    private DatabaseTimeouts() {
    }

    /** Call inside the transaction of the long work, before its statements. */
    public static void lift(EntityManager em) {
        em.unwrap(Session.class).doWork(conn -> {
            try (Statement st = conn.createStatement()) {
                st.execute("set local statement_timeout = 0");
            }
            Connection physical = (Connection) conn.unwrap(PGConnection.class);
            int before = physical.getNetworkTimeout();
            if (before == 0) {
                return;
            }
            physical.setNetworkTimeout(Runnable::run, 0);
            TransactionSynchronizationRegistry tsr = Arc.container().instance(TransactionSynchronizationRegistry.class).get();
            if (tsr == null || tsr.getTransactionStatus() != Status.STATUS_ACTIVE) {
                physical.setNetworkTimeout(Runnable::run, before);
                return;
            }
            tsr.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

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
}
