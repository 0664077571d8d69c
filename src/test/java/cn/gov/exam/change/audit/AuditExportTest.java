package cn.gov.exam.change.audit;

import static cn.gov.exam.change.support.Api.admin;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.gov.exam.change.support.Api;
import cn.gov.exam.change.support.Csv;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/** GET /api/v1/admin/audit-events as CSV: the JSON list's rows, safe to open in a spreadsheet. */
@QuarkusTest
class AuditExportTest {
    private static final String FORMULA = "=HYPERLINK(\"http://x\",\"y\")";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<Map<String, String>> parse(byte[] body) throws Exception {
        return Csv.parse(body);
    }

    private static Response csv(String query) {
        return admin().accept("text/csv").get("/api/v1/admin/audit-events?format=machine&" + query);
    }

    @Test
    void theCsvHoldsTheJsonListsRowsWithFormulasNeutralised() throws Exception {
        String exam = Api.newExamCode("AUD");
        Map<String, Object> e = Api.exam(exam, 3, true);
        e.put("name", FORMULA);
        admin().contentType(ContentType.JSON)
                .body(e)
                .post("/api/v1/admin/exams")
                .then()
                .statusCode(201);
        Map<String, Object> p = Api.position("P1", 1, null);
        p.put("title", FORMULA);
        Api.importPositions(exam, List.of(p));
        e.put("name", FORMULA + ", renamed");
        admin().contentType(ContentType.JSON)
                .body(e)
                .put("/api/v1/admin/exams/{code}", exam)
                .then()
                .statusCode(200);

        Response response = csv("examCode=" + exam);
        response.then()
                .statusCode(200)
                .contentType(equalTo("text/csv;charset=UTF-8"))
                .header("Cache-Control", equalTo("no-store"));
        byte[] body = response.asByteArray();
        List<Map<String, String>> rows = parse(body);
        List<Map<String, Object>> items = admin().get("/api/v1/admin/audit-events?size=500&examCode=" + exam)
                .then()
                .statusCode(200)
                .extract()
                .path("items");
        assertEquals(
                List.of("exam.updated", "positions.imported", "exam.created"),
                items.stream().map(i -> i.get("action")).toList());
        assertEquals(items.size(), rows.size());
        assertEquals(
                List.of(
                        "id",
                        "occurredAt",
                        "actor",
                        "actorRole",
                        "action",
                        "subjectType",
                        "subjectId",
                        "examCode",
                        "before",
                        "after",
                        "requestId"),
                List.copyOf(rows.get(0).keySet()));
        for (int i = 0; i < items.size(); i++) {
            Map<String, Object> item = items.get(i);
            Map<String, String> row = rows.get(i);
            assertEquals(String.valueOf(item.get("id")), row.get("id"));
            for (String column : List.of(
                    "occurredAt",
                    "actor",
                    "actorRole",
                    "action",
                    "subjectType",
                    "subjectId",
                    "examCode",
                    "requestId")) {
                assertEquals(item.get(column) == null ? "" : item.get(column).toString(), row.get(column), column);
            }
            for (String column : List.of("before", "after")) {
                assertEquals(
                        item.get(column) == null ? null : JSON.valueToTree(item.get(column)),
                        row.get(column).isEmpty() ? null : JSON.readTree(row.get(column)),
                        column);
            }
        }
        // The JSON states are quoted as RFC 4180 says: in quotes, with inner quotes doubled.
        String text = new String(body, StandardCharsets.UTF_8);
        assertTrue(text.contains("\"\"name\"\":\"\"=HYPERLINK(\\\"\"http://x\\\"\",\\\"\"y\\\"\")\"\""), text);
        assertTrue(text.contains("\r\n"), "CRLF line ends");
    }

    @Test
    void aTextCellThatStartsAFormulaGetsAnApostrophe() throws Exception {
        // Staff names may start with "-": "-1-2" would be computed by a spreadsheet.
        String username = "-1-" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
        admin().contentType(ContentType.JSON)
                .body(Map.of(
                        "username", username, "password", "Reviewer@2023x", "role", "REVIEWER", "agencyCode", "A01"))
                .post("/api/v1/admin/staff")
                .then()
                .statusCode(201);
        admin().get("/api/v1/admin/audit-events?subject=staff:" + username)
                .then()
                .statusCode(200)
                .body("items[0].subjectId", equalTo(username));
        List<Map<String, String>> rows = parse(csv("subject=staff:" + username)
                .then()
                .statusCode(200)
                .extract()
                .asByteArray());
        assertEquals(1, rows.size());
        assertEquals("'" + username, rows.get(0).get("subjectId"));
        assertEquals("staff.created", rows.get(0).get("action"));
    }

    @Test
    void theCsvTakesTheListsFiltersAndRefusesBadOnesWithAProblem() {
        csv("from=yesterday")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("from"));
        List<Map<String, String>> none;
        try {
            none = parse(csv("action=no.such.action")
                    .then()
                    .statusCode(200)
                    .extract()
                    .asByteArray());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertEquals(0, none.size());
    }
}
