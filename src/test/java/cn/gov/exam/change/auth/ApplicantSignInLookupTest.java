package cn.gov.exam.change.auth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.gov.exam.change.support.Plans;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * A sign-in's one read finds the applicant by the index of full ID numbers (V17, V20) whatever the
 * exam's size: at national scale a scan of the exam's applicants cost 0.5 to 2.7 s per sign-in.
 */
@QuarkusTest
class ApplicantSignInLookupTest {
    @Inject
    AgroalDataSource dataSource;

    @Test
    void theSignInsReadFindsTheApplicantByTheIndex() throws Exception {
        String plan = Plans.genericPlan(
                dataSource,
                ApplicantAuthService.LOOKUP_SQL,
                "110101199001011237",
                "110101199001011237",
                "127.0.0.1",
                "127.0.0.1",
                "DEMO-2026");
        assertTrue(plan.contains("applicant_one_per_exam"), plan);
        assertFalse(plan.contains("Seq Scan on applicant"), plan);
    }
}
