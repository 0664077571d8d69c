package cn.gov.exam.change.registration;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * Finding an applicant by exam and a bound ID number (sign-in, password reset, unlock) uses an
 * index whatever the table's size: the rehearsal's 2.5 million applicants were scanned on every
 * sign-in when only the partial unique index of full numbers existed. With sequential scans
 * discouraged, the planner takes an index scan if, and only if, one can serve the lookup.
 */
@QuarkusTest
class ApplicantLookupTest {
    @Inject
    AgroalDataSource dataSource;

    @Test
    void aLookupByExamAndBoundIdNumberHasAnIndex() throws Exception {
        try (Connection c = dataSource.getConnection();
                Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.execute("set local enable_seqscan = off");
            // A prepared statement planned generically, as the service's are after a few executions.
            st.execute("set local plan_cache_mode = force_generic_plan");
            StringBuilder plan = new StringBuilder();
            try (PreparedStatement ps = c.prepareStatement(
                    "explain select id, password_hash from applicant where exam_id = ? and id_number = ?")) {
                ps.setLong(1, 1);
                ps.setString(2, "110101199001011237");
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        plan.append(rs.getString(1)).append('\n');
                    }
                }
            }
            c.rollback();
            assertTrue(plan.toString().contains("Index"), plan.toString());
            assertFalse(plan.toString().contains("Seq Scan"), plan.toString());
        }
    }
}
