package cn.gov.exam.change.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * The plan PostgreSQL gives a statement of the service, as it runs it once prepared (generic plan)
 * and with sequential scans discouraged: an index appears in it if, and only if, one can serve the
 * statement, so a test can tell a lookup that stays fast at national scale from one that scans.
 */
public final class Plans {
    private Plans() {}

    public static String genericPlan(DataSource dataSource, String sql, Object... params) throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            try {
                st.execute("set local enable_seqscan = off");
                st.execute("set local plan_cache_mode = force_generic_plan");
                StringBuilder plan = new StringBuilder();
                try (PreparedStatement ps = c.prepareStatement("explain " + sql)) {
                    for (int i = 0; i < params.length; i++) {
                        ps.setObject(i + 1, params[i]);
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            plan.append(rs.getString(1)).append('\n');
                        }
                    }
                }
                return plan.toString();
            } finally {
                c.rollback();
            }
        }
    }
}
