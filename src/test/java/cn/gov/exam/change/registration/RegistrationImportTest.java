package cn.gov.exam.change.registration;

import static cn.gov.exam.change.support.Api.admin;
import static cn.gov.exam.change.support.Api.position;
import static cn.gov.exam.change.support.Api.registration;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.gov.exam.change.support.Api;
import cn.gov.exam.change.support.Problems;
import cn.gov.exam.change.support.SwitchFixture;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RegistrationImportTest {
    private static final String BCRYPT = "$2a$10$nnOFCrQ2xm..izvF4D3e6OKcYK1HyQ4VgQoM9HYO/ymFkIbEcQgHq";

    @Inject
    AgroalDataSource dataSource;

    private long applicantId(String exam, String idNumber) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "select a.id from applicant a join exam e on e.id = a.exam_id where e.code = ? and a.id_number = ?")) {
            ps.setString(1, exam);
            ps.setString(2, idNumber);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), idNumber + " is an applicant of " + exam);
                return rs.getLong(1);
            }
        }
    }

    private static String examWithPositions() {
        String exam = Api.newExamCode("REG");
        Api.createExam(exam, 3, true);
        Api.importPositions(exam, List.of(position("P1", 1, null), position("P2", 2, null)));
        return exam;
    }

    @Test
    void importsJsonAndCsvAndUpserts() throws Exception {
        String exam = examWithPositions();
        String paid = Api.newIdNumber();
        String waived = Api.newIdNumber();
        String hashed = Api.newIdNumber();
        Map<String, Object> withHash = registration(hashed, "P2", "UNPAID");
        Map<String, Object> plain = registration(paid, "P1", "PAID");
        plain.remove("passwordHash");
        plain.put("password", "plain-secret");
        admin().contentType(ContentType.JSON)
                .body(List.of(plain, registration(waived, "P1", "WAIVED"), withHash))
                .post("/api/v1/admin/exams/{exam}/registrations", exam)
                .then()
                .statusCode(200)
                .body("received", equalTo(3))
                .body("created", equalTo(3))
                .body("updated", equalTo(0));

        long waivedApplicant = applicantId(exam, waived);
        // CSV with the fee columns named without their prefix; an existing applicant moves position
        // (keeping the applicant row its switches and refunds hang on) beside a new one.
        String fresh = Api.newIdNumber();
        String csv = "idNumber,name,phone,birthDate,education,degree,major,politicalStatus,grassrootsYears,"
                + "householdRegion,password,positionCode,status,amount,currency,channel,transactionId,paidAt\n"
                + waived + ",李四,13900000000," + birth(waived) + ",MASTER,true,经济学,CPC_MEMBER,2,140100,"
                + "pass-word-1,P2,PAID,100.00,CNY,WECHAT,WX-" + waived + ",2023-01-10T10:00:00+08:00\n"
                + fresh + ",王五,13900000001," + birth(fresh) + ",BACHELOR,true,经济学,MASSES,0,140100,"
                + "pass-word-2,P1,UNPAID,,,,,\n";
        admin().contentType("text/csv; charset=UTF-8")
                .body(csv)
                .post("/api/v1/admin/exams/{exam}/registrations", exam)
                .then()
                .statusCode(200)
                .body("created", equalTo(1))
                .body("updated", equalTo(1));
        assertEquals(waivedApplicant, applicantId(exam, waived));

        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                select a.id_number, a.password_hash, a.education, p.code, r.fee_status, r.fee_amount::text,
                       r.payment_channel, r.fee_currency
                from registration r join applicant a on a.id = r.applicant_id join position p on p.id = r.position_id
                join exam e on e.id = r.exam_id where e.code = ? order by a.id_number""")) {
            ps.setString(1, exam);
            try (ResultSet rs = ps.executeQuery()) {
                int rows = 0;
                while (rs.next()) {
                    rows++;
                    String id = rs.getString(1);
                    assertTrue(rs.getString(2).startsWith("$2"), "passwords are stored as bcrypt hashes");
                    assertTrue(!rs.getString(2).contains("secret")
                            && !rs.getString(2).contains("pass-word"));
                    if (id.equals(hashed)) {
                        assertEquals(BCRYPT, rs.getString(2));
                        assertEquals("UNPAID", rs.getString(5));
                    } else if (id.equals(waived)) {
                        assertEquals("MASTER", rs.getString(3));
                        assertEquals("P2", rs.getString(4));
                        assertEquals("PAID", rs.getString(5));
                        assertEquals("100.00", rs.getString(6));
                        assertEquals("WECHAT", rs.getString(7));
                        assertEquals("CNY", rs.getString(8));
                    } else if (id.equals(fresh)) {
                        assertEquals("BACHELOR", rs.getString(3));
                        assertEquals("UNPAID", rs.getString(5));
                    } else {
                        assertTrue(!rs.getString(2).equals(BCRYPT), "the plain password was hashed on import");
                        assertEquals("P1", rs.getString(4));
                        assertEquals("PAID", rs.getString(5));
                    }
                }
                assertEquals(4, rows);
            }
        }
        admin().get("/api/v1/admin/audit-events?action=registrations.imported&subject=exam:" + exam)
                .then()
                .body("total", equalTo(2));
    }

    @Test
    void oneBadRowRejectsTheWholeImportAndEveryBadRowIsReported() {
        String exam = examWithPositions();
        List<Map<String, Object>> rows = new ArrayList<>();
        rows.add(registration(Api.newIdNumber(), "P1", "PAID")); // row 1: fine
        String id = Api.newIdNumber();
        char wrong = id.charAt(17) == '0' ? '1' : '0';
        rows.add(registration(id.substring(0, 17) + wrong, "P1", "PAID")); // row 2: check digit
        rows.add(registration(Api.newIdNumber(), "NO-SUCH", "PAID")); // row 3: unknown position
        Map<String, Object> waivedWithMoney = registration(Api.newIdNumber(), "P1", "WAIVED");
        waivedWithMoney.put("fee", Map.of("status", "WAIVED", "amount", "100.00", "channel", "ALIPAY"));
        rows.add(waivedWithMoney); // row 4: waived but paid
        Map<String, Object> paidWithout = registration(Api.newIdNumber(), "P1", "PAID");
        paidWithout.put("fee", Map.of("status", "PAID"));
        rows.add(paidWithout); // row 5: payment missing
        Map<String, Object> badEnum = registration(Api.newIdNumber(), "P1", "PAID");
        badEnum.put("education", "KINDERGARTEN");
        badEnum.put("birthDate", "1970-01-01");
        rows.add(badEnum); // row 6: two fields
        rows.add(registration((String) rows.get(0).get("idNumber"), "P2", "UNPAID")); // row 7: duplicate
        Map<String, Object> noPassword = registration(Api.newIdNumber(), "P1", "UNPAID");
        noPassword.remove("passwordHash");
        rows.add(noPassword); // row 8: no password

        admin().contentType(ContentType.JSON)
                .body(rows)
                .post("/api/v1/admin/exams/{exam}/registrations", exam)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo(Problems.type("validation-failed")))
                .body("errors.row", hasItems(2, 3, 4, 5, 6, 7, 8))
                .body("errors.find { it.row == 2 }.field", equalTo("idNumber"))
                .body("errors.find { it.row == 2 }.message", equalTo("has a wrong check digit"))
                .body("errors.find { it.row == 3 }.field", equalTo("positionCode"))
                .body("errors.findAll { it.row == 4 }.field", hasItems("fee.channel", "fee.amount"))
                .body(
                        "errors.findAll { it.row == 5 }.field",
                        hasItems("fee.amount", "fee.channel", "fee.transactionId", "fee.paidAt"))
                .body("errors.findAll { it.row == 6 }.field", hasItems("education", "birthDate"))
                .body("errors.find { it.row == 7 }.message", equalTo("appears more than once in this import"))
                .body("errors.find { it.row == 8 }.field", equalTo("password"))
                .body("errors.row", org.hamcrest.Matchers.not(hasItem(1)));

        admin().post("/api/v1/admin/exams/{exam}/ratio-check", exam)
                .then()
                .body("positions.confirmedApplicants", equalTo(List.of(0, 0)));
    }

    @Test
    void malformedBodiesAreProblems() {
        String exam = examWithPositions();
        admin().contentType(ContentType.JSON)
                .body("[{\"idNumber\": ")
                .post("/api/v1/admin/exams/{exam}/registrations", exam)
                .then()
                .statusCode(400)
                .body("type", equalTo(Problems.type("malformed-request")));
        admin().contentType(ContentType.JSON)
                .body("{\"idNumber\": 1}")
                .post("/api/v1/admin/exams/{exam}/registrations", exam)
                .then()
                .statusCode(400)
                .body("type", equalTo(Problems.type("malformed-request")));
        admin().contentType("text/csv")
                .body("idNumber,name\n\"unterminated,x\n")
                .post("/api/v1/admin/exams/{exam}/registrations", exam)
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        admin().contentType(ContentType.JSON)
                .body(List.of())
                .post("/api/v1/admin/exams/NOPE/registrations")
                .then()
                .statusCode(404)
                .body("type", equalTo(Problems.type("not-found")));
    }

    private static String birth(String id) {
        return id.substring(6, 10) + "-" + id.substring(10, 12) + "-" + id.substring(12, 14);
    }

    @Test
    void anImportIntoAnotherExamNeverChangesWhatAPublishedExamSees() {
        SwitchFixture published = new SwitchFixture(1, 0);
        String before = Api.applicantToken(published.exam, published.paid);
        // The same person, imported into an unpublished exam with another password and other facts.
        String other = examWithPositions();
        Map<String, Object> attacker = registration(published.paid, "P1", "PAID");
        attacker.remove("passwordHash");
        attacker.put("password", "Attacker#2023x");
        attacker.put("name", "李四");
        attacker.put("education", "DOCTORATE");
        admin().contentType(ContentType.JSON)
                .body(List.of(attacker))
                .post("/api/v1/admin/exams/{exam}/registrations", other)
                .then()
                .statusCode(200);

        given().contentType(ContentType.JSON)
                .body(Map.of("examCode", published.exam, "idNumber", published.paid, "password", "Attacker#2023x"))
                .post("/api/v1/auth/applicant-token")
                .then()
                .statusCode(401);
        String token = Api.applicantToken(published.exam, published.paid);
        Api.as(token).get("/api/v1/me").then().statusCode(200).body("name", equalTo("张三"));
        Api.as(before).get("/api/v1/me").then().statusCode(200).body("name", equalTo("张三"));
        // The precheck still reads the published exam's facts: a bachelor's degree, not a doctorate.
        Api.as(token)
                .get("/api/v1/me/switch-options?q=T-MASTER&qualifiedOnly=false")
                .then()
                .statusCode(200)
                .body("items.find { it.code == 'T-MASTER' }.precheck.result", equalTo("FAIL"));
        // In its own exam the new row is what counts.
        given().contentType(ContentType.JSON)
                .body(Map.of("examCode", other, "idNumber", published.paid, "password", "Attacker#2023x"))
                .post("/api/v1/auth/applicant-token")
                .then()
                .statusCode(403)
                .body("type", equalTo(Problems.type("sign-in-not-allowed")));
    }
}
