package cn.gov.exam.change.review;

import static cn.gov.exam.change.support.Api.admin;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.gov.exam.change.common.credentials.IdNumbers;
import cn.gov.exam.change.support.Api;
import cn.gov.exam.change.support.Csv;
import cn.gov.exam.change.support.ExportFixture;
import cn.gov.exam.change.support.ExportTestBase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** GET …/reviews as CSV: the review results per agency; a reviewer's export holds their agency's only. */
@QuarkusTest
class ReviewExportTest extends ExportTestBase {
    private static final List<String> COLUMNS = List.of(
            "id",
            "examCode",
            "agencyCode",
            "agencyName",
            "targetPositionCode",
            "targetPositionTitle",
            "originalPositionCode",
            "applicantName",
            "idNumberMasked",
            "precheckResult",
            "status",
            "reviewer",
            "reason",
            "decidedAt",
            "lateDecision",
            "createdAt");

    /** The JSON list's items flattened to the export's columns (the full ID number masked). */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> json(Supplier<RequestSpecification> who, String exam, String query) {
        return Csv.items(who.get(), "reviews", exam, query).stream()
                .map(i -> {
                    Map<String, Object> target = (Map<String, Object>) i.get("targetPosition");
                    Map<String, Object> applicant = (Map<String, Object>) i.get("applicant");
                    Map<String, Object> flat = new LinkedHashMap<>(i);
                    flat.put("agencyCode", target.get("agencyCode"));
                    flat.put("agencyName", target.get("agencyName"));
                    flat.put("targetPositionTitle", target.get("title"));
                    flat.put("applicantName", applicant.get("name"));
                    flat.put("idNumberMasked", IdNumbers.mask((String) applicant.get("idNumber")));
                    flat.put("precheckResult", ((Map<String, Object>) i.get("precheck")).get("result"));
                    return flat;
                })
                .toList();
    }

    private static List<Map<String, String>> csv(Supplier<RequestSpecification> who, String exam, String query) {
        return Csv.rows(who.get(), "reviews", exam, query);
    }

    @Test
    void anAdminExportsEveryAgencyOrOneWithTheListsFilters() throws Exception {
        ExportFixture f = new ExportFixture();
        byte[] body = admin().accept("text/csv")
                .get("/api/v1/admin/exams/{exam}/reviews?format=machine", f.exam)
                .then()
                .statusCode(200)
                .header("Content-Disposition", equalTo("attachment; filename=\"reviews-" + f.exam + ".csv\""))
                .extract()
                .asByteArray();
        assertEquals(COLUMNS, Csv.header(body));
        List<Map<String, String>> all = Csv.parse(body);
        Csv.assertSameRows(json(Api::admin, f.exam, ""), all, COLUMNS);
        assertEquals(
                List.of((long) f.pendingA01, (long) f.rejectedA01, (long) f.pendingA07, (long) f.approvedA07),
                all.stream().map(r -> Long.parseLong(r.get("id"))).toList());
        // Imported text that starts a formula is neutralised: names, the position title, the reason.
        assertEquals(
                List.of("'=1+2", "'@SUM(A1)", "'+86 王五", "'-李四"),
                all.stream().map(r -> r.get("applicantName")).toList());
        assertEquals("'" + ExportFixture.FORMULA, all.get(0).get("targetPositionTitle"));
        assertEquals("'" + ExportFixture.REASON, all.get(1).get("reason"));
        assertEquals("REJECTED", all.get(1).get("status"));
        String text = new String(body, StandardCharsets.UTF_8);
        assertTrue(text.contains(",\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\","), "RFC 4180 quoting: " + text);
        assertTrue(text.contains(",\"'-学历不符, \"\"全日制\"\"\","), text);
        for (Map<String, String> row : all) {
            assertTrue(row.get("idNumberMasked").matches("\\d{6}\\*{8}\\d{3}[\\dX]"), row.get("idNumberMasked"));
            assertTrue(!text.contains(f.applicants.get(0)), "no full ID number");
        }

        for (String query : List.of(
                "agency=A01",
                "agency=A07",
                "status=PENDING",
                "status=APPROVED",
                "agency=A07&status=PENDING",
                "agency=A99")) {
            Csv.assertSameRows(json(Api::admin, f.exam, query), csv(Api::admin, f.exam, query), COLUMNS);
        }
        assertEquals(2, csv(Api::admin, f.exam, "agency=A07").size());
        assertEquals(
                List.of(String.valueOf(f.pendingA07)),
                csv(Api::admin, f.exam, "agency=A07&status=PENDING").stream()
                        .map(r -> r.get("id"))
                        .toList());
    }

    @Test
    void aReviewersExportHoldsTheirOwnAgencyOnly() {
        ExportFixture f = new ExportFixture();
        String token = ExportFixture.reviewerToken("A07");
        Supplier<RequestSpecification> reviewer = () -> Api.as(token);
        List<Map<String, String>> rows = csv(reviewer, f.exam, "");
        assertEquals(
                List.of(String.valueOf(f.pendingA07), String.valueOf(f.approvedA07)),
                rows.stream().map(r -> r.get("id")).toList());
        Csv.assertSameRows(json(reviewer, f.exam, ""), rows, COLUMNS);
        // Asking for another agency lifts nothing: neither form shows its reviews.
        assertEquals(0, csv(reviewer, f.exam, "agency=A01").size());
        assertEquals(0, json(reviewer, f.exam, "agency=A01").size());
        assertEquals(1, csv(reviewer, f.exam, "status=APPROVED").size());
        assertTrue(rows.stream().allMatch(r -> r.get("agencyCode").equals("A07")));
        // Bad filters are problems before any byte of CSV.
        reviewer.get()
                .accept("text/csv")
                .get("/api/v1/admin/exams/{exam}/reviews?status=LOST", f.exam)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("status"));
    }
}
