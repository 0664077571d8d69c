package cn.gov.exam.change.switching;

import static cn.gov.exam.change.support.Api.as;
import static cn.gov.exam.change.support.Problems.BASE;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.gov.exam.change.support.Api;
import cn.gov.exam.change.support.Concurrently;
import cn.gov.exam.change.support.Eventually;
import cn.gov.exam.change.support.RegistrationLock;
import cn.gov.exam.change.support.SwitchFixture;
import cn.gov.exam.change.support.TestClock;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** DESIGN.md rule 3 through the API: the window, the target, the count, and concurrency. */
@QuarkusTest
class SwitchTest {
    /** Inside the window of every fixture exam. */
    private static final Instant DURING = SwitchFixture.DURING;

    @Inject
    TestClock clock;

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void duringTheWindow() {
        clock.set(DURING);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private static ValidatableResponse requestSwitch(String token, String target) {
        return as(token)
                .contentType(ContentType.JSON)
                .body(Map.of("targetPositionCode", target))
                .post("/api/v1/me/switch")
                .then();
    }

    @Test
    void meShowsTheApplicantsOwnRegistration() {
        SwitchFixture f = new SwitchFixture(1, 0);
        String token = Api.applicantToken(f.exam, f.paid);
        as(token)
                .get("/api/v1/me")
                .then()
                .statusCode(200)
                .body("idNumberMasked", equalTo(f.paid.substring(0, 6) + "********" + f.paid.substring(14)))
                .body("name", equalTo("张三"))
                .body("examCode", equalTo(f.exam))
                .body("timeZone", equalTo("Asia/Shanghai"))
                .body("originalPosition.code", equalTo("C1"))
                .body("originalPosition.status", equalTo("CANCELLED"))
                .body("originalPosition.agencyName", equalTo("山西省财政厅"))
                .body("switchDeadline", equalTo("2023-01-16T12:00:00+08:00"))
                .body("switchesLeft", equalTo(1))
                .body("currentSwitch", nullValue())
                .body("refund", nullValue())
                .body(not(org.hamcrest.Matchers.containsString(f.paid)));
        given().get("/api/v1/me").then().statusCode(401).contentType("application/problem+json");
        Api.admin().get("/api/v1/me").then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void switchOptionsCarryAPrecheckAndHideWhatCannotBeChosen() {
        SwitchFixture f = new SwitchFixture(1, 0);
        String token = Api.applicantToken(f.exam, f.paid);
        as(token)
                .get("/api/v1/me/switch-options")
                .then()
                .statusCode(200)
                .body("items.code", containsInAnyOrder("K1", "T-OK", "T-MAJOR"))
                .body("total", equalTo(3))
                .body("unqualifiedHidden", equalTo(1))
                .body("items.find { it.code == 'T-OK' }.precheck.result", equalTo("PASS"))
                .body("items.find { it.code == 'T-MAJOR' }.precheck.result", equalTo("MANUAL"))
                .body("items.find { it.code == 'T-MAJOR' }.precheck.manualRequirements", equalTo(List.of("MAJOR")));
        as(token)
                .get("/api/v1/me/switch-options?qualifiedOnly=false")
                .then()
                .body("items.code", containsInAnyOrder("K1", "T-OK", "T-MAJOR", "T-MASTER"))
                .body("unqualifiedHidden", equalTo(0))
                .body("items.find { it.code == 'T-MASTER' }.precheck.result", equalTo("FAIL"))
                .body(
                        "items.find { it.code == 'T-MASTER' }.precheck.failedRequirements",
                        equalTo(List.of("MIN_EDUCATION", "MAX_AGE")))
                .body("items.code", not(hasItem("C1")))
                .body("items.code", not(hasItem("C2")));
        as(token).get("/api/v1/me/switch-options?agency=A07").then().body("items.code", equalTo(List.of("T-MAJOR")));
        as(token).get("/api/v1/me/switch-options?q=t-ok").then().body("items.code", equalTo(List.of("T-OK")));
        as(token)
                .get("/api/v1/me/switch-options?size=2&page=1")
                .then()
                .body("items.size()", equalTo(1))
                .body("total", equalTo(3))
                .body("unqualifiedHidden", equalTo(1));
    }

    @Test
    void aSwitchIsAcceptedOnceAndAwaitsReview() throws SQLException {
        SwitchFixture f = new SwitchFixture(1, 0);
        String token = Api.applicantToken(f.exam, f.waived);
        requestSwitch(token, "T-MAJOR")
                .statusCode(201)
                .header("Location", equalTo("/api/v1/me"))
                .body("targetPositionCode", equalTo("T-MAJOR"))
                .body("status", equalTo("PENDING"))
                .body("precheck.result", equalTo("MANUAL"))
                .body("decidedAt", nullValue());
        as(token)
                .get("/api/v1/me")
                .then()
                .body("currentSwitch.targetPositionCode", equalTo("T-MAJOR"))
                .body("currentSwitch.status", equalTo("PENDING"))
                .body("switchesLeft", equalTo(0));
        requestSwitch(token, "T-OK").statusCode(409).body("type", equalTo(BASE + "switch-pending"));

        // Once rejected, with no switch left: no-switches-left. (Reviews come through their own API.)
        reject(f.exam);
        requestSwitch(token, "T-OK").statusCode(409).body("type", equalTo(BASE + "no-switches-left"));

        Api.admin()
                .get("/api/v1/admin/audit-events?action=switch.requested&examCode=" + f.exam)
                .then()
                .body("total", equalTo(1))
                .body("items[0].after.to", equalTo("T-MAJOR"))
                .body("items[0].actorRole", equalTo("APPLICANT"));
    }

    @Test
    void aRejectedSwitchLeavesAnotherWhenTheExamAllowsTwo() throws SQLException {
        SwitchFixture f = new SwitchFixture(2, 0);
        String token = Api.applicantToken(f.exam, f.paid);
        requestSwitch(token, "T-OK").statusCode(201);
        reject(f.exam);
        as(token)
                .get("/api/v1/me")
                .then()
                .body("switchesLeft", equalTo(1))
                .body("currentSwitch.status", equalTo("REJECTED"))
                .body("currentSwitch.reason", equalTo("test"));
        requestSwitch(token, "T-MAJOR").statusCode(201).body("targetPositionCode", equalTo("T-MAJOR"));
        as(token)
                .get("/api/v1/me")
                .then()
                .body("switchesLeft", equalTo(0))
                .body("currentSwitch.targetPositionCode", equalTo("T-MAJOR"));
    }

    @Test
    void theTargetMustBeAnotherOpenPositionWhoseRequirementsAreMet() {
        SwitchFixture f = new SwitchFixture(1, 0);
        String token = Api.applicantToken(f.exam, f.paid);
        requestSwitch(token, "C1").statusCode(409).body("type", equalTo(BASE + "same-position"));
        requestSwitch(token, "C2").statusCode(409).body("type", equalTo(BASE + "position-not-open"));
        requestSwitch(token, "NOPE").statusCode(404).body("type", equalTo(BASE + "not-found"));
        requestSwitch(token, "T-MASTER")
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo(BASE + "requirements-not-met"))
                .body("failedRequirements", equalTo(List.of("MIN_EDUCATION", "MAX_AGE")));
        as(token)
                .contentType(ContentType.JSON)
                .body(Map.of())
                .post("/api/v1/me/switch")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("targetPositionCode"));
        as(token).get("/api/v1/me").then().body("switchesLeft", equalTo(1)).body("currentSwitch", nullValue());
        // The kept position is open: a valid target.
        requestSwitch(token, "K1").statusCode(201);
    }

    @Test
    void aRefusedSwitchRollsBackBeforeItsConnectionIsReused() throws SQLException {
        SwitchFixture f = new SwitchFixture(1, 0);
        String token = Api.applicantToken(f.exam, f.paid);
        // Each refusal is decided after BEGIN and the row lock: more of them than the pool has
        // connections, so a connection returned inside its transaction would be lent out again.
        for (int i = 0; i < 25; i++) {
            requestSwitch(token, "C1").statusCode(409).body("type", equalTo(BASE + "same-position"));
        }
        assertEquals(
                0,
                count("select count(*) from pg_stat_activity where datname = current_database() "
                        + "and state like 'idle in transaction%'"));
        // The row lock was released with it: the applicant's next request is not blocked.
        requestSwitch(token, "K1").statusCode(201);
    }

    @Test
    void theWindowOpensAndClosesOnTheInstantInTheExamsTimeZone() {
        SwitchFixture f = new SwitchFixture(1, 2);
        String early = Api.applicantToken(f.exam, f.paid);
        String lastMoment = Api.applicantToken(f.exam, f.others.get(0));
        String late = Api.applicantToken(f.exam, f.others.get(1));

        clock.set(OffsetDateTime.parse("2023-01-14T08:59:59.999+08:00").toInstant());
        requestSwitch(early, "T-OK").statusCode(409).body("type", equalTo(BASE + "switch-window-not-open"));
        clock.set(OffsetDateTime.parse("2023-01-14T09:00:00+08:00").toInstant());
        requestSwitch(early, "T-OK").statusCode(201);

        clock.set(OffsetDateTime.parse("2023-01-16T11:59:59.999+08:00").toInstant());
        requestSwitch(lastMoment, "T-OK").statusCode(201);
        clock.set(OffsetDateTime.parse("2023-01-16T12:00:00+08:00").toInstant());
        requestSwitch(late, "T-OK").statusCode(409).body("type", equalTo(BASE + "switch-window-closed"));
        as(late).get("/api/v1/me").then().statusCode(200).body("currentSwitch", nullValue());
    }

    @Test
    void twentySimultaneousRequestsOfOneApplicantMakeExactlyOneSwitch() throws Exception {
        SwitchFixture f = new SwitchFixture(1, 0);
        String token = Api.applicantToken(f.exam, f.paid);
        List<Integer> statuses = Concurrently.run(
                20,
                i -> requestSwitch(token, i % 2 == 0 ? "T-OK" : "T-MAJOR")
                        .extract()
                        .statusCode());
        assertEquals(1, statuses.stream().filter(s -> s == 201).count(), "statuses: " + statuses);
        assertEquals(19, statuses.stream().filter(s -> s == 409).count(), "statuses: " + statuses);
        assertEquals(1, switchesOf(f.exam));
    }

    @Test
    void manyApplicantsSwitchingAtOnceAllSucceed() throws Exception {
        SwitchFixture f = new SwitchFixture(1, 12);
        List<String> tokens =
                f.others.stream().map(id -> Api.applicantToken(f.exam, id)).toList();
        List<Integer> statuses = Concurrently.run(
                tokens.size(),
                i -> requestSwitch(tokens.get(i), "T-OK").extract().statusCode());
        assertEquals(List.of(201), statuses.stream().distinct().toList());
        assertEquals(12, switchesOf(f.exam));
    }

    @Test
    void anIdempotencyKeyReplaysTheFirstResponse() throws Exception {
        SwitchFixture f = new SwitchFixture(1, 0);
        String token = Api.applicantToken(f.exam, f.paid);
        int id = as(token)
                .header("Idempotency-Key", "k-1")
                .contentType(ContentType.JSON)
                .body(Map.of("targetPositionCode", "T-OK"))
                .post("/api/v1/me/switch")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        as(token)
                .header("Idempotency-Key", "k-1")
                .contentType(ContentType.JSON)
                .body(Map.of("targetPositionCode", "T-OK"))
                .post("/api/v1/me/switch")
                .then()
                .statusCode(201)
                .header("Idempotent-Replayed", equalTo("true"))
                .body("id", equalTo(id))
                .body("status", equalTo("PENDING"));
        as(token)
                .header("Idempotency-Key", "k-1")
                .contentType(ContentType.JSON)
                .body(Map.of("targetPositionCode", "T-MAJOR"))
                .post("/api/v1/me/switch")
                .then()
                .statusCode(422)
                .body("type", equalTo(BASE + "idempotency-key-reused"));
        // Another key is another request: judged on its own.
        as(token)
                .header("Idempotency-Key", "k-2")
                .contentType(ContentType.JSON)
                .body(Map.of("targetPositionCode", "T-OK"))
                .post("/api/v1/me/switch")
                .then()
                .statusCode(409)
                .body("type", equalTo(BASE + "switch-pending"));
        assertEquals(1, switchesOf(f.exam));

        // Keys belong to one applicant: the same key of another applicant is unrelated.
        String other = Api.applicantToken(f.exam, f.waived);
        as(other)
                .header("Idempotency-Key", "k-1")
                .contentType(ContentType.JSON)
                .body(Map.of("targetPositionCode", "T-MAJOR"))
                .post("/api/v1/me/switch")
                .then()
                .statusCode(201)
                .body("targetPositionCode", equalTo("T-MAJOR"));

        // An expired key is forgotten.
        sql("update idempotency_key set expires_at = created_at where idempotency_key = 'k-1'");
        as(token)
                .header("Idempotency-Key", "k-1")
                .contentType(ContentType.JSON)
                .body(Map.of("targetPositionCode", "T-MAJOR"))
                .post("/api/v1/me/switch")
                .then()
                .statusCode(409)
                .body("type", equalTo(BASE + "switch-pending"));
    }

    @Test
    void aKeyInFlightIsRefused() throws Exception {
        SwitchFixture f = new SwitchFixture(1, 0);
        String token = Api.applicantToken(f.exam, f.paid);
        // What a request still running under the key looks like to a second one.
        sql(
                "insert into idempotency_key (registration_id, idempotency_key, request_hash, state, created_at, expires_at) "
                        + "select r.id, 'busy', 'h', 'IN_FLIGHT', now(), now() + interval '1 hour' from registration r "
                        + "join applicant a on a.id = r.applicant_id join exam e on e.id = r.exam_id "
                        + "where e.code = '" + f.exam + "' and a.id_number = '" + f.paid + "'");
        as(token)
                .header("Idempotency-Key", "busy")
                .contentType(ContentType.JSON)
                .body(Map.of("targetPositionCode", "T-OK"))
                .post("/api/v1/me/switch")
                .then()
                .statusCode(409)
                .body("type", equalTo(BASE + "idempotency-key-in-use"));

        // Simultaneous requests under one fresh key: one switch, which every one of them answers.
        List<ExtractableResponse<Response>> answers = Concurrently.run(8, i -> keyedSwitch(token, "same"));
        assertEquals(
                List.of(201),
                answers.stream().map(ExtractableResponse::statusCode).distinct().toList());
        assertEquals(1, answers.stream().map(a -> a.path("id")).distinct().count());
        assertEquals(1, switchesOf(f.exam));
    }

    @Test
    void aTwinWithTheSameKeyWaitsForTheFirstAndReplaysItsAnswer() throws Exception {
        SwitchFixture f = new SwitchFixture(1, 0);
        String token = Api.applicantToken(f.exam, f.paid);
        ExecutorService requests = Executors.newFixedThreadPool(2);
        try (Connection held = dataSource.getConnection()) {
            // Another request of this applicant's, holding the registration row for a while.
            RegistrationLock.hold(held, f.exam, f.paid);
            Future<ExtractableResponse<Response>> first = requests.submit(() -> keyedSwitch(token, "twin"));
            Eventually.await(() -> waitingOnLocks() == 1, () -> "the first request waits for the row");
            Future<ExtractableResponse<Response>> second = requests.submit(() -> keyedSwitch(token, "twin"));
            Eventually.await(() -> waitingOnLocks() == 2, () -> "the twin waits for the first's claim");
            held.rollback();
            held.setAutoCommit(true);

            ExtractableResponse<Response> a = first.get(20, TimeUnit.SECONDS);
            ExtractableResponse<Response> b = second.get(20, TimeUnit.SECONDS);
            assertEquals(List.of(201, 201), List.of(a.statusCode(), b.statusCode()));
            assertEquals((Integer) a.path("id"), b.path("id"));
            assertEquals("true", b.header("Idempotent-Replayed"));
            assertEquals(1, switchesOf(f.exam));
        } finally {
            requests.shutdownNow();
        }
    }

    private static ExtractableResponse<Response> keyedSwitch(String token, String key) {
        return as(token)
                .header("Idempotency-Key", key)
                .contentType(ContentType.JSON)
                .body(Map.of("targetPositionCode", "T-OK"))
                .post("/api/v1/me/switch")
                .then()
                .extract();
    }

    private long waitingOnLocks() {
        try {
            return count("select count(*) from pg_stat_activity where wait_event_type = 'Lock' "
                    + "and datname = current_database()");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    // --- helpers

    private void reject(String exam) throws SQLException {
        sql("update position_switch set status = 'REJECTED', reason = 'test', decided_at = now(), reviewer = 'test' "
                + "where status = 'PENDING' and exam_id = (select id from exam where code = '" + exam + "')");
    }

    private long count(String query) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(query);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private long switchesOf(String exam) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "select count(*) from position_switch s join exam e on e.id = s.exam_id where e.code = ?")) {
            ps.setString(1, exam);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private void sql(String statement) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(statement)) {
            ps.executeUpdate();
        }
    }
}
