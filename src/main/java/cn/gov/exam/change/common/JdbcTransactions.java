package cn.gov.exam.change.common;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A local transaction on one pooled connection, for the few hot paths that are plain SQL: no JTA
 * coordinator and no Hibernate session around them. Must not be called inside a JTA transaction,
 * whose work it would not be part of.
 */
@ApplicationScoped
public class JdbcTransactions {
    @Inject
    AgroalDataSource dataSource;

    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Runs the work and commits; any exception rolls it back and is rethrown (SQL ones unchecked). */
    public <T> T inTransaction(Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (Throwable e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Database work failed: " + e.getMessage(), e);
        }
    }
}
