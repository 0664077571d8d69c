package cn.gov.exam.change.switching;

import static cn.gov.exam.change.support.Api.admin;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.gov.exam.change.support.Api;
import cn.gov.exam.change.support.Csv;
import cn.gov.exam.change.support.ExportFixture;
import cn.gov.exam.change.support.ExportTestBase;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GET …/switches: the switch results, paged as JSON and whole as CSV, for administrators. */
@QuarkusTest
class SwitchExportTest extends ExportTestBase {
    private static final List<String> COLUMNS = List.of(
            "id",
            "examCode",
            "idNumberMasked",
            "applicantName",
            "seq",
            "fromPositionCode",
            "targetPositionCode",
            "targetPositionTitle",
            "targetAgencyCode",
            "targetAgencyName",
            "precheckResult",
            "status",
            "reviewer",
            "reason",
            "decidedAt",
            "lateDecision",
            "createdAt");

    private static List<Map<String, Object>> json(String exam, String query) {
        return Csv.items(admin(), "switches", exam, query);
    }

    private static List<Map<String, String>> csv(String exam, String query) {
        return Csv.rows(admin(), "switches", exam, query);
    }

    @Test
    void theSwitchResultsAsJsonPagesAndAsCsv() throws Exception {
        ExportFixture f = new ExportFixture();
        admin().get("/api/v1/admin/exams/{exam}/switches?size=2&page=1", f.exam)
                .then()
                .statusCode(200)
                .body("total", equalTo(4))
                .body("size", equalTo(2))
                .body("items.id", equalTo(List.of(f.pendingA07, f.approvedA07)))
                .body(
                        "items[0].idNumberMasked",
                        equalTo(f.applicants.get(2).substring(0, 6) + "********"
                                + f.applicants.get(2).substring(14)))
                .body("items[0].applicantName", equalTo("+86 王五"))
                .body("items[0].fromPositionCode", equalTo("C1"))
                .body("items[0].targetAgencyCode", equalTo("A07"));
        byte[] body = admin().accept("text/csv")
                .get("/api/v1/admin/exams/{exam}/switches?format=machine", f.exam)
                .then()
                .statusCode(200)
                .header("Content-Disposition", equalTo("attachment; filename=\"switches-" + f.exam + ".csv\""))
                .extract()
                .asByteArray();
        assertEquals(COLUMNS, Csv.header(body));
        List<Map<String, String>> all = Csv.parse(body);
        Csv.assertSameRows(json(f.exam, ""), all, COLUMNS);
        assertEquals(4, all.size());
        assertEquals("'=1+2", all.get(0).get("applicantName"));
        assertEquals("'" + ExportFixture.FORMULA, all.get(0).get("targetPositionTitle"));
        assertEquals("'" + ExportFixture.REASON, all.get(1).get("reason"));
        assertTrue(all.stream().noneMatch(r -> f.applicants.contains(r.get("idNumberMasked"))));
        for (String query :
                List.of("status=PENDING", "status=REJECTED", "agency=A07", "agency=A01&status=PENDING", "agency=A99")) {
            Csv.assertSameRows(json(f.exam, query), csv(f.exam, query), COLUMNS);
        }
        assertEquals(2, csv(f.exam, "status=PENDING").size());
    }

    @Test
    void onlyAdministratorsListSwitchResultsAndBadFiltersAreProblems() {
        ExportFixture f = new ExportFixture();
        String reviewer = ExportFixture.reviewerToken("A01");
        Api.as(reviewer)
                .get("/api/v1/admin/exams/{exam}/switches", f.exam)
                .then()
                .statusCode(403);
        Api.as(reviewer)
                .accept("text/csv")
                .get("/api/v1/admin/exams/{exam}/switches", f.exam)
                .then()
                .statusCode(403);
        admin().accept("text/csv")
                .get("/api/v1/admin/exams/{exam}/switches?status=MAYBE", f.exam)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("status"));
        admin().accept("text/csv")
                .get("/api/v1/admin/exams/NO-SUCH-EXAM/switches")
                .then()
                .statusCode(404);
        admin().get("/api/v1/admin/exams/{exam}/switches?size=501", f.exam)
                .then()
                .statusCode(400);
    }
}
