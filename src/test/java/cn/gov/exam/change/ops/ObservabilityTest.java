package cn.gov.exam.change.ops;

import static cn.gov.exam.change.support.Api.admin;
import static cn.gov.exam.change.support.Api.as;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.gov.exam.change.common.http.RequestIds;
import cn.gov.exam.change.refund.RefundStatusGauge;
import cn.gov.exam.change.support.Api;
import cn.gov.exam.change.support.SwitchFixture;
import cn.gov.exam.change.support.TestClock;
import cn.gov.exam.change.support.WebhookReceiver;
import cn.gov.exam.change.webhook.DeliveryBacklog;
import cn.gov.exam.change.webhook.WebhookDispatcher;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 29: the deadline-day metrics on /q/metrics (the management port in production), every
 * metric the alert rules and the dashboard name, and the JSON log of a full scenario: one JSON
 * object a line, the request id on request lines, no personal data, token or secret.
 */
@QuarkusTest
class ObservabilityTest {
    private static final Path LOG = Path.of("target/quarkus-test.log");

    @Inject
    TestClock clock;

    @Inject
    RefundStatusGauge refundGauge;

    @Inject
    DeliveryBacklog backlog;

    @Inject
    WebhookDispatcher dispatcher;

    @Inject
    AgroalDataSource dataSource;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void switchesAndSignInsAreCountedByOutcome() {
        SwitchFixture f = new SwitchFixture(1, 0);
        clock.set(SwitchFixture.DURING);
        double switched = metric("exam_switch_requests_total{kind=\"switch\",outcome=\"switched\"}");
        double pending = metric("exam_switch_requests_total{kind=\"switch\",outcome=\"switch-pending\"}");
        double signedIn = metric("exam_sign_ins_total{kind=\"applicant\",outcome=\"signed-in\"}");
        double refused = metric("exam_sign_ins_total{kind=\"applicant\",outcome=\"invalid-credentials\"}");
        given().contentType(ContentType.JSON)
                .body(Map.of("examCode", f.exam, "idNumber", f.paid, "password", "not-the-password"))
                .post("/api/v1/auth/applicant-token")
                .then()
                .statusCode(401);
        f.switchTo(f.paid, "T-MAJOR"); // signs in and switches
        as(Api.applicantToken(f.exam, f.paid))
                .contentType(ContentType.JSON)
                .body(Map.of("targetPositionCode", "T-OK"))
                .post("/api/v1/me/switch")
                .then()
                .statusCode(409);
        assertEquals(switched + 1, metric("exam_switch_requests_total{kind=\"switch\",outcome=\"switched\"}"));
        assertEquals(pending + 1, metric("exam_switch_requests_total{kind=\"switch\",outcome=\"switch-pending\"}"));
        assertEquals(signedIn + 2, metric("exam_sign_ins_total{kind=\"applicant\",outcome=\"signed-in\"}"));
        assertEquals(refused + 1, metric("exam_sign_ins_total{kind=\"applicant\",outcome=\"invalid-credentials\"}"));
        assertEquals(0, metric("exam_password_check_queue"));
        assertTrue(metric("exam_password_check_queue_capacity") > 0);
        assertTrue(metric("agroal_max_used_count{datasource=\"default\"}") >= 1, "the JDBC pool's use");
    }

    @Test
    void refundsByStatusAndTheBacklogPerSubscriptionAreReadFromTheirTables() throws Exception {
        clock.set(SwitchFixture.DURING);
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            sql("update webhook_subscription set enabled = false");
            sql("update webhook_delivery set status = 'FAILED' where status = 'PENDING'");
            long subscription = admin().contentType(ContentType.JSON)
                    .body(Map.of("url", receiver.url(), "channels", List.of("ALIPAY")))
                    .post("/api/v1/admin/webhook-subscriptions")
                    .then()
                    .statusCode(201)
                    .extract()
                    .jsonPath()
                    .getLong("id");
            SwitchFixture f = new SwitchFixture(1, 1);
            for (String id : List.of(f.paid, f.others.get(0))) {
                as(Api.applicantToken(f.exam, id))
                        .post("/api/v1/me/refund-request")
                        .then()
                        .statusCode(201);
            }
            // Cached: nothing is read until the refresh (every app.metrics.refresh-every; off in tests).
            refundGauge.refresh();
            assertEquals(
                    count("select count(*) from refund where status = 'QUEUED'"),
                    metric("exam_refunds{status=\"QUEUED\"}"));
            clock.advance(Duration.ofMinutes(11));
            backlog.refresh();
            String tag = "{subscription=\"" + subscription + "\"}";
            assertEquals(2, metric("exam_webhook_backlog" + tag));
            double age = metric("exam_webhook_oldest_pending_age_seconds" + tag);
            assertTrue(age >= 660 && age < 700, "the oldest message waited 11 minutes: " + age);
            // Delivered: the backlog drops to 0, and the series stays (an alert sees the drop).
            while (dispatcher.dispatchOnce(WebhookDispatcher.INSTANCE) > 0) {
                // until nothing is due
            }
            backlog.refresh();
            assertEquals(0, metric("exam_webhook_backlog" + tag));
            assertEquals(0, metric("exam_webhook_oldest_pending_age_seconds" + tag));
        }
    }

    @Test
    void everyMetricTheRulesAndTheDashboardNameIsServed() throws Exception {
        given().get("/q/health/ready").then().statusCode(200);
        Set<String> served = new TreeSet<>();
        for (String line : given().get("/q/metrics").asString().split("\n")) {
            if (!line.startsWith("#") && !line.isBlank()) {
                served.add(line.split("[{ ]")[0]);
            }
        }
        Set<String> named = new TreeSet<>();
        JsonNode rules = new YAMLMapper()
                .readTree(Path.of("deploy/prometheus/position-change.rules.yml").toFile());
        rules.at("/groups/0/rules")
                .forEach(r -> named.addAll(metricNames(r.get("expr").asText())));
        JsonNode dashboard = new ObjectMapper()
                .readTree(
                        Path.of("deploy/grafana/position-change-dashboard.json").toFile());
        dashboard
                .get("panels")
                .forEach(p -> p.get("targets")
                        .forEach(t -> named.addAll(metricNames(t.get("expr").asText()))));
        named.remove("up"); // Prometheus's own
        List<String> missing = named.stream()
                .filter(n -> !served.contains(n))
                .filter(n -> !n.startsWith("http_server_requests_seconds")
                        || served.stream().noneMatch(s -> s.startsWith("http_server_requests_seconds")))
                .toList();
        assertEquals(List.of(), missing, "named by deploy/ but not served");
        assertTrue(named.size() >= 10, named.toString());
        assertEquals(1, metric("exam_ready"), "the readiness probe above succeeded");
    }

    @Test
    void theLogOfAFullScenarioIsJsonWithRequestIdsAndNoPersonalDataTokensOrSecrets() throws Exception {
        long start = Files.exists(LOG) ? Files.size(LOG) : 0;
        clock.set(SwitchFixture.DURING);
        List<String> forbidden = new ArrayList<>();
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            sql("update webhook_subscription set enabled = false");
            String secret = admin().contentType(ContentType.JSON)
                    .body(Map.of("url", receiver.url(), "channels", List.of("ALIPAY")))
                    .post("/api/v1/admin/webhook-subscriptions")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("secret");
            forbidden.add(secret);
            SwitchFixture f = new SwitchFixture(1, 1);
            forbidden.addAll(List.of(f.paid, f.waived, f.unpaid, f.kept, f.others.get(0)));
            // Sign-ins (wrong password, locked, right), a switch, a refused switch, a review, a refund.
            for (int i = 0; i < 6; i++) {
                given().contentType(ContentType.JSON)
                        .body(Map.of("examCode", f.exam, "idNumber", f.kept, "password", "wrong-" + i))
                        .post("/api/v1/auth/applicant-token");
            }
            String token = Api.applicantToken(f.exam, f.paid);
            forbidden.add(token);
            forbidden.add(Api.adminToken());
            int review = Api.switchTo(f.exam, f.waived, "T-MAJOR");
            as(token)
                    .contentType(ContentType.JSON)
                    .body(Map.of("targetPositionCode", "T-MASTER"))
                    .post("/api/v1/me/switch")
                    .then()
                    .statusCode(422);
            Api.decide(admin(), review, "REJECTED", "不符合专业要求").statusCode(200);
            as(Api.applicantToken(f.exam, f.others.get(0)))
                    .post("/api/v1/me/refund-request")
                    .then()
                    .statusCode(201);
            while (dispatcher.dispatchOnce(WebhookDispatcher.INSTANCE) > 0) {
                // deliver
            }
            assertFalse(receiver.received().isEmpty());
            // A failing request with a caller's request id.
            String requestId = "scan-" + UUID.randomUUID();
            admin().header(RequestIds.HEADER, requestId)
                    .get("/api/v1/admin/exams/{exam}/summary", "NO-SUCH-EXAM")
                    .then()
                    .statusCode(404);
            forbidden.addAll(List.of("张三", "13800000000", Api.PASSWORD, Api.ADMIN_PASSWORD, Api.PASSWORD_HASH));

            byte[] bytes = Files.readAllBytes(LOG);
            start = bytes.length < start ? 0 : start; // rotated meanwhile
            String written = new String(bytes, (int) start, bytes.length - (int) start, StandardCharsets.UTF_8);
            ObjectMapper json = new ObjectMapper();
            int lines = 0;
            boolean sawRequestId = false;
            for (String line : written.split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode event = json.readTree(line); // fails on a line that is not JSON
                lines++;
                assertTrue(event.hasNonNull("timestamp") && event.hasNonNull("level") && event.has("message"), line);
                String decoded = event.toString(); // unescaped: Chinese text as written
                for (String value : forbidden) {
                    assertFalse(decoded.contains(value), "the log holds a secret or personal data: " + line);
                }
                sawRequestId |=
                        requestId.equals(event.path("mdc").path("requestId").asText());
            }
            assertTrue(lines > 0, "the scenario was logged");
            assertTrue(sawRequestId, "the refused request's line carries its request id");
        }
    }

    private static Set<String> metricNames(String expr) {
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("\\b([a-z_]+)\\{").matcher(expr);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** The value of one series of /q/metrics (0 when it is not there yet). */
    private static double metric(String series) {
        for (String line : given().get("/q/metrics").asString().split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(
                        line.substring(series.length() + 1).trim().split(" ")[0]);
            }
        }
        return 0;
    }

    private long count(String sql) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void sql(String statement) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(statement)) {
            ps.executeUpdate();
        }
    }
}
