package cn.gov.exam.change.registration;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.gov.exam.change.support.Plans;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Timestamp;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Finding an applicant by exam and a bound ID number uses an index whatever the table's size: the
 * rehearsal's 2.5 million applicants were scanned on every sign-in when the lookup did not name the
 * condition of the one index of ID numbers, partial on full numbers (V17, V20). The sign-in's own
 * lookup is checked beside it in auth/ApplicantSignInLookupTest.
 */
@QuarkusTest
class ApplicantLookupTest {
    static final String ID_NUMBER = "110101199001011237";

    @Inject
    AgroalDataSource dataSource;

    @Test
    void theOwnersConditionLetsALookupByExamAndIdNumberUseTheIndex() throws Exception {
        String plan = Plans.genericPlan(
                dataSource,
                "select id from applicant where exam_id = ? and id_number = ? and "
                        + ApplicantPersonalData.fullIdNumber("id_number"),
                1L,
                ID_NUMBER);
        assertTrue(plan.contains("applicant_one_per_exam"), plan);
        assertFalse(plan.contains("Seq Scan"), plan);
    }

    @Test
    void anAdministratorsPasswordResetFindsTheApplicantByTheIndex() throws Exception {
        Timestamp now = Timestamp.from(Instant.now());
        // JPA's ?1..?4, in order, as JDBC's markers.
        String sql = ApplicantCredentials.RESET_SQL.replaceAll("\\?\\d", "?");
        String plan = Plans.genericPlan(dataSource, sql, "x", now, 1L, ID_NUMBER);
        assertTrue(plan.contains("applicant_one_per_exam"), plan);
        assertFalse(plan.contains("Seq Scan"), plan);
    }
}
