package cn.gov.exam.change.support;

import static io.restassured.RestAssured.given;

import cn.gov.exam.change.common.credentials.IdNumbers;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** Small builders for tests that set their data up through the real API. */
public final class Api {
    public static final String ADMIN = "admin";
    public static final String ADMIN_PASSWORD = "Bureau@2023test";
    /** Every test applicant's password, and its bcrypt hash as the registration export carries it. */
    public static final String PASSWORD = "Demo@2023";

    public static final String PASSWORD_HASH = "$2a$10$nnOFCrQ2xm..izvF4D3e6OKcYK1HyQ4VgQoM9HYO/ymFkIbEcQgHq";
    private static final AtomicLong PEOPLE = new AtomicLong();
    private static volatile String adminToken;

    private Api() {}

    public static String adminToken() {
        if (adminToken == null) {
            adminToken = staffToken(ADMIN, ADMIN_PASSWORD);
        }
        return adminToken;
    }

    public static String staffToken(String username, String password) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", password))
                .post("/api/v1/auth/staff-token")
                .then()
                .statusCode(200)
                .extract()
                .path("accessToken");
    }

    public static RequestSpecification admin() {
        return given().header("Authorization", "Bearer " + adminToken());
    }

    /** A fresh exam code for one test. */
    public static String newExamCode(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    public static Map<String, Object> exam(String code, int ratio, boolean reduce) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("code", code);
        e.put("name", "Exam " + code);
        e.put("timeZone", "Asia/Shanghai");
        e.put("defaultRatio", ratio);
        e.put("reduceQuotaBeforeCancel", reduce);
        e.put("maxSwitches", 1);
        e.put("switchWindowOpensAt", "2023-01-14T09:00:00+08:00");
        e.put("switchDeadline", "2023-01-16T12:00:00+08:00");
        e.put("reviewDeadline", "2023-01-17T12:00:00+08:00");
        return e;
    }

    public static void createExam(String code, int ratio, boolean reduce) {
        admin().contentType(ContentType.JSON)
                .body(exam(code, ratio, reduce))
                .post("/api/v1/admin/exams")
                .then()
                .statusCode(201);
    }

    public static Map<String, Object> position(String code, int quota, Integer ratio) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("code", code);
        p.put("agencyCode", "A01");
        p.put("agencyName", "山西省财政厅");
        p.put("employer", "山西省财政厅机关");
        p.put("title", "一级科员");
        p.put("quota", quota);
        p.put("ratio", ratio);
        Map<String, Object> req = new LinkedHashMap<>();
        req.put("minEducation", "BACHELOR");
        req.put("degreeRequired", false);
        req.put("majors", List.of());
        req.put("maxAge", 35);
        p.put("requirements", req);
        return p;
    }

    /** Puts an agency in the registry unless its code is there already (tests share one database). */
    public static void ensureAgency(String code, String name) {
        admin().contentType(ContentType.JSON)
                .body(Map.of("code", code, "name", name))
                .post("/api/v1/admin/agencies")
                .then()
                .statusCode(org.hamcrest.Matchers.anyOf(
                        org.hamcrest.Matchers.equalTo(201), org.hamcrest.Matchers.equalTo(409)));
    }

    public static void importPositions(String exam, List<Map<String, Object>> positions) {
        admin().contentType(ContentType.JSON)
                .body(positions)
                .post("/api/v1/admin/exams/{exam}/positions", exam)
                .then()
                .statusCode(200);
    }

    /** A valid, never used resident ID number. */
    public static String newIdNumber() {
        long n = PEOPLE.incrementAndGet();
        LocalDate birth = birthDate(n);
        String first17 = "110105" + birth.toString().replace("-", "") + String.format("%03d", n % 1000);
        return first17 + IdNumbers.checkDigit(first17);
    }

    private static LocalDate birthDate(long n) {
        return LocalDate.of(1990, 1, 1).plusDays(n / 1000);
    }

    public static Map<String, Object> registration(String idNumber, String positionCode, String feeStatus) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("idNumber", idNumber);
        r.put("name", "张三");
        r.put("phone", "13800000000");
        r.put(
                "birthDate",
                idNumber.substring(6, 10) + "-" + idNumber.substring(10, 12) + "-" + idNumber.substring(12, 14));
        r.put("education", "BACHELOR");
        r.put("degree", true);
        r.put("major", "法学");
        r.put("politicalStatus", "MASSES");
        r.put("grassrootsYears", 0);
        r.put("householdRegion", "140100");
        r.put("passwordHash", PASSWORD_HASH);
        r.put("positionCode", positionCode);
        Map<String, Object> fee = new LinkedHashMap<>();
        fee.put("status", feeStatus);
        if (feeStatus.equals("PAID")) {
            fee.put("amount", "100.00");
            fee.put("currency", "CNY");
            fee.put("channel", "ALIPAY");
            fee.put("transactionId", "T" + UUID.randomUUID().toString().replace("-", ""));
            fee.put("paidAt", "2023-01-10T10:00:00+08:00");
        }
        r.put("fee", fee);
        return r;
    }

    /** {@code count} registrations of one fee status on one position. */
    public static List<Map<String, Object>> registrations(String positionCode, String feeStatus, int count) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(registration(newIdNumber(), positionCode, feeStatus));
        }
        return out;
    }

    /** An applicant token; fails the test unless sign-in succeeds. */
    public static String applicantToken(String exam, String idNumber) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("examCode", exam, "idNumber", idNumber, "password", PASSWORD))
                .post("/api/v1/auth/applicant-token")
                .then()
                .statusCode(200)
                .extract()
                .path("accessToken");
    }

    /** Signs the applicant in and switches them; returns the switch (review) id. */
    public static int switchTo(String exam, String idNumber, String target) {
        return as(applicantToken(exam, idNumber))
                .contentType(ContentType.JSON)
                .body(Map.of("targetPositionCode", target))
                .post("/api/v1/me/switch")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    public static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token);
    }

    /** A review decision by whoever {@code spec} authenticates; {@code reason} may be null. */
    public static io.restassured.response.ValidatableResponse decide(
            RequestSpecification spec, int reviewId, String decision, String reason) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("decision", decision);
        if (reason != null) {
            body.put("reason", reason);
        }
        return spec.contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/admin/reviews/{id}/decision", reviewId)
                .then();
    }

    public static void importRegistrations(String exam, List<Map<String, Object>> registrations) {
        admin().contentType(ContentType.JSON)
                .body(registrations)
                .post("/api/v1/admin/exams/{exam}/registrations", exam)
                .then()
                .statusCode(200);
    }

    static {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }
}
