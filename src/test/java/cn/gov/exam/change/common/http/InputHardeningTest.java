package cn.gov.exam.change.common.http;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.gov.exam.change.support.Api;
import cn.gov.exam.change.support.SwitchFixture;
import cn.gov.exam.change.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile inputs that once gave 500 with a stack trace in the log: each now gets a 4xx problem,
 * logged without a stack trace.
 */
@QuarkusTest
class InputHardeningTest {
    private static final String DEMO = "SX-2023-GWY";
    private static SwitchFixture fixture;
    private static String applicant;

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** One hostile request: who sends it, how, where, and with what body (raw bytes, or none). */
    record Input(String who, String method, String uri, String contentType, byte[] body) {
        @Override
        public String toString() {
            return method + " " + uri
                    + (body == null
                            ? ""
                            : " "
                                    + new String(body, StandardCharsets.UTF_8)
                                            .replace("\u0000", "\\u0000")
                                            .replaceAll("[^\\x20-\\x7e\\p{IsHan}]", "?"));
        }
    }

    private static Input anonymous(String method, String uri) {
        return new Input("anonymous", method, uri, null, null);
    }

    private static Input admin(String method, String uri) {
        return new Input("admin", method, uri, null, null);
    }

    private static Input adminJson(String method, String uri, String json) {
        return new Input("admin", method, uri, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    private static Input adminBytes(String uri, String contentType, byte[] body) {
        return new Input("admin", "POST", uri, contentType, body);
    }

    private static String examJson(String code, String name, String opensAt) {
        return "{\"code\":\"" + code + "\",\"name\":\"" + name + "\",\"timeZone\":\"Asia/Shanghai\",\"defaultRatio\":3,"
                + "\"reduceQuotaBeforeCancel\":true,\"switchWindowOpensAt\":\"" + opensAt + "\","
                + "\"switchDeadline\":\"2023-01-16T12:00:00+08:00\",\"reviewDeadline\":\"2023-01-17T12:00:00+08:00\"}";
    }

    private static final String POSITIONS_CSV_HEADER =
            "code,agencyCode,agencyName,employer,title,quota,ratio,minEducation,degreeRequired,majors,maxAge\n";

    private static byte[] bytes(String before, byte[] middle, String after) {
        byte[] a = before.getBytes(StandardCharsets.UTF_8);
        byte[] c = after.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[a.length + middle.length + c.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(middle, 0, out, a.length, middle.length);
        System.arraycopy(c, 0, out, a.length + middle.length, c.length);
        return out;
    }

    private static final byte[] BAD_UTF8 = {(byte) 0xC3, (byte) 0x28, (byte) 0xFF};

    static Stream<Input> inputs() {
        List<Input> in = new ArrayList<>();
        // NUL and other control characters in path segments
        in.add(anonymous("GET", "/api/v1/exams/A%00B"));
        in.add(anonymous("GET", "/api/v1/exams/A%01B"));
        in.add(anonymous("GET", "/api/v1/exams/A%7FB"));
        in.add(anonymous("GET", "/api/v1/exams/A%C3%28B"));
        in.add(anonymous("GET", "/api/v1/exams/A%00B/positions"));
        in.add(anonymous("GET", "/api/v1/exams/A%00B/cancelled-positions"));
        in.add(adminJson("PUT", "/api/v1/admin/exams/A%00B", examJson("AB", "x", "2023-01-14T09:00:00+08:00")));
        in.add(adminJson("POST", "/api/v1/admin/exams/A%00B/positions", "[]"));
        in.add(adminJson("POST", "/api/v1/admin/exams/A%00B/registrations", "[]"));
        in.add(admin("POST", "/api/v1/admin/exams/A%00B/ratio-check"));
        in.add(admin("POST", "/api/v1/admin/exams/A%00B/ratio-check/publish"));
        in.add(admin("GET", "/api/v1/admin/exams/A%00B/reviews"));
        in.add(admin("GET", "/api/v1/admin/exams/A%00B/summary"));
        in.add(admin("GET", "/api/v1/admin/exams/A%00B/refunds"));
        in.add(admin("POST", "/api/v1/admin/staff/a%00b/disable"));
        in.add(admin("POST", "/api/v1/admin/staff/a%00b/enable"));
        // ... in query parameters
        in.add(anonymous("GET", "/api/v1/exams/" + DEMO + "/positions?q=%00"));
        in.add(anonymous("GET", "/api/v1/exams/" + DEMO + "/positions?agency=%00"));
        in.add(anonymous("GET", "/api/v1/exams/" + DEMO + "/positions?status=%00"));
        in.add(admin("GET", "/api/v1/admin/audit-events?subject=%00"));
        in.add(admin("GET", "/api/v1/admin/audit-events?subject=exam:%00"));
        in.add(admin("GET", "/api/v1/admin/audit-events?actor=%00"));
        in.add(admin("GET", "/api/v1/admin/audit-events?action=%00"));
        in.add(admin("GET", "/api/v1/admin/audit-events?examCode=%00"));
        in.add(admin("GET", "/api/v1/admin/exams/" + DEMO + "/reviews?status=%00"));
        in.add(admin("GET", "/api/v1/admin/exams/" + DEMO + "/refunds?status=%00"));
        in.add(new Input("applicant", "GET", "/api/v1/me/switch-options?q=%00", null, null));
        in.add(new Input("applicant", "GET", "/api/v1/me/switch-options?agency=%00", null, null));
        // ... in JSON string fields
        in.add(new Input(
                "anonymous",
                "POST",
                "/api/v1/auth/staff-token",
                "application/json",
                "{\"username\":\"ad\\u0000min\",\"password\":\"x\"}".getBytes(StandardCharsets.UTF_8)));
        in.add(new Input(
                "anonymous",
                "POST",
                "/api/v1/auth/applicant-token",
                "application/json",
                ("{\"examCode\":\"A\\u0000B\",\"idNumber\":\"11010519900101001X\",\"password\":\"x\"}")
                        .getBytes(StandardCharsets.UTF_8)));
        in.add(new Input(
                "anonymous",
                "POST",
                "/api/v1/auth/applicant-token",
                "application/json",
                ("{\"examCode\":\"" + DEMO + "\",\"idNumber\":\"11010519900101\\u00001X\",\"password\":\"x\"}")
                        .getBytes(StandardCharsets.UTF_8)));
        in.add(adminJson(
                "POST", "/api/v1/admin/exams", examJson("NUL-NAME", "a\\u0000b", "2023-01-14T09:00:00+08:00")));
        in.add(adminJson(
                "PUT",
                "/api/v1/admin/exams/NUL-NAME2",
                examJson("NUL-NAME2", "a\\u0000b", "2023-01-14T09:00:00+08:00")));
        in.add(
                adminJson(
                        "POST",
                        "/api/v1/admin/staff",
                        "{\"username\":\"nul-agency\",\"password\":\"Secret@2023x\",\"role\":\"REVIEWER\",\"agencyCode\":\"A\\u0000\"}"));
        in.add(new Input(
                "applicant",
                "POST",
                "/api/v1/me/switch",
                "application/json",
                "{\"targetPositionCode\":\"T\\u0000\"}".getBytes(StandardCharsets.UTF_8)));
        in.add(adminJson(
                "POST",
                "/api/v1/admin/webhook-subscriptions",
                "{\"url\":\"http://localhost/\\u0000\",\"channels\":[\"ALIPAY\"]}"));
        // ... in imports
        in.add(adminJson("POST", "/api/v1/admin/exams/" + DEMO + "/positions", "[{\"code\":\"P\\u0000\"}]"));
        in.add(
                adminJson(
                        "POST",
                        "/api/v1/admin/exams/{fresh}/positions",
                        "[{\"code\":\"P1\",\"agencyCode\":\"A01\",\"agencyName\":\"n\",\"employer\":\"e\",\"title\":\"t\\u0000\",\"quota\":1}]"));
        in.add(adminBytes(
                "/api/v1/admin/exams/{fresh}/positions",
                "text/csv",
                (POSITIONS_CSV_HEADER + "P1,A01,n,e,t\u0000x,1,,BACHELOR,false,,35\n")
                        .getBytes(StandardCharsets.UTF_8)));
        in.add(adminBytes(
                "/api/v1/admin/exams/{fresh}/positions",
                "application/json",
                bytes(
                        "[{\"code\":\"P1\",\"agencyCode\":\"A01\",\"agencyName\":\"n\",\"employer\":\"e\",\"title\":\"",
                        BAD_UTF8,
                        "\",\"quota\":1}]")));
        in.add(adminBytes(
                "/api/v1/admin/exams/{fresh}/positions",
                "text/csv; charset=UTF-8",
                bytes(POSITIONS_CSV_HEADER + "P1,A01,n,e,", BAD_UTF8, ",1,,BACHELOR,false,,35\n")));
        in.add(adminBytes(
                "/api/v1/admin/exams/{fresh}/registrations",
                "text/csv",
                bytes("idNumber,name\n11010519900101001X,", BAD_UTF8, "\n")));
        in.add(adminBytes(
                "/api/v1/admin/exams/{fresh}/registrations",
                "application/json",
                bytes("[{\"idNumber\":\"11010519900101001X\",\"name\":\"", BAD_UTF8, "\"}]")));
        in.add(adminJson(
                "POST",
                "/api/v1/admin/exams/{fresh}/registrations",
                "[{\"idNumber\":\"11010519900101001X\",\"name\":\"a\\u0000\"}]"));
        in.add(adminBytes(
                "/api/v1/admin/exams/{fresh}/registrations",
                "text/csv",
                "idNumber,name\n11010519900101001X,a\u0000b\n".getBytes(StandardCharsets.UTF_8)));
        in.add(adminBytes(
                "/api/v1/admin/exams/{fresh}/positions",
                "text/csv",
                "code,title\n\"P1,x\n".getBytes(StandardCharsets.UTF_8)));
        in.add(adminBytes(
                "/api/v1/admin/exams/{fresh}/positions", "application/json", "[".getBytes(StandardCharsets.UTF_8)));
        in.add(adminBytes("/api/v1/admin/exams/{fresh}/positions", "application/json", new byte[0]));
        in.add(adminBytes("/api/v1/admin/exams/{fresh}/registrations", "text/csv", new byte[0]));
        in.add(adminBytes(
                "/api/v1/admin/exams/{fresh}/registrations",
                "text/csv",
                "idNumber,name\n11010519900101001X,a,extra\n".getBytes(StandardCharsets.UTF_8)));
        in.add(adminBytes(
                "/api/v1/admin/exams/{fresh}/positions", "application/json", "null".getBytes(StandardCharsets.UTF_8)));
        in.add(adminBytes(
                "/api/v1/admin/exams/{fresh}/positions",
                "application/json",
                "[null]".getBytes(StandardCharsets.UTF_8)));
        // JSON null where an object or array is expected
        in.add(adminJson("POST", "/api/v1/admin/exams", "null"));
        in.add(new Input(
                "applicant", "POST", "/api/v1/me/switch", "application/json", "null".getBytes(StandardCharsets.UTF_8)));
        in.add(adminJson(
                "POST", "/api/v1/admin/webhook-subscriptions", "{\"url\":\"http://localhost/\",\"channels\":null}"));
        in.add(adminJson(
                "POST", "/api/v1/admin/webhook-subscriptions", "{\"url\":\"http://localhost/\",\"channels\":[null]}"));
        in.add(adminJson("POST", "/api/v1/admin/reviews/1/decision", "null"));
        in.add(new Input(
                "anonymous",
                "POST",
                "/api/v1/auth/staff-token",
                "application/json",
                "null".getBytes(StandardCharsets.UTF_8)));
        // huge page numbers
        in.add(anonymous("GET", "/api/v1/exams?page=2147483647"));
        in.add(anonymous("GET", "/api/v1/exams?page=2147483648"));
        in.add(anonymous("GET", "/api/v1/exams/" + DEMO + "/positions?page=2147483647&size=500"));
        in.add(anonymous("GET", "/api/v1/exams/" + DEMO + "/positions?page=4294967&size=500"));
        in.add(admin("GET", "/api/v1/admin/audit-events?page=2147483647"));
        in.add(admin("GET", "/api/v1/admin/staff?page=2147483647"));
        in.add(admin("GET", "/api/v1/admin/exams/" + DEMO + "/reviews?page=2147483647"));
        in.add(admin("GET", "/api/v1/admin/exams/" + DEMO + "/refunds?page=2147483647"));
        in.add(admin("GET", "/api/v1/admin/webhook-subscriptions?page=2147483647"));
        in.add(new Input("applicant", "GET", "/api/v1/me/switch-options?page=2147483647", null, null));
        // years PostgreSQL cannot store, and beyond what java.time parses
        in.add(adminJson(
                "POST",
                "/api/v1/admin/exams",
                examJson("YEAR-300000", "y", "2023-01-14T09:00:00+08:00")
                        .replace("2023-01-17T12:00:00+08:00", "+300000-01-17T12:00:00+08:00")));
        in.add(adminJson(
                "PUT",
                "/api/v1/admin/exams/YEAR-10000",
                examJson("YEAR-10000", "y", "2023-01-14T09:00:00+08:00")
                        .replace("2023-01-17T12:00:00+08:00", "+10000-01-17T12:00:00+08:00")));
        in.add(adminJson(
                "POST", "/api/v1/admin/exams", examJson("YEAR-MINUS", "y", "-1000000000-01-14T09:00:00+08:00")));
        in.add(adminJson("POST", "/api/v1/admin/exams", examJson("YEAR-MINUS2", "y", "-300000-01-14T09:00:00+08:00")));
        in.add(admin("GET", "/api/v1/admin/audit-events?from=%2B300000-01-01T00:00:00Z"));
        in.add(admin("GET", "/api/v1/admin/audit-events?to=-300000-01-01T00:00:00Z"));
        in.add(admin("GET", "/api/v1/admin/audit-events?from=yesterday"));
        in.add(adminJson(
                "POST",
                "/api/v1/admin/exams/{fresh}/registrations",
                "[{\"idNumber\":\"11010519900101001X\",\"fee\":{\"paidAt\":\"+300000-01-10T10:00:00+08:00\"}}]"));
        // huge numbers
        in.add(adminJson(
                "POST",
                "/api/v1/admin/exams",
                examJson("FEE-HUGE", "f", "2023-01-14T09:00:00+08:00")
                        .replace("\"defaultRatio\":3", "\"defaultRatio\":3,\"feeAmount\":123456789012345.00")));
        in.add(adminJson(
                "POST",
                "/api/v1/admin/exams",
                examJson("FEE-EXP", "f", "2023-01-14T09:00:00+08:00")
                        .replace("\"defaultRatio\":3", "\"defaultRatio\":3,\"feeAmount\":1e999999999")));
        in.add(adminJson(
                "POST",
                "/api/v1/admin/exams",
                examJson("FEE-CENT", "f", "2023-01-14T09:00:00+08:00")
                        .replace("\"defaultRatio\":3", "\"defaultRatio\":3,\"feeAmount\":1.005")));
        in.add(adminJson(
                "POST",
                "/api/v1/admin/exams",
                examJson("RATIO-HUGE", "f", "2023-01-14T09:00:00+08:00")
                        .replace("\"defaultRatio\":3", "\"defaultRatio\":99999999999999999999")));
        in.add(
                adminJson(
                        "POST",
                        "/api/v1/admin/exams/{fresh}/positions",
                        "[{\"code\":\"P1\",\"agencyCode\":\"A01\",\"agencyName\":\"n\",\"employer\":\"e\",\"title\":\"t\",\"quota\":18446744073709551617}]"));
        in.add(
                adminJson(
                        "POST",
                        "/api/v1/admin/exams/{fresh}/positions",
                        "[{\"code\":\"P1\",\"agencyCode\":\"A01\",\"agencyName\":\"n\",\"employer\":\"e\",\"title\":\"t\",\"quota\":1e400}]"));
        in.add(admin("POST", "/api/v1/admin/refunds/99999999999999999999/requeue"));
        in.add(admin("POST", "/api/v1/admin/reviews/-1/decision"));
        return in.stream();
    }

    private RequestSpecification as(String who) {
        RequestSpecification spec = given().urlEncodingEnabled(false);
        return switch (who) {
            case "admin" -> spec.header("Authorization", "Bearer " + Api.adminToken());
            case "applicant" -> spec.header("Authorization", "Bearer " + applicantToken());
            default -> spec;
        };
    }

    private String applicantToken() {
        if (fixture == null) {
            fixture = new SwitchFixture(1, 0);
        }
        clock.set(OffsetDateTime.parse("2023-01-15T10:00:00+08:00").toInstant());
        if (applicant == null) {
            applicant = Api.applicantToken(fixture.exam, fixture.paid);
        }
        return applicant;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inputs")
    void aHostileInputGetsAClientProblem(Input input) throws Exception {
        String uri = input.uri();
        if (uri.contains("{fresh}")) {
            String exam = Api.newExamCode("IN");
            Api.createExam(exam, 3, true);
            uri = uri.replace("{fresh}", exam);
        }
        String requestId = "hostile-" + java.util.UUID.randomUUID();
        RequestSpecification spec = as(input.who()).header("X-Request-Id", requestId);
        if (input.contentType() != null) {
            spec = spec.contentType(input.contentType());
        }
        if (input.body() != null) {
            spec = spec.body(input.body());
        }
        Path logFile = Path.of("target/quarkus-test.log");
        long logBefore = Files.size(logFile);
        Response r = spec.request(input.method(), uri);
        int status = r.statusCode();
        assertTrue(status >= 400 && status < 500, input + " gave " + status + ": " + r.asString());
        assertTrue(r.contentType().startsWith("application/problem+json"), input + " gave " + r.contentType());
        assertEquals(status, r.jsonPath().getInt("status"));
        byte[] log = Files.readAllBytes(logFile);
        String logged = new String(log, (int) logBefore, log.length - (int) logBefore, StandardCharsets.UTF_8);
        assertFalse(
                // The log is JSON in tests: a stack trace's tab is written escaped.
                logged.contains("\tat ") || logged.contains("\\tat ") || logged.contains("ERROR"),
                input + " left an error in the log: " + logged);
    }

    /** Sends a raw HTTP/1.1 request and returns the raw response (the server closes or answers within a second). */
    private static String raw(String request) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("localhost", io.restassured.RestAssured.port)) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            java.io.InputStream in = socket.getInputStream();
            int n;
            try {
                while ((n = in.read(buf)) > 0) {
                    out.write(buf, 0, n);
                    String text = out.toString(StandardCharsets.ISO_8859_1);
                    int headerEnd = text.indexOf("\r\n\r\n");
                    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)")
                            .matcher(text);
                    if (headerEnd > 0 && m.find() && text.length() >= headerEnd + 4 + Integer.parseInt(m.group(1))) {
                        break;
                    }
                }
            } catch (java.net.SocketTimeoutException e) {
                // answered what it had
            }
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("codecLevel")
    void anAddressOrHeaderTheServerRefusesGetsAProblem(String name, String request, int status) throws Exception {
        String response = raw(request);
        assertTrue(
                response.startsWith("HTTP/1.1 " + status),
                name + " gave " + response.lines().findFirst().orElse(""));
        assertTrue(
                response.toLowerCase().contains("content-type: application/problem+json"), name + " gave " + response);
        assertTrue(response.contains("\"status\":" + status), name + " gave " + response);
    }

    static Stream<Arguments> codecLevel() {
        String host = "Host: localhost\r\nConnection: close\r\n";
        return Stream.of(
                Arguments.of(
                        "an address of 5,000 characters",
                        "GET /api/v1/exams?q=" + "x".repeat(5000) + " HTTP/1.1\r\n" + host + "\r\n",
                        414),
                Arguments.of(
                        "headers of 30 KiB",
                        "GET /api/v1/exams HTTP/1.1\r\n" + host + "X-Big: " + "x".repeat(30 * 1024) + "\r\n\r\n",
                        431),
                Arguments.of("a NUL in the address", "GET /api/v1/exams/A%00B HTTP/1.1\r\n" + host + "\r\n", 400));
    }
}
