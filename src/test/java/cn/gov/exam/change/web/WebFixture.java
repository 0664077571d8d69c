package cn.gov.exam.change.web;

import static cn.gov.exam.change.support.Api.position;
import static cn.gov.exam.change.support.Api.registration;
import static cn.gov.exam.change.support.Api.registrations;

import cn.gov.exam.change.support.Api;
import cn.gov.exam.change.support.SwitchFixture;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A published exam for the browser tests whose switch window is open now by the real clock (the
 * page's countdown reads the server's Date header, which the test clock does not move). Cancelled
 * C1 with paid applicants, kept K1, targets T-OK (no hurdle), T-MASTER (a master's degree and age
 * ≤ 30: the applicants fail) and T-MAJOR (经济学, agency A07: left to the reviewer).
 */
final class WebFixture {
    final String exam = Api.newExamCode("WEB");
    final String paid = Api.newIdNumber();
    /** A fee-waived applicant of C1. */
    final String waived = Api.newIdNumber();

    final List<String> others = new ArrayList<>();
    private final int maxSwitches;

    WebFixture(int extraApplicants) {
        this(extraApplicants, 1);
    }

    WebFixture(int extraApplicants, int maxSwitches) {
        this.maxSwitches = maxSwitches;
        Api.admin()
                .contentType("application/json")
                .body(exam(Duration.ofHours(-1), Duration.ofDays(2).plusHours(3)))
                .post("/api/v1/admin/exams")
                .then()
                .statusCode(201);
        Map<String, Object> ok = position("T-OK", 1, null);
        ok.put("requirements", Map.of("minEducation", "BACHELOR"));
        // T-OK without SwitchFixture's age limit: by the real clock the test applicants are over 35
        Api.importPositions(
                exam,
                List.of(
                        position("C1", 1, 100),
                        position("K1", 1, null),
                        ok,
                        SwitchFixture.masterTarget(),
                        SwitchFixture.majorTarget()));
        List<Map<String, Object>> regs = new ArrayList<>();
        regs.add(registration(paid, "C1", "PAID"));
        regs.add(registration(waived, "C1", "WAIVED"));
        for (int i = 0; i < extraApplicants; i++) {
            others.add(Api.newIdNumber());
            regs.add(registration(others.get(i), "C1", "PAID"));
        }
        for (String target : List.of("K1", "T-OK", "T-MASTER", "T-MAJOR")) {
            regs.addAll(registrations(target, "PAID", 3));
        }
        Api.importRegistrations(exam, regs);
        Api.admin()
                .post("/api/v1/admin/exams/{exam}/ratio-check/publish", exam)
                .then()
                .statusCode(200);
    }

    private Map<String, Object> exam(Duration opens, Duration deadline) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.ofHours(8)).truncatedTo(ChronoUnit.MINUTES);
        Map<String, Object> e = Api.exam(exam, 3, true);
        e.put("feeAmount", "100.00");
        e.put("maxSwitches", maxSwitches);
        e.put("helpContact", "0351-1234567（工作日 8:30–17:30）");
        e.put("switchWindowOpensAt", now.plus(opens).toString());
        e.put("switchDeadline", now.plus(deadline).toString());
        e.put("reviewDeadline", now.plus(deadline).plusDays(1).toString());
        return e;
    }

    /** Moves the window: opened {@code opens} from now, the deadline {@code deadline} from now. */
    void timeline(Duration opens, Duration deadline) {
        Api.admin()
                .contentType("application/json")
                .body(exam(opens, deadline))
                .put("/api/v1/admin/exams/{exam}", exam)
                .then()
                .statusCode(200);
    }

    /** Switches the applicant through the API; returns the switch (review) id. */
    int switchTo(String idNumber, String target) {
        return Api.as(Api.applicantToken(exam, idNumber))
                .contentType("application/json")
                .body(Map.of("targetPositionCode", target))
                .post("/api/v1/me/switch")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    /** Switches made in this exam so far (every one waits for or has had its review). */
    int switches() {
        return Api.admin()
                .get("/api/v1/admin/exams/{exam}/reviews", exam)
                .then()
                .statusCode(200)
                .extract()
                .path("total");
    }
}
