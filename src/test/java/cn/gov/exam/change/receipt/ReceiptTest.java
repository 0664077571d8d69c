package cn.gov.exam.change.receipt;

import static cn.gov.exam.change.support.Api.admin;
import static cn.gov.exam.change.support.Api.as;
import static cn.gov.exam.change.support.Problems.BASE;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.gov.exam.change.common.credentials.IdNumbers;
import cn.gov.exam.change.refund.RefundDeadlineJob;
import cn.gov.exam.change.support.Api;
import cn.gov.exam.change.support.SwitchFixture;
import cn.gov.exam.change.support.TestClock;
import cn.gov.exam.change.support.WebhookReceiver;
import cn.gov.exam.change.webhook.WebhookSigner;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Receipts through the API: one for each decision, what anyone may read of them, and who else. */
@QuarkusTest
class ReceiptTest {
    private static final Instant AFTER_DEADLINE =
            OffsetDateTime.parse("2023-01-16T12:00:01+08:00").toInstant();
    private static final AtomicInteger CLIENTS = new AtomicInteger();

    @Inject
    TestClock clock;

    @Inject
    RefundDeadlineJob deadlineJob;

    @Inject
    LookupCounts lookupCounts;

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void duringTheWindow() {
        clock.set(SwitchFixture.DURING);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** A client address of its own, so that no other test's lookups count against it. */
    static String client() {
        return "198.51." + (100 + CLIENTS.get() / 250) + "." + (1 + CLIENTS.getAndIncrement() % 250);
    }

    static ValidatableResponse verify(String client, String code) {
        return given().header("X-Forwarded-For", client)
                .get("/api/v1/receipts/{code}", code)
                .then();
    }

    static List<Map<String, Object>> receipts(String exam, String idNumber) {
        return as(Api.applicantToken(exam, idNumber))
                .get("/api/v1/me")
                .then()
                .statusCode(200)
                .extract()
                .path("receipts");
    }

    static String code(Map<String, Object> receipt) {
        return (String) receipt.get("code");
    }

    /** The public answer, checked for what it must never show: the full name or ID number. */
    static ValidatableResponse verified(String code, String idNumber) {
        ValidatableResponse r = verify(client(), code).statusCode(200);
        String body = r.extract().asString();
        assertFalse(body.contains(idNumber), body);
        assertFalse(body.contains(idNumber.substring(6, 14)), body); // not even the birth date
        assertFalse(body.contains(idNumber.substring(0, 6)), body); // nor the county
        assertFalse(body.contains("张三"), body);
        return r.body("applicantName", equalTo("张*"))
                .body("idNumberMasked", equalTo(idNumber.substring(0, 4) + "*".repeat(10) + idNumber.substring(14)));
    }

    @Test
    void eachDecisionGivesAReceiptAndALaterOneSupersedesTheSwitchReceipt() {
        SwitchFixture f = new SwitchFixture(1, 2);
        String approved = f.others.get(0);
        int s = f.switchTo(approved, "T-OK");
        List<Map<String, Object>> list = receipts(f.exam, approved);
        assertEquals(1, list.size());
        assertEquals("SWITCH_SUBMITTED", list.get(0).get("kind"));
        assertEquals("2023-01-15T10:00:00+08:00", list.get(0).get("issuedAt"));
        String submitted = code(list.get(0));
        assertTrue(submitted.matches("([2-9A-HJKMNP-Z]{4}-){3}[2-9A-HJKMNP-Z]{4}"), submitted);
        verified(submitted, approved)
                .body("kind", equalTo("SWITCH_SUBMITTED"))
                .body("decision", equalTo("PENDING"))
                .body("code", equalTo(submitted))
                .body("examCode", equalTo(f.exam))
                .body("timeZone", equalTo("Asia/Shanghai"))
                .body("issuedAt", equalTo("2023-01-15T10:00:00+08:00"))
                .body("originalPosition.code", equalTo("C1"))
                .body("targetPosition.code", equalTo("T-OK"))
                .body("refund", nullValue())
                .body("current", equalTo(true))
                .body("supersededBy", nullValue());

        clock.advance(Duration.ofHours(2));
        Api.decide(admin(), s, "APPROVED", "材料齐全").statusCode(200);
        list = receipts(f.exam, approved);
        assertEquals(
                List.of("SWITCH_SUBMITTED", "REVIEW_DECIDED"),
                list.stream().map(r -> r.get("kind")).toList());
        String decided = code(list.get(1));
        // The switch receipt is superseded by the decision, which says so without showing its code.
        verified(submitted, approved)
                .body("current", equalTo(false))
                .body("supersededBy.kind", equalTo("REVIEW_DECIDED"))
                .body("supersededBy.decision", equalTo("APPROVED"))
                .body("supersededBy.issuedAt", equalTo("2023-01-15T12:00:00+08:00"));
        String body = verify(client(), submitted).extract().asString();
        assertFalse(body.contains(decided), body);
        verified(decided, approved)
                .body("decision", equalTo("APPROVED"))
                .body("targetPosition.code", equalTo("T-OK"))
                .body("current", equalTo(true));

        // A rejection that leaves no switch: the decision's receipt and the refund's.
        String rejected = f.others.get(1);
        int r = f.switchTo(rejected, "T-OK");
        Api.decide(admin(), r, "REJECTED", "专业不符").statusCode(200);
        list = receipts(f.exam, rejected);
        assertEquals(
                List.of("SWITCH_SUBMITTED", "REVIEW_DECIDED", "REFUND_QUEUED"),
                list.stream().map(x -> x.get("kind")).toList());
        verified(code(list.get(1)), rejected).body("decision", equalTo("REJECTED"));
        verified(code(list.get(2)), rejected)
                .body("decision", equalTo("QUEUED"))
                .body("refund.amount", equalTo("100.00"))
                .body("refund.currency", equalTo("CNY"))
                .body("refund.reason", equalTo("REVIEW_REJECTED"))
                .body("originalPosition.code", equalTo("C1"))
                .body("targetPosition", nullValue());
        // The rejection's reason is the applicant's and staff's, not the public's.
        assertFalse(verify(client(), code(list.get(1))).extract().asString().contains("专业不符"));
    }

    @Test
    void aCorrectedDecisionSupersedesTheDecisionItCorrects() {
        SwitchFixture f = new SwitchFixture(1, 0);
        int s = f.switchTo(f.paid, "T-OK");
        Api.decide(admin(), s, "APPROVED", null).statusCode(200);
        String approval = code(receipts(f.exam, f.paid).get(1));
        clock.advance(Duration.ofMinutes(30));
        admin().contentType(ContentType.JSON)
                .body(Map.of("decision", "REJECTED", "reason", "学历证书不符", "correctionReason", "审查人员误按通过"))
                .post("/api/v1/admin/reviews/{id}/correction", s)
                .then()
                .statusCode(200);
        List<Map<String, Object>> list = receipts(f.exam, f.paid);
        assertEquals(
                List.of("SWITCH_SUBMITTED", "REVIEW_DECIDED", "REVIEW_DECIDED", "REFUND_QUEUED"),
                list.stream().map(x -> x.get("kind")).toList());
        verified(approval, f.paid)
                .body("decision", equalTo("APPROVED"))
                .body("current", equalTo(false))
                .body("supersededBy.kind", equalTo("REVIEW_DECIDED"))
                .body("supersededBy.decision", equalTo("REJECTED"))
                .body("supersededBy.issuedAt", equalTo("2023-01-15T10:30:00+08:00"));
        verified(code(list.get(2)), f.paid)
                .body("decision", equalTo("REJECTED"))
                .body("current", equalTo(true));
    }

    @Test
    void declinedDeadlineAndSettledRefundsHaveReceipts() throws Exception {
        SwitchFixture f = new SwitchFixture(1, 1);
        String decliner = f.others.get(0);
        as(Api.applicantToken(f.exam, decliner))
                .post("/api/v1/me/refund-request")
                .then()
                .statusCode(201);
        List<Map<String, Object>> list = receipts(f.exam, decliner);
        assertEquals(List.of("DECLINED"), list.stream().map(x -> x.get("kind")).toList());
        String declined = code(list.get(0));
        verified(declined, decliner)
                .body("decision", equalTo("QUEUED"))
                .body("refund.reason", equalTo("DECLINED"))
                .body("current", equalTo(true));

        // The deadline's refunds are queued in one statement, each with a receipt.
        clock.set(AFTER_DEADLINE);
        deadlineJob.run();
        list = receipts(f.exam, f.paid);
        assertEquals(
                List.of("REFUND_QUEUED"), list.stream().map(x -> x.get("kind")).toList());
        verified(code(list.get(0)), f.paid)
                .body("refund.reason", equalTo("NOT_SWITCHED"))
                .body("issuedAt", equalTo("2023-01-16T12:00:01+08:00"));

        // The payment system confirms the decliner's refund: the settled receipt supersedes the other.
        long refundId = ((Number) as(Api.applicantToken(f.exam, decliner))
                        .get("/api/v1/me")
                        .then()
                        .extract()
                        .path("refund.id"))
                .longValue();
        sql("update webhook_subscription set enabled = false");
        String secret;
        try (WebhookReceiver payments = new WebhookReceiver()) {
            secret = admin().contentType(ContentType.JSON)
                    .body(Map.of("url", payments.url(), "channels", List.of("ALIPAY")))
                    .post("/api/v1/admin/webhook-subscriptions")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("secret");
        }
        String callback = "{\"refundId\":" + refundId + ",\"status\":\"SUCCEEDED\",\"channelRefundId\":\"R1\"}";
        String id = "msg_" + UUID.randomUUID();
        long ts = clock.now().getEpochSecond();
        given().contentType(ContentType.JSON)
                .header("webhook-id", id)
                .header("webhook-timestamp", ts)
                .header("webhook-signature", WebhookSigner.sign(secret, id, ts, callback))
                .body(callback)
                .post("/api/v1/payment-callbacks/refunds")
                .then()
                .statusCode(204);
        sql("update webhook_subscription set enabled = false");
        list = receipts(f.exam, decliner);
        assertEquals(
                List.of("DECLINED", "REFUND_SETTLED"),
                list.stream().map(x -> x.get("kind")).toList());
        verified(code(list.get(1)), decliner)
                .body("decision", equalTo("SUCCEEDED"))
                .body("current", equalTo(true));
        verified(declined, decliner)
                .body("current", equalTo(false))
                .body("supersededBy.kind", equalTo("REFUND_SETTLED"))
                .body("supersededBy.decision", equalTo("SUCCEEDED"));
    }

    @Test
    void aMistypedCodeIsToldApartFromAnUnknownOne() {
        SwitchFixture f = new SwitchFixture(1, 0);
        f.switchTo(f.paid, "T-OK");
        String real = code(receipts(f.exam, f.paid).get(0));
        // One character changed: the check character fails.
        char first = real.charAt(0);
        String typo = (first == 'A' ? 'B' : 'A') + real.substring(1);
        verify(client(), typo)
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo(BASE + "receipt-code-invalid"));
        verify(client(), "ABCD").statusCode(400).body("type", equalTo(BASE + "receipt-code-invalid"));
        // Well formed, checks, and issued to nobody.
        verify(client(), ReceiptCodes.display(ReceiptCodes.generate()))
                .statusCode(404)
                .body("type", equalTo(BASE + "receipt-not-found"));
        // Typed as people type it: lower case, spaces for dashes.
        verify(client(), real.toLowerCase().replace('-', ' ')).statusCode(200).body("code", equalTo(real));
    }

    @Test
    void oneAddressGuessingCodesWaitsAndOthersDoNot() {
        SwitchFixture f = new SwitchFixture(1, 0);
        f.switchTo(f.paid, "T-OK");
        String real = code(receipts(f.exam, f.paid).get(0));
        String guesser = client();
        for (int i = 1; i < 5; i++) {
            verify(guesser, ReceiptCodes.generate()).statusCode(404);
        }
        // The fifth unknown code starts the wait (app.sign-in.pair-*: 5 failures, 1 minute, doubling).
        verify(guesser, ReceiptCodes.generate())
                .statusCode(429)
                .header("Retry-After", "60")
                .body("type", equalTo(BASE + "too-many-lookups"));
        verify(guesser, real).statusCode(429).header("Retry-After", "60");
        // Another address is not held up; mistyped codes cost nothing (they tell nothing).
        String other = client();
        for (int i = 0; i < 10; i++) {
            verify(other, "2222-2222-2222-2223").statusCode(400);
        }
        verify(other, real).statusCode(200);
        clock.advance(Duration.ofSeconds(61));
        verify(guesser, real).statusCode(200);
        // The next unknown code doubles the wait.
        verify(guesser, ReceiptCodes.generate()).statusCode(429).header("Retry-After", "120");
    }

    @Test
    void lookupsAreAuditedPerHourNotOneByOne() {
        SwitchFixture f = new SwitchFixture(1, 0);
        f.switchTo(f.paid, "T-OK");
        String real = code(receipts(f.exam, f.paid).get(0));
        // An hour no other test uses.
        Instant hour = Instant.parse("2031-01-01T00:00:00Z")
                .plus(Duration.ofHours(UUID.randomUUID().hashCode() & 0xffff));
        clock.set(hour.plusSeconds(600));
        String c = client();
        verify(c, real).statusCode(200);
        verify(c, real).statusCode(200);
        verify(c, ReceiptCodes.generate()).statusCode(404);
        verify(c, "ABCD-EFGH").statusCode(400);
        admin().get("/api/v1/admin/audit-events?subject=client:" + c)
                .then()
                .statusCode(200)
                .body("total", equalTo(0));
        // Within the hour nothing is audited; once it is over, one event with the counts.
        lookupCounts.audit();
        admin().get("/api/v1/admin/audit-events?action=receipt.lookups&subject=receipt-lookups:" + hour)
                .then()
                .body("total", equalTo(0));
        clock.set(hour.plus(Duration.ofMinutes(61)));
        lookupCounts.audit();
        admin().get("/api/v1/admin/audit-events?action=receipt.lookups&subject=receipt-lookups:" + hour)
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].after.found", equalTo(2))
                .body("items[0].after.notFound", equalTo(1))
                .body("items[0].after.invalid", equalTo(1))
                .body("items[0].after.throttled", equalTo(0));
    }

    @Test
    void staffSeeTheFullRecordAReviewerOnlyOfTheirAgency() {
        SwitchFixture f = new SwitchFixture(1, 1);
        int s = f.switchTo(f.paid, "T-MAJOR");
        f.switchTo(f.others.get(0), "T-OK");
        String toMajor = code(receipts(f.exam, f.paid).get(0));
        String toOk = code(receipts(f.exam, f.others.get(0)).get(0));
        String body = admin().get("/api/v1/admin/receipts/{code}", toMajor)
                .then()
                .statusCode(200)
                .body("receipt.code", equalTo(toMajor))
                .body("receipt.applicantName", equalTo("张三"))
                .body("receipt.idNumberMasked", equalTo(IdNumbers.mask(f.paid)))
                .body("switchId", equalTo(s))
                .body("switchStatus", equalTo("PENDING"))
                .body("history.code", equalTo(List.of(toMajor)))
                .extract()
                .asString();
        assertFalse(body.contains(f.paid), body);
        String a07 = reviewer("A07");
        as(a07).get("/api/v1/admin/receipts/{code}", toMajor).then().statusCode(200);
        as(a07).get("/api/v1/admin/receipts/{code}", toOk)
                .then()
                .statusCode(404)
                .body("type", equalTo(BASE + "receipt-not-found"));
        given().get("/api/v1/admin/receipts/{code}", toMajor).then().statusCode(401);
        // The applicant's own receipt has their name in full; another's code is not theirs.
        as(Api.applicantToken(f.exam, f.paid))
                .get("/api/v1/me/receipts/{code}", toMajor)
                .then()
                .statusCode(200)
                .body("applicantName", equalTo("张三"));
        as(Api.applicantToken(f.exam, f.paid))
                .get("/api/v1/me/receipts/{code}", toOk)
                .then()
                .statusCode(404);
    }

    @Test
    void theQrCodeDecodesToTheVerificationUrl() throws Exception {
        String code = ReceiptCodes.display(ReceiptCodes.generate());
        String svg = given().get("/api/v1/receipts/{code}/qr.svg", code)
                .then()
                .statusCode(200)
                .contentType("image/svg+xml")
                .extract()
                .asString();
        String url = QrDecoding.decodeSvg(svg);
        assertTrue(url.matches("http://localhost:\\d+/verify\\?code=" + code), url);
        given().get("/api/v1/receipts/{code}/qr.svg", "not-a-code").then().statusCode(400);
    }

    @Test
    void theVerifyPageIsServedAtVerifyUnderTheProductionCsp() {
        for (String path : List.of("/verify", "/verify?code=2222-2222-2222-2222", "/verify/")) {
            String html = given().redirects()
                    .follow(false)
                    .get(path)
                    .then()
                    .statusCode(200)
                    .contentType(org.hamcrest.Matchers.startsWith("text/html"))
                    .header("Content-Security-Policy", org.hamcrest.Matchers.startsWith("default-src 'self'"))
                    .extract()
                    .asString();
            assertTrue(html.contains("/assets/applicant/verify.js"), path);
        }
    }

    static String reviewer(String agency) {
        String name = "rev-" + agency.toLowerCase() + "-"
                + UUID.randomUUID().toString().substring(0, 6);
        admin().contentType(ContentType.JSON)
                .body(Map.of("username", name, "password", "Review#2023!x", "role", "REVIEWER", "agencyCode", agency))
                .post("/api/v1/admin/staff")
                .then()
                .statusCode(201);
        return Api.staffToken(name, "Review#2023!x");
    }

    void sql(String statement) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(statement)) {
            ps.executeUpdate();
        }
    }
}
