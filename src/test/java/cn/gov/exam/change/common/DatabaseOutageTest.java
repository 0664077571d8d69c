package cn.gov.exam.change.common;

import static cn.gov.exam.change.support.Api.admin;
import static cn.gov.exam.change.support.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.gov.exam.change.support.Api;
import cn.gov.exam.change.support.SwitchFixture;
import cn.gov.exam.change.support.TestClock;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 24 through the API: a database that cannot serve a request in time is a 503
 * service-unavailable with Retry-After, on the JDBC endpoints and on the reactive switch path, and
 * a switch's retry with its Idempotency-Key gets the truth. A row lock held past the server's
 * lock_timeout stands in for the outage: the same SQLSTATE family, no fault injection.
 */
@QuarkusTest
class DatabaseOutageTest {
    private static final String BASE = "https://position-change.example/problems/";

    @Inject
    TestClock clock;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    AppConfig config;

    @BeforeEach
    void duringTheWindow() {
        clock.set(SwitchFixture.DURING);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private ValidatableResponse unavailable(ValidatableResponse r, long startedNanos) {
        long waited = Duration.ofNanos(System.nanoTime() - startedNanos).toMillis();
        assertTrue(waited < config.database().requestTimeout().toMillis(), "waited " + waited + " ms");
        assertTrue(waited >= config.database().lockTimeout().toMillis() - 100, "waited " + waited + " ms");
        long retryAfter = config.database().retryAfter().toSeconds();
        return r.statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", String.valueOf(retryAfter))
                .body("type", equalTo(BASE + "service-unavailable"))
                .body("retryAfterSeconds", equalTo((int) retryAfter));
    }

    @Test
    void aJdbcEndpointThatCannotGetItsRowInTimeIs503AndStaffPathsIgnoreCase() throws Exception {
        String username = "outage" + Long.toString(System.nanoTime(), 36);
        admin().contentType(ContentType.JSON)
                .body(Map.of(
                        "username", username, "password", "Outage-test-2026!", "role", "REVIEWER", "agencyCode", "A01"))
                .post("/api/v1/admin/staff")
                .then()
                .statusCode(201);
        String shouted = username.toUpperCase(Locale.ROOT);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps =
                    c.prepareStatement("select id from staff_account where username = ? for update")) {
                ps.setString(1, username);
                ps.executeQuery().close();
            }
            long t0 = System.nanoTime();
            unavailable(admin().post("/api/v1/admin/staff/{u}/disable", shouted).then(), t0);
            c.rollback();
        }
        // Once the row is free, the same request in another case than the account's.
        admin().post("/api/v1/admin/staff/{u}/disable", shouted)
                .then()
                .statusCode(200)
                .body("username", equalTo(username))
                .body("enabled", equalTo(false));
        admin().post("/api/v1/admin/staff/{u}/enable", shouted)
                .then()
                .statusCode(200)
                .body("enabled", equalTo(true));
    }

    @Test
    void theStaffAccountCheckOfEveryStaffRequestIs503TooWhenItCannotRead() throws Exception {
        String token = Api.adminToken();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("lock table staff_account in access exclusive mode")) {
                ps.execute();
            }
            long t0 = System.nanoTime();
            unavailable(as(token).get("/api/v1/admin/staff").then(), t0);
            c.rollback();
        }
        as(token).get("/api/v1/admin/staff").then().statusCode(200);
    }

    @Test
    void aSwitchCutShortIs503AndItsRetryWithTheSameKeyIsJudgedAfresh() throws Exception {
        SwitchFixture f = new SwitchFixture(1, 0);
        String token = Api.applicantToken(f.exam, f.paid);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(registration(f) + " for update of r")) {
                ps.executeQuery().close();
            }
            long t0 = System.nanoTime();
            unavailable(switchWith(token, "cut-short"), t0);
            c.rollback();
        }
        assertEquals(0, switchesOf(f.exam));
        int id = switchWith(token, "cut-short").statusCode(201).extract().path("id");
        switchWith(token, "cut-short")
                .statusCode(201)
                .header("Idempotent-Replayed", equalTo("true"))
                .body("id", equalTo(id));
        assertEquals(1, switchesOf(f.exam));
    }

    @Test
    void aKeyLeftInFlightByALostRequestIsTakenOverAfterTheInFlightTimeout() throws Exception {
        SwitchFixture f = new SwitchFixture(1, 0);
        String token = Api.applicantToken(f.exam, f.paid);
        // The database went away before the failed request could release its key.
        Duration timeout = config.idempotency().inFlightTimeout();
        inFlight(f, "recent", clock.now().minus(timeout).plusSeconds(5));
        inFlight(f, "lost", clock.now().minus(timeout).minusSeconds(1));
        switchWith(token, "recent").statusCode(409).body("type", equalTo(BASE + "idempotency-key-in-use"));
        int id = switchWith(token, "lost").statusCode(201).extract().path("id");
        switchWith(token, "lost")
                .statusCode(201)
                .header("Idempotent-Replayed", equalTo("true"))
                .body("id", equalTo(id));
        assertEquals(1, switchesOf(f.exam));
    }

    private static ValidatableResponse switchWith(String token, String key) {
        return as(token)
                .header("Idempotency-Key", key)
                .contentType(ContentType.JSON)
                .body(Map.of("targetPositionCode", "T-OK"))
                .post("/api/v1/me/switch")
                .then();
    }

    private static String registration(SwitchFixture f) {
        return "select r.id from registration r join applicant a on a.id = r.applicant_id join exam e on e.id = r.exam_id "
                + "where e.code = '" + f.exam + "' and a.id_number = '" + f.paid + "'";
    }

    private void inFlight(SwitchFixture f, String key, java.time.Instant claimedAt) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "insert into idempotency_key (registration_id, idempotency_key, request_hash, state, created_at, expires_at) "
                                + "select r.id, ?, 'h', 'IN_FLIGHT', ?, ? from (" + registration(f) + ") r")) {
            ps.setString(1, key);
            ps.setObject(2, claimedAt.atOffset(java.time.ZoneOffset.UTC));
            ps.setObject(3, claimedAt.plus(Duration.ofDays(1)).atOffset(java.time.ZoneOffset.UTC));
            assertEquals(1, ps.executeUpdate());
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
}
