package cn.gov.exam.change.webhook;

import static cn.gov.exam.change.support.Api.admin;
import static cn.gov.exam.change.support.Api.as;
import static io.restassured.RestAssured.given;

import cn.gov.exam.change.support.Api;
import cn.gov.exam.change.support.SwitchFixture;
import cn.gov.exam.change.support.TestClock;
import cn.gov.exam.change.support.WebhookReceiver;
import io.agroal.api.AgroalDataSource;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the webhook tests share: a receiver, an empty outbox and the exam's switch window at the
 * start of each test, and the steps they take (subscribe, decline, drain the outbox, call back).
 */
abstract class WebhookTestBase {
    static final String BASE = "https://position-change.example/problems/";
    static final Instant DURING =
            OffsetDateTime.parse("2023-01-15T10:00:00+08:00").toInstant();

    @Inject
    TestClock clock;

    @Inject
    WebhookDispatcher dispatcher;

    @Inject
    AgroalDataSource dataSource;

    WebhookReceiver receiver;

    @BeforeEach
    void setUp() throws Exception {
        clock.set(DURING);
        receiver = new WebhookReceiver();
        // Each test starts from an empty outbox: earlier tests' messages are not this test's business.
        sql("update webhook_delivery set status = 'FAILED' where status = 'PENDING'");
        sql("update webhook_subscription set enabled = false");
    }

    @AfterEach
    void tearDown() {
        receiver.close();
        clock.reset();
    }

    /** A subscription to ALIPAY refunds (the channel of the fixtures); returns id and secret. */
    JsonPath subscribe() {
        return admin().contentType(ContentType.JSON)
                .body(Map.of("url", receiver.url(), "channels", List.of("ALIPAY")))
                .post("/api/v1/admin/webhook-subscriptions")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
    }

    /** Refunds for n declining applicants of a fresh exam; returns the exam code. */
    static SwitchFixture declined(int n) {
        SwitchFixture f = new SwitchFixture(1, n);
        for (String id : f.others) {
            as(Api.applicantToken(f.exam, id))
                    .post("/api/v1/me/refund-request")
                    .then()
                    .statusCode(201);
        }
        return f;
    }

    void drain() {
        while (dispatcher.dispatchOnce(WebhookDispatcher.INSTANCE) > 0) {
            // until nothing is due
        }
    }

    static ValidatableResponse create(String url, List<String> channels) {
        return admin().contentType(ContentType.JSON)
                .body(Map.of("url", url, "channels", channels))
                .post("/api/v1/admin/webhook-subscriptions")
                .then();
    }

    static ValidatableResponse patch(long id, Map<String, Object> body) {
        return admin().contentType(ContentType.JSON)
                .body(body)
                .patch("/api/v1/admin/webhook-subscriptions/{id}", id)
                .then();
    }

    /** A loopback URL nobody listens on: every call is "connection refused". */
    static String deadUrl() {
        try (WebhookReceiver gone = new WebhookReceiver()) {
            return gone.url();
        }
    }

    static ValidatableResponse callback(String secret, String id, String body, Instant at) {
        long ts = at.getEpochSecond();
        return given().contentType(ContentType.JSON)
                .header("webhook-id", id)
                .header("webhook-timestamp", ts)
                .header("webhook-signature", WebhookSigner.sign(secret, id, ts, body))
                .body(body)
                .post("/api/v1/payment-callbacks/refunds")
                .then();
    }

    void sql(String statement) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(statement)) {
            ps.executeUpdate();
        }
    }
}
