package cn.gov.exam.change.support;

import static cn.gov.exam.change.support.Api.admin;
import static cn.gov.exam.change.support.Api.position;
import static cn.gov.exam.change.support.Api.registration;
import static cn.gov.exam.change.support.Api.registrations;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A published exam for the export tests, with imported text that a spreadsheet would run as a
 * formula: cancelled position C1 (agency A01); open targets T-A01 (agency A01, its title a formula)
 * and T-A07 (agency A07). Five paid applicants of C1, named like formulas, three of them paid through
 * WECHAT: two switch into A01 (one pending, one rejected with a quoted, comma-holding reason that
 * starts with "-"), two into A07 (one pending, one approved), the fifth declines. So there are four
 * reviews, two per agency, and two refunds: REVIEW_REJECTED (ALIPAY) and DECLINED (WECHAT).
 * The test must hold the clock inside the switch window ({@link #DURING}).
 */
public final class ExportFixture {
    public static final Instant DURING = SwitchFixture.DURING;
    public static final String FORMULA = "=HYPERLINK(\"http://x\",\"y\")";
    public static final String REASON = "-学历不符, \"全日制\"";
    public final String exam = Api.newExamCode("EXP");
    public final List<String> applicants = new ArrayList<>();
    public final List<String> names = List.of("=1+2", "@SUM(A1)", "+86 王五", "-李四", "赵六");
    public final int pendingA01;
    public final int rejectedA01;
    public final int pendingA07;
    public final int approvedA07;

    public ExportFixture() {
        Map<String, Object> e = Api.exam(exam, 3, true);
        admin().contentType("application/json")
                .body(e)
                .post("/api/v1/admin/exams")
                .then()
                .statusCode(201);
        Map<String, Object> a01 = position("T-A01", 1, null);
        a01.put("title", FORMULA);
        Map<String, Object> a07 = position("T-A07", 1, null);
        a07.put("agencyCode", "A07");
        a07.put("agencyName", "太原市人力资源和社会保障局");
        Api.importPositions(exam, List.of(position("C1", 1, 100), a01, a07));
        List<Map<String, Object>> regs = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String id = Api.newIdNumber();
            applicants.add(id);
            Map<String, Object> r = registration(id, "C1", "PAID");
            r.put("name", names.get(i));
            if (i >= 2) {
                @SuppressWarnings("unchecked")
                Map<String, Object> fee = (Map<String, Object>) r.get("fee");
                fee.put("channel", "WECHAT");
            }
            regs.add(r);
        }
        regs.addAll(registrations("T-A01", "PAID", 3));
        regs.addAll(registrations("T-A07", "PAID", 3));
        Api.importRegistrations(exam, regs);
        admin().post("/api/v1/admin/exams/{exam}/ratio-check/publish", exam)
                .then()
                .statusCode(200);

        pendingA01 = Api.switchTo(exam, applicants.get(0), "T-A01");
        rejectedA01 = Api.switchTo(exam, applicants.get(1), "T-A01");
        pendingA07 = Api.switchTo(exam, applicants.get(2), "T-A07");
        approvedA07 = Api.switchTo(exam, applicants.get(3), "T-A07");
        Api.decide(admin(), rejectedA01, "REJECTED", REASON).statusCode(200);
        Api.decide(admin(), approvedA07, "APPROVED", null).statusCode(200);
        Api.as(Api.applicantToken(exam, applicants.get(4)))
                .post("/api/v1/me/refund-request")
                .then()
                .statusCode(201);
    }

    /** A new reviewer account of {@code agency}, signed in; returns the token. */
    public static String reviewerToken(String agency) {
        String name = "exp-rev-" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
        admin().contentType("application/json")
                .body(Map.of("username", name, "password", "Review#2023!x", "role", "REVIEWER", "agencyCode", agency))
                .post("/api/v1/admin/staff")
                .then()
                .statusCode(201);
        return Api.staffToken(name, "Review#2023!x");
    }
}
