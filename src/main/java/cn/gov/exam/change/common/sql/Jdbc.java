package cn.gov.exam.change.common.sql;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.hibernate.Session;

import java.sql.Connection;
import java.sql.SQLException;

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

    /** A pooled connection outside any transaction; the caller closes it. */
    public Connection connection() throws SQLException {
        return dataSource.getConnection();
    }
}
