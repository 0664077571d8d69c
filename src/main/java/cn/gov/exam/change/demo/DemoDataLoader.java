package cn.gov.exam.change.demo;

import cn.gov.exam.change.auth.StaffAuthService;
import cn.gov.exam.change.common.AppClock;
import cn.gov.exam.change.common.AppConfig;
import cn.gov.exam.change.common.credentials.Roles;
import cn.gov.exam.change.exam.Exam;
import cn.gov.exam.change.exam.ExamRequest;
import cn.gov.exam.change.exam.ExamService;
import cn.gov.exam.change.position.PositionService;
import cn.gov.exam.change.ratio.RatioCheckService;
import cn.gov.exam.change.ratio.RatioPlan;
import cn.gov.exam.change.registration.RegistrationImportService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.jboss.logging.Logger;

/**
 * With {@code app.demo-data=true}, loads the demo exam {@value #EXAM_CODE} into an empty database
 * through the same import and ratio-check services the API uses: switch window open from start-up
 * until two days later, review deadline a day after that.
 */
@ApplicationScoped
public class DemoDataLoader {
    public static final String EXAM_CODE = "SX-2023-GWY";
    /** The password of every demo reviewer ({@code reviewer-a01} …), which the staff password policy accepts. */
    public static final String REVIEWER_PASSWORD = "Review@2023demo";

    private static final Logger LOG = Logger.getLogger(DemoDataLoader.class);

    @Inject
    AppConfig config;

    @Inject
    AppClock clock;

    @Inject
    ExamService exams;

    @Inject
    PositionService positions;

    @Inject
    RegistrationImportService registrations;

    @Inject
    RatioCheckService ratio;

    @Inject
    StaffAuthService staff;

    @ActivateRequestContext
    void onStart(@Observes @Priority(20) StartupEvent event) {
        // requiringNew: a start-up observer has no transaction, and each step below commits its own.
        if (!config.demoData() || QuarkusTransaction.requiringNew().call(() -> Exam.count() > 0)) {
            return;
        }
        Instant now = clock.now();
        ZoneId zone = ZoneId.of("Asia/Shanghai");
        exams.create(new ExamRequest(
                EXAM_CODE,
                "山西省2023年考试录用公务员（演示）",
                zone.getId(),
                3,
                true,
                1,
                new BigDecimal("100.00"),
                now.minus(Duration.ofDays(1)).atZone(zone).toOffsetDateTime(),
                now.minus(Duration.ofMinutes(1)).atZone(zone).toOffsetDateTime(),
                now.plus(Duration.ofDays(2)).atZone(zone).toOffsetDateTime(),
                now.plus(Duration.ofDays(3)).atZone(zone).toOffsetDateTime(),
                "0351-1234567（工作日 8:30–17:30）",
                "山西省人事考试中心"));
        DemoDataGenerator generator = DemoDataGenerator.demo(now.minus(Duration.ofDays(10)));
        try {
            StringWriter p = new StringWriter();
            generator.writePositions(p);
            positions.importPositions(EXAM_CODE, stream(p), "text/csv");
            StringWriter r = new StringWriter();
            generator.writeRegistrations(r);
            registrations.importRegistrations(EXAM_CODE, stream(r), "text/csv");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // One reviewer per agency of the demo exam: reviewer-a01 reviews for agency A01, and so on.
        for (String agency : generator.agencyCodes()) {
            staff.createIfAbsent(
                    "reviewer-" + agency.toLowerCase(java.util.Locale.ROOT), REVIEWER_PASSWORD, Roles.REVIEWER, agency);
        }
        RatioPlan plan = ratio.publish(EXAM_CODE);
        LOG.infof(
                "Loaded the demo exam %s: %d positions kept, %d reduced, %d cancelled",
                EXAM_CODE, plan.kept(), plan.reduced(), plan.cancelled());
        generator
                .notables()
                .forEach(n -> LOG.debugf(
                        "Demo applicant of %s position %s (%s)", n.shape(), n.positionCode(), n.feeStatus()));
    }

    private static ByteArrayInputStream stream(StringWriter w) {
        return new ByteArrayInputStream(w.toString().getBytes(StandardCharsets.UTF_8));
    }
}
