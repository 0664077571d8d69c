package cn.gov.exam.change.ops;

import static cn.gov.exam.change.support.Api.admin;
import static cn.gov.exam.change.support.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.gov.exam.change.common.http.RequestIds;
import cn.gov.exam.change.support.Api;
import cn.gov.exam.change.support.Eventually;
import cn.gov.exam.change.support.RecordedSpans;
import cn.gov.exam.change.support.SwitchFixture;
import cn.gov.exam.change.support.TestClock;
import cn.gov.exam.change.support.WebhookReceiver;
import cn.gov.exam.change.webhook.WebhookDispatcher;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 29: a switch, a review decision and a webhook delivery each appear as one trace with their
 * database statements, and the request id and the trace id name each other (the span's
 * request.id attribute; the JSON log line's mdc.requestId beside mdc.traceId).
 */
@QuarkusTest
class TracingTest {
    private static final AttributeKey<String> REQUEST_ID = AttributeKey.stringKey(RequestIds.SPAN_ATTRIBUTE);

    @Inject
    RecordedSpans spans;

    @Inject
    TestClock clock;

    @Inject
    WebhookDispatcher dispatcher;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aSwitchIsOneTraceWithItsStatementsAndItsLogLineNamesBothIds() throws Exception {
        SwitchFixture f = new SwitchFixture(1, 0);
        clock.set(SwitchFixture.DURING);
        String token = Api.applicantToken(f.exam, f.paid);
        String requestId = "trace-switch-" + UUID.randomUUID();
        as(token)
                .header(RequestIds.HEADER, requestId)
                .contentType(ContentType.JSON)
                .body(Map.of("targetPositionCode", "T-OK"))
                .post("/api/v1/me/switch")
                .then()
                .statusCode(201)
                .header(RequestIds.HEADER, requestId);
        String traceId = traceOf(requestId);
        assertDatabaseSpans(traceId, "the switch");

        // A refused switch is logged (DEBUG in tests): its JSON line carries both ids.
        String refused = "trace-refused-" + UUID.randomUUID();
        as(token)
                .header(RequestIds.HEADER, refused)
                .contentType(ContentType.JSON)
                .body(Map.of("targetPositionCode", "T-OK"))
                .post("/api/v1/me/switch")
                .then()
                .statusCode(409);
        String refusedTrace = traceOf(refused);
        Eventually.await(() -> logLine(refused).isPresent(), () -> "no JSON log line with mdc.requestId " + refused);
        JsonNode line = logLine(refused).orElseThrow();
        assertEquals(refusedTrace, line.path("mdc").path("traceId").asText(), line.toString());
    }

    @Test
    void aReviewDecisionIsOneTraceWithItsStatements() throws Exception {
        SwitchFixture f = new SwitchFixture(1, 0);
        clock.set(SwitchFixture.DURING);
        int review = f.switchTo(f.paid, "T-MAJOR");
        String requestId = "trace-review-" + UUID.randomUUID();
        Api.decide(admin().header(RequestIds.HEADER, requestId), review, "APPROVED", null)
                .statusCode(200);
        String traceId = traceOf(requestId);
        List<SpanData> db = assertDatabaseSpans(traceId, "the review decision");
        assertTrue(
                db.stream()
                        .anyMatch(s -> s.getAttributes().asMap().values().stream()
                                .anyMatch(v -> v.toString().toLowerCase().contains("update"))),
                "the decision's update is among its statements: " + db);
    }

    @Test
    void aWebhookDeliveryRoundIsOneTraceWithItsStatements() throws Exception {
        clock.set(SwitchFixture.DURING);
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            sql("update webhook_subscription set enabled = false");
            sql("update webhook_delivery set status = 'FAILED' where status = 'PENDING'");
            admin().contentType(ContentType.JSON)
                    .body(Map.of("url", receiver.url(), "channels", List.of("ALIPAY")))
                    .post("/api/v1/admin/webhook-subscriptions")
                    .then()
                    .statusCode(201);
            SwitchFixture f = new SwitchFixture(1, 0);
            as(Api.applicantToken(f.exam, f.paid))
                    .post("/api/v1/me/refund-request")
                    .then()
                    .statusCode(201);
            java.util.Set<String> earlier =
                    rounds().stream().map(SpanData::getSpanId).collect(java.util.stream.Collectors.toSet());
            assertEquals(1, dispatcher.dispatchOnce(WebhookDispatcher.INSTANCE));
            assertEquals(1, receiver.received().size());
            // The round that delivered (an empty round may run beside it: it claims nothing and
            // records nothing); spans are exported in batches, so wait for its recording too.
            Eventually.await(
                    () -> deliveringRound(earlier).isPresent(),
                    () -> "no delivery round with its claim and its recording: " + rounds());
            SpanData round = deliveringRound(earlier).orElseThrow();
            assertFalse(round.getParentSpanContext().isValid(), "the round is the root of its trace");
            List<SpanData> db = databaseSpans(round.getTraceId());
            assertTrue(db.size() >= 2, "the claim's and the outcome's statements: " + db);
            assertTrue(
                    spans.trace(round.getTraceId()).stream()
                            .anyMatch(s -> s.getName().equals("webhook.claim")),
                    "the claim is a span of the round");
        }
    }

    private List<SpanData> rounds() {
        return spans.all().stream()
                .filter(s -> s.getName().equals("webhook.dispatch"))
                .toList();
    }

    /** A round begun after {@code earlier} whose trace holds its recording and two statements or more. */
    private Optional<SpanData> deliveringRound(java.util.Set<String> earlier) {
        return rounds().stream()
                .filter(r -> !earlier.contains(r.getSpanId()))
                .filter(r -> spans.trace(r.getTraceId()).stream()
                        .anyMatch(s -> s.getName().equals("webhook.record")))
                .filter(r -> databaseSpans(r.getTraceId()).size() >= 2)
                .findFirst();
    }

    /** The one trace whose server span carries the request id. */
    private String traceOf(String requestId) throws InterruptedException {
        Eventually.await(() -> !serverSpans(requestId).isEmpty(), () -> "no span with request.id " + requestId);
        List<String> traces = serverSpans(requestId).stream()
                .map(SpanData::getTraceId)
                .distinct()
                .toList();
        assertEquals(1, traces.size(), "one trace for the request: " + traces);
        return traces.get(0);
    }

    private List<SpanData> serverSpans(String requestId) {
        return spans.all().stream()
                .filter(s -> requestId.equals(s.getAttributes().get(REQUEST_ID)))
                .filter(s -> s.getKind() == SpanKind.SERVER)
                .toList();
    }

    private List<SpanData> assertDatabaseSpans(String traceId, String what) throws InterruptedException {
        Eventually.await(
                () -> !databaseSpans(traceId).isEmpty(), () -> what + " has no database span: " + spans.trace(traceId));
        return databaseSpans(traceId);
    }

    private List<SpanData> databaseSpans(String traceId) {
        return spans.trace(traceId).stream()
                .filter(s -> s.getKind() == SpanKind.CLIENT)
                .filter(s -> s.getAttributes().asMap().keySet().stream()
                        .anyMatch(k -> k.getKey().startsWith("db.")))
                .toList();
    }

    private static Optional<JsonNode> logLine(String requestId) {
        ObjectMapper json = new ObjectMapper();
        try {
            for (String l : Files.readAllLines(Path.of("target/quarkus-test.log"), StandardCharsets.UTF_8)) {
                if (l.startsWith("{") && l.contains(requestId)) {
                    JsonNode node = json.readTree(l);
                    if (requestId.equals(node.path("mdc").path("requestId").asText())) {
                        return Optional.of(node);
                    }
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return Optional.empty();
    }

    private static void sql(String statement) throws Exception {
        try (java.sql.Connection c = io.quarkus.arc.Arc.container()
                        .instance(io.agroal.api.AgroalDataSource.class)
                        .get()
                        .getConnection();
                java.sql.PreparedStatement ps = c.prepareStatement(statement)) {
            ps.executeUpdate();
        }
    }
}
