package cn.gov.exam.change.support;

import static cn.gov.exam.change.support.Api.admin;
import static cn.gov.exam.change.support.Api.position;
import static cn.gov.exam.change.support.Api.registration;
import static cn.gov.exam.change.support.Api.registrations;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A published exam shaped like the 2023 case: cancelled positions C1 and C2, a kept position K1 and
 * open targets: T-OK (no hurdle), T-MASTER (asks a master's degree, age ≤ 30: fails the applicants),
 * T-MAJOR (asks 经济学: left to the reviewer for a 法学 applicant). Timeline: window opens
 * 2023-01-14 09:00, deadline 2023-01-16 12:00, review deadline 2023-01-17 12:00 (Asia/Shanghai).
 */
public final class SwitchFixture {
    /** Inside the switch window of every exam made by {@link Api#exam}: tests hold the clock here. */
    public static final Instant DURING =
            OffsetDateTime.parse("2023-01-15T10:00:00+08:00").toInstant();

    public final String exam = Api.newExamCode("SW");
    /** Applicants of C1: paid, waived, unpaid; and one paid applicant of the kept K1. */
    public final String paid = Api.newIdNumber();

    public final String waived = Api.newIdNumber();
    public final String unpaid = Api.newIdNumber();
    public final String kept = Api.newIdNumber();
    /** More paid applicants of C1, for tests that need several. */
    public final List<String> others = new ArrayList<>();

    /** Signs the applicant in and switches them; returns the switch (review) id. */
    public int switchTo(String idNumber, String target) {
        return Api.switchTo(exam, idNumber, target);
    }

    /** T-MASTER: asks a master's degree and age ≤ 30, which the test applicants fail. */
    public static Map<String, Object> masterTarget() {
        Map<String, Object> master = position("T-MASTER", 1, null);
        master.put("title", "信息技术");
        master.put("requirements", Map.of("minEducation", "MASTER", "maxAge", 30, "degreeRequired", true));
        return master;
    }

    /** T-MAJOR, agency A07: asks 经济学, left to the reviewer for the test applicants (法学). */
    public static Map<String, Object> majorTarget() {
        Map<String, Object> major = position("T-MAJOR", 1, null);
        major.put("agencyCode", "A07");
        major.put("agencyName", "太原市人力资源和社会保障局");
        major.put("requirements", Map.of("minEducation", "BACHELOR", "majors", List.of("经济学")));
        return major;
    }

    public SwitchFixture(int maxSwitches, int extraApplicants) {
        Map<String, Object> e = Api.exam(exam, 3, true);
        e.put("maxSwitches", maxSwitches);
        admin().contentType("application/json")
                .body(e)
                .post("/api/v1/admin/exams")
                .then()
                .statusCode(201);
        Api.importPositions(
                exam,
                List.of(
                        position("C1", 1, 100),
                        position("C2", 1, null),
                        position("K1", 1, null),
                        position("T-OK", 1, null),
                        masterTarget(),
                        majorTarget()));
        List<Map<String, Object>> regs = new ArrayList<>();
        regs.add(registration(paid, "C1", "PAID"));
        regs.add(registration(waived, "C1", "WAIVED"));
        regs.add(registration(unpaid, "C1", "UNPAID"));
        regs.add(registration(kept, "K1", "PAID"));
        regs.addAll(registrations("K1", "PAID", 2));
        regs.addAll(registrations("T-OK", "PAID", 3));
        regs.addAll(registrations("T-MASTER", "PAID", 3));
        regs.addAll(registrations("T-MAJOR", "PAID", 3));
        regs.addAll(registrations("C2", "PAID", 1));
        for (int i = 0; i < extraApplicants; i++) {
            String id = Api.newIdNumber();
            others.add(id);
            regs.add(registration(id, "C1", "PAID"));
        }
        Api.importRegistrations(exam, regs);
        admin().post("/api/v1/admin/exams/{exam}/ratio-check/publish", exam)
                .then()
                .statusCode(200);
    }
}
