package cn.gov.exam.change.agency;

import static cn.gov.exam.change.support.Api.admin;
import static cn.gov.exam.change.support.Api.as;
import static cn.gov.exam.change.support.Api.position;
import static cn.gov.exam.change.support.Problems.BASE;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;

import cn.gov.exam.change.support.Api;
import cn.gov.exam.change.support.SwitchFixture;
import cn.gov.exam.change.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Issue 23 point 5: agencies are one registry; reviewer accounts name one of its agencies. */
@QuarkusTest
class AgencyTest {
    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private static String newCode() {
        return "G" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
    }

    private static io.restassured.response.ValidatableResponse createReviewer(String name, String agency) {
        return admin().contentType(ContentType.JSON)
                .body(Map.of("username", name, "password", "Review#2023!x", "role", "REVIEWER", "agencyCode", agency))
                .post("/api/v1/admin/staff")
                .then();
    }

    @Test
    void importsFillTheRegistryAndACodeNamesOneOrganisationInEveryExam() {
        String code = newCode();
        String exam1 = Api.newExamCode("AG");
        Api.createExam(exam1, 3, true);
        Map<String, Object> p = position("P1", 1, null);
        p.put("agencyCode", code.toLowerCase()); // stored in one form: upper-case
        p.put("agencyName", "晋城市统计局");
        Api.importPositions(exam1, List.of(p));
        admin().get("/api/v1/admin/agencies?q={q}", code.toLowerCase())
                .then()
                .statusCode(200)
                .body("items.code", contains(code))
                .body("items.name", contains("晋城市统计局"));
        admin().get("/api/v1/exams/{e}/positions", exam1).then().body("items.agencyCode", contains(code));

        // Another exam reusing the code under another name: that row is refused, the file with it.
        String exam2 = Api.newExamCode("AG");
        Api.createExam(exam2, 3, true);
        Map<String, Object> same = position("Q1", 1, null);
        same.put("agencyCode", code);
        same.put("agencyName", "晋城市统计局");
        Map<String, Object> other = position("Q2", 1, null);
        other.put("agencyCode", code);
        other.put("agencyName", "另一个单位");
        admin().contentType(ContentType.JSON)
                .body(List.of(same, other))
                .post("/api/v1/admin/exams/{e}/positions", exam2)
                .then()
                .statusCode(400)
                .body("type", equalTo(BASE + "validation-failed"))
                .body("errors.row", contains(2))
                .body("errors.field", contains("agencyName"))
                .body("errors[0].message", containsString("晋城市统计局"));
        // In CSV the refused row names the CSV column.
        admin().contentType("text/csv; charset=UTF-8")
                .body("code,agencyCode,agencyName,employer,title,quota\nQ3," + code + ",又一个单位,用人单位,科员,1\n")
                .post("/api/v1/admin/exams/{e}/positions", exam2)
                .then()
                .statusCode(400)
                .body("errors.field", contains("agencyName"));
        Api.importPositions(exam2, List.of(same));

        // Renamed by an administrator: the positions of every exam carry the new name; audited.
        admin().contentType(ContentType.JSON)
                .body(Map.of("name", "晋城市统计局（更名）"))
                .put("/api/v1/admin/agencies/{c}", code.toLowerCase())
                .then()
                .statusCode(200)
                .body("name", equalTo("晋城市统计局（更名）"));
        admin().get("/api/v1/exams/{e}/positions", exam1).then().body("items.agencyName", contains("晋城市统计局（更名）"));
        admin().get("/api/v1/exams/{e}/positions", exam2).then().body("items.agencyName", contains("晋城市统计局（更名）"));
        admin().get("/api/v1/admin/audit-events?action=agency.renamed&subject=agency:" + code)
                .then()
                .body("total", equalTo(1));

        admin().contentType(ContentType.JSON)
                .body(Map.of("code", code.toLowerCase(), "name", "x"))
                .post("/api/v1/admin/agencies")
                .then()
                .statusCode(409)
                .body("type", equalTo(BASE + "already-exists"));
        admin().contentType(ContentType.JSON)
                .body(Map.of("name", "x"))
                .put("/api/v1/admin/agencies/NOPE-{c}", code)
                .then()
                .statusCode(404);
    }

    @Test
    void reviewerAccountsNameARegistryAgencyAndCanBeEdited() {
        String code = newCode();
        Api.ensureAgency(code, "晋中市审计局");
        String name = "rev-" + UUID.randomUUID().toString().substring(0, 8);
        // An unknown code is refused with a message, not created to see an empty queue.
        createReviewer(name, "Z" + code)
                .statusCode(400)
                .body("type", equalTo(BASE + "validation-failed"))
                .body("errors.field", contains("agencyCode"))
                .body("errors[0].message", equalTo("is not an agency of the registry"));
        // Matched whatever its case, stored in one form.
        createReviewer(name, " " + code.toLowerCase()).statusCode(201).body("agencyCode", equalTo(code));

        String second = newCode();
        Api.ensureAgency(second, "晋中市财政局");
        String token = Api.staffToken(name, "Review#2023!x");
        admin().contentType(ContentType.JSON)
                .body(Map.of("agencyCode", "nope-" + second))
                .patch("/api/v1/admin/staff/{u}", name)
                .then()
                .statusCode(400)
                .body("errors.field", contains("agencyCode"));
        admin().contentType(ContentType.JSON)
                .body(Map.of("agencyCode", second.toLowerCase()))
                .patch("/api/v1/admin/staff/{u}", name)
                .then()
                .statusCode(200)
                .body("agencyCode", equalTo(second))
                .body("enabled", equalTo(true));
        // The old token carried the old agency: it no longer works.
        as(token).get("/api/v1/admin/session").then().statusCode(401);
        as(Api.staffToken(name, "Review#2023!x"))
                .get("/api/v1/admin/session")
                .then()
                .statusCode(200)
                .body("agencyCode", equalTo(second));
        admin().contentType(ContentType.JSON)
                .body(Map.of("enabled", false))
                .patch("/api/v1/admin/staff/{u}", name)
                .then()
                .statusCode(200)
                .body("enabled", equalTo(false));
        admin().get("/api/v1/admin/audit-events?action=staff.agency-changed&subject=staff:" + name)
                .then()
                .body("total", equalTo(1))
                .body("items[0].after.agencyCode", equalTo(second));
        admin().contentType(ContentType.JSON)
                .body(Map.of("agencyCode", second))
                .patch("/api/v1/admin/staff/{u}", "admin")
                .then()
                .statusCode(400);
    }

    /**
     * A reviewer account typed in lower case reviews its agency's switches (it saw an empty queue),
     * and sees no other agency's: scoping is by registry code, the same organisation in every exam.
     */
    @Test
    void aReviewerSeesTheQueueOfItsRegistryAgencyWhateverTheCaseTyped() {
        clock.set(SwitchFixture.DURING);
        SwitchFixture f = new SwitchFixture(1, 0);
        int id = f.switchTo(f.paid, "T-MAJOR"); // agency A07
        String name = "rev-a07-" + UUID.randomUUID().toString().substring(0, 6);
        createReviewer(name, "a07").statusCode(201).body("agencyCode", equalTo("A07"));
        String a07 = Api.staffToken(name, "Review#2023!x");
        as(a07).get("/api/v1/admin/exams/{e}/reviews?status=PENDING", f.exam)
                .then()
                .statusCode(200)
                .body("items.id", hasItem(id))
                .body("items.targetPosition.agencyCode", everyItem(equalTo("A07")));
        String other = "rev-a01-" + UUID.randomUUID().toString().substring(0, 6);
        createReviewer(other, "A01").statusCode(201);
        String a01 = Api.staffToken(other, "Review#2023!x");
        as(a01).get("/api/v1/admin/exams/{e}/reviews?status=PENDING", f.exam)
                .then()
                .statusCode(200)
                .body("total", equalTo(0));
        Api.decide(as(a01), id, "APPROVED", null).statusCode(404);
    }
}
