package cn.gov.exam.change.refund;

import static cn.gov.exam.change.support.Api.admin;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.gov.exam.change.support.Api;
import cn.gov.exam.change.support.Csv;
import cn.gov.exam.change.support.ExportFixture;
import cn.gov.exam.change.support.ExportTestBase;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GET …/refunds as CSV: the JSON list's rows under the same filters, per channel, masked. */
@QuarkusTest
class RefundExportTest extends ExportTestBase {
    private static final List<String> COLUMNS = List.of(
            "id",
            "examCode",
            "idNumberMasked",
            "reason",
            "status",
            "amount",
            "currency",
            "channel",
            "originalTransactionId",
            "channelRefundId",
            "failureReason",
            "createdAt",
            "updatedAt");

    @Inject
    RefundDeadlineJob deadlineJob;

    private static List<Map<String, Object>> json(String exam, String query) {
        return Csv.items(admin(), "refunds", exam, query);
    }

    private static List<Map<String, String>> csv(String exam, String query) {
        return Csv.rows(admin(), "refunds", exam, query);
    }

    @Test
    void theCsvHoldsTheJsonListsRowsUnderEachFilter() throws Exception {
        ExportFixture f = new ExportFixture();
        byte[] body = admin().accept("text/csv")
                .get("/api/v1/admin/exams/{exam}/refunds?format=machine", f.exam)
                .then()
                .statusCode(200)
                .header("Content-Disposition", equalTo("attachment; filename=\"refunds-" + f.exam + ".csv\""))
                .extract()
                .asByteArray();
        assertEquals(COLUMNS, Csv.header(body));
        List<Map<String, String>> all = Csv.parse(body);
        assertEquals(2, all.size());
        Csv.assertSameRows(json(f.exam, ""), all, COLUMNS);
        assertEquals(
                List.of("REVIEW_REJECTED/ALIPAY", "DECLINED/WECHAT"),
                all.stream().map(r -> r.get("reason") + "/" + r.get("channel")).toList());
        for (Map<String, String> row : all) {
            assertTrue(row.get("idNumberMasked").matches("\\d{6}\\*{8}\\d{3}[\\dX]"), row.get("idNumberMasked"));
            assertTrue(row.get("originalTransactionId").startsWith("T"));
            assertEquals("100.00", row.get("amount"));
            assertEquals("CNY", row.get("currency"));
        }
        for (String query : List.of(
                "channel=WECHAT",
                "channel=ALIPAY",
                "channel=UNIONPAY",
                "reason=DECLINED",
                "reason=NOT_SWITCHED",
                "status=QUEUED",
                "status=FAILED",
                "status=QUEUED&reason=REVIEW_REJECTED&channel=ALIPAY")) {
            List<Map<String, Object>> items = json(f.exam, query);
            List<Map<String, String>> rows = csv(f.exam, query);
            Csv.assertSameRows(items, rows, COLUMNS);
        }
        assertEquals(1, csv(f.exam, "channel=WECHAT").size());
        assertEquals(0, csv(f.exam, "reason=NOT_SWITCHED").size());
    }

    @Test
    void badFiltersAndUnknownExamsAreProblemsNotDownloads() {
        ExportFixture f = new ExportFixture();
        for (String query : List.of("channel=PAYPAL", "reason=LATE", "status=DONE")) {
            admin().accept("text/csv")
                    .get("/api/v1/admin/exams/{exam}/refunds?" + query, f.exam)
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors[0].field", equalTo(query.substring(0, query.indexOf('='))));
            admin().get("/api/v1/admin/exams/{exam}/refunds?" + query, f.exam)
                    .then()
                    .statusCode(400);
        }
        admin().accept("text/csv")
                .get("/api/v1/admin/exams/NO-SUCH-EXAM/refunds")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        // A reviewer may not read refunds, in either form.
        Api.as(ExportFixture.reviewerToken("A01"))
                .accept("text/csv")
                .get("/api/v1/admin/exams/{exam}/refunds", f.exam)
                .then()
                .statusCode(403);
    }

    @Test
    void aFewThousandRefundsStreamOutComplete() {
        String exam = Api.newExamCode("EXPS");
        Api.createExam(exam, 3, true);
        // 30 positions short of their 1:100 ratio by one applicant each: all cancelled, 2,970 refunds owed.
        List<Map<String, Object>> positions = new ArrayList<>();
        List<Map<String, Object>> regs = new ArrayList<>();
        for (int p = 0; p < 30; p++) {
            positions.add(Api.position("C" + p, 1, 100));
            regs.addAll(Api.registrations("C" + p, "PAID", 99));
        }
        int count = regs.size();
        Api.importPositions(exam, positions);
        Api.importRegistrations(exam, regs);
        admin().post("/api/v1/admin/exams/{exam}/ratio-check/publish", exam)
                .then()
                .statusCode(200);
        clock.set(OffsetDateTime.parse("2023-01-16T12:00:01+08:00").toInstant());
        deadlineJob.run();
        admin().get("/api/v1/admin/exams/{exam}/refunds?size=1", exam).then().body("total", equalTo(count));

        List<Map<String, String>> rows = csv(exam, "");
        assertEquals(count, rows.size());
        long last = 0;
        for (Map<String, String> row : rows) {
            long id = Long.parseLong(row.get("id"));
            assertTrue(id > last, "oldest first, each once");
            last = id;
            assertEquals("NOT_SWITCHED", row.get("reason"));
            assertTrue(row.get("idNumberMasked").contains("********"));
        }
        // Its first and last page are the JSON list's.
        Csv.assertSameRows(json(exam, "page=0"), rows.subList(0, 500), COLUMNS);
        Csv.assertSameRows(json(exam, "page=5"), rows.subList(2_500, 2_970), COLUMNS);
        assertTrue(Instant.parse(rows.get(0).get("createdAt")).isAfter(Instant.EPOCH));
    }
}
