package cn.gov.exam.change.db;

import cn.gov.exam.change.common.AppConfig;
import io.agroal.api.AgroalPoolInterceptor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The server's statement and lock timeouts on every JDBC connection, set once when the pool opens
 * it. Imports, exports and the deadline jobs lift the statement timeout for their own transaction
 * (common/sql/Jdbc.liftTimeouts). The driver's socket and connect timeouts are in application.properties.
 */
@ApplicationScoped
public class JdbcSessionTimeouts implements AgroalPoolInterceptor {
    @Inject
    AppConfig config;

    @Override
    public void onConnectionCreate(Connection connection) {
        try (Statement st = connection.createStatement()) {
            st.execute("set statement_timeout = "
                    + config.database().statementTimeout().toMillis() + "; set lock_timeout = "
                    + config.database().lockTimeout().toMillis());
        } catch (SQLException e) {
            throw new IllegalStateException("The session timeouts could not be set", e);
        }
    }
}
