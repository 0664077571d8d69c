package cn.gov.exam.change.notification;

import static cn.gov.exam.change.support.Api.admin;
import static cn.gov.exam.change.support.Api.position;
import static cn.gov.exam.change.support.Api.registration;
import static cn.gov.exam.change.support.Api.registrations;

import cn.gov.exam.change.support.Api;
import cn.gov.exam.change.support.Sql;
import cn.gov.exam.change.support.TestClock;
import cn.gov.exam.change.support.WebhookReceiver;
import cn.gov.exam.change.webhook.WebhookDispatcher;
import io.agroal.api.AgroalDataSource;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the notification tests share: an SMS gateway on loopback, an empty outbox and the clock in
 * the switch window at the start of each test, and an exam whose applicants have, or lack, mobiles.
 */
abstract class NotificationTestBase {
    static final String BASE = "https://position-change.example/problems/";
    static final Instant DURING =
            OffsetDateTime.parse("2023-01-15T10:00:00+08:00").toInstant();
    private static final AtomicLong MOBILES = new AtomicLong(System.nanoTime() % 50_000_000);

    @Inject
    TestClock clock;

    @Inject
    WebhookDispatcher dispatcher;

    @Inject
    AgroalDataSource dataSource;

    WebhookReceiver gateway;

    @BeforeEach
    void setUp() throws Exception {
        clock.set(DURING);
        gateway = new WebhookReceiver();
        // Each test starts from an empty outbox: earlier tests' messages are not this test's business.
        sql("update webhook_delivery set status = 'FAILED' where status = 'PENDING'");
        sql("update webhook_subscription set enabled = false");
    }

    @AfterEach
    void tearDown() {
        gateway.close();
        clock.reset();
    }

    static String newMobile() {
        return "137" + String.format("%08d", MOBILES.incrementAndGet() % 100_000_000);
    }

    /** Registers the loopback gateway; returns its id and secret. */
    JsonPath registerGateway() {
        return admin().contentType(ContentType.JSON)
                .body(Map.of("url", gateway.url(), "name", "测试短信网关"))
                .post("/api/v1/admin/notification-gateways")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
    }

    void drain() {
        while (dispatcher.dispatchOnce(WebhookDispatcher.INSTANCE) > 0) {
            // until nothing is due
        }
    }

    /** Drains through the whole retry schedule (the clock moved past each wait): failures become FAILED. */
    void failForGood() {
        for (int i = 0; i < 6; i++) {
            drain();
            clock.advance(java.time.Duration.ofMinutes(2));
        }
    }

    /** The {@code data} of every message the gateway received, in order. */
    List<JsonPath> sms() {
        List<JsonPath> out = new ArrayList<>();
        for (WebhookReceiver.Received r : gateway.received()) {
            out.add(JsonPath.from(r.body()).setRootPath("data"));
        }
        return out;
    }

    List<JsonPath> sms(String examCode, String kind) {
        return sms().stream()
                .filter(d -> examCode.equals(d.getString("examCode")) && kind.equals(d.getString("kind")))
                .toList();
    }

    void sql(String statement, Object... args) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(statement)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.execute();
        }
    }

    long number(String query, Object... args) throws Exception {
        return Sql.number(dataSource, query, args);
    }

    /**
     * An exam shaped like the fixture of the switch tests (timeline: window opens 2023-01-14 09:00,
     * deadline 2023-01-16 12:00, Asia/Shanghai), whose cancelled position C1 has applicants with a
     * mobile (paid, waived), a landline, no phone, and one unpaid (not confirmed); K1 and T-OK stay.
     */
    static final class NotifiedExam {
        final String code = Api.newExamCode("NT");
        final String paid = Api.newIdNumber();
        final String waived = Api.newIdNumber();
        final String landline = Api.newIdNumber();
        final String none = Api.newIdNumber();
        final String unpaid = Api.newIdNumber();
        final String paidMobile = newMobile();
        final String waivedMobile = newMobile();
        final List<String> others = new ArrayList<>();

        NotifiedExam(int maxSwitches, int extraMobiles, String smsSignature) {
            Map<String, Object> e = Api.exam(code, 3, true);
            e.put("maxSwitches", maxSwitches);
            if (smsSignature != null) {
                e.put("smsSignature", smsSignature);
            }
            e.put("helpContact", "0351-7654321");
            admin().contentType("application/json")
                    .body(e)
                    .post("/api/v1/admin/exams")
                    .then()
                    .statusCode(201);
            Api.importPositions(
                    code, List.of(position("C1", 1, 100), position("K1", 1, null), position("T-OK", 1, null)));
            List<Map<String, Object>> regs = new ArrayList<>();
            regs.add(withPhone(registration(paid, "C1", "PAID"), paidMobile));
            regs.add(withPhone(registration(waived, "C1", "WAIVED"), waivedMobile));
            regs.add(withPhone(registration(landline, "C1", "PAID"), "0351-1234567"));
            regs.add(withPhone(registration(none, "C1", "PAID"), null));
            regs.add(withPhone(registration(unpaid, "C1", "UNPAID"), newMobile()));
            for (int i = 0; i < extraMobiles; i++) {
                String id = Api.newIdNumber();
                others.add(id);
                regs.add(withPhone(registration(id, "C1", "PAID"), newMobile()));
            }
            regs.addAll(registrations("K1", "PAID", 3));
            regs.addAll(registrations("T-OK", "PAID", 3));
            Api.importRegistrations(code, regs);
        }

        NotifiedExam publish() {
            admin().post("/api/v1/admin/exams/{exam}/ratio-check/publish", code)
                    .then()
                    .statusCode(200);
            return this;
        }

        private static Map<String, Object> withPhone(Map<String, Object> r, String phone) {
            if (phone == null) {
                r.remove("phone");
            } else {
                r.put("phone", phone);
            }
            return r;
        }
    }
}
