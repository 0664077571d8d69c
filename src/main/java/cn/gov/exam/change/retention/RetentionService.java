package cn.gov.exam.change.retention;

import cn.gov.exam.change.audit.AuditService;
import cn.gov.exam.change.auth.SignInThrottle;
import cn.gov.exam.change.common.AppClock;
import cn.gov.exam.change.common.AppConfig;
import cn.gov.exam.change.common.problems.ProblemException;
import cn.gov.exam.change.common.problems.ProblemType;
import cn.gov.exam.change.common.sql.Jdbc;
import cn.gov.exam.change.exam.Exam;
import cn.gov.exam.change.exam.ExamService;
import cn.gov.exam.change.refund.RefundCountsOfExam;
import cn.gov.exam.change.refund.RefundStatus;
import cn.gov.exam.change.registration.ApplicantPersonalData;
import cn.gov.exam.change.retention.RetentionViews.Blocker;
import cn.gov.exam.change.retention.RetentionViews.PersonalData;
import cn.gov.exam.change.retention.RetentionViews.PurgeResult;
import cn.gov.exam.change.retention.RetentionViews.RetentionView;
import cn.gov.exam.change.webhook.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Purges an exam's applicants' personal data once its refunds are settled and the retention
 * period after its review deadline has passed; counts, decisions and the audit trail (which holds
 * masked subjects only) stay. Each kind of personal data is counted and purged by the package that
 * owns its table, one call per owner (registration: applicants; auth: sign-in counts), in one
 * transaction with the audit event.
 */
@ApplicationScoped
public class RetentionService {
    @Inject
    AppConfig config;

    @Inject
    AppClock clock;

    @Inject
    Jdbc jdbc;

    @Inject
    AuditService audit;

    @Inject
    ApplicantPersonalData applicants;

    @Inject
    SignInThrottle signIns;

    @Inject
    RefundCountsOfExam refunds;

    @Inject
    Outbox outbox;

    /** The dry run: nothing changes. */
    @Transactional
    public RetentionView dryRun(String examCode) {
        return view(ExamService.require(examCode));
    }

    /**
     * The purge, refused with a problem while a blocker stands or when the dry run the caller read
     * counted other applicants than there are now.
     */
    @Transactional
    public PurgeResult purge(String examCode, long expectedApplicants) {
        Exam exam = Exam.<Exam>find("code", examCode)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional()
                .orElseThrow(() -> ProblemException.notFound("Exam " + examCode));
        RetentionView before = view(exam);
        refuseIfBlocked(before);
        if (before.wouldPurge().applicants() != expectedApplicants) {
            throw new ProblemException(
                            ProblemType.PURGE_NOT_CONFIRMED,
                            "The dry run counted " + expectedApplicants + " applicants, there are "
                                    + before.wouldPurge().applicants() + " now: run the dry run again")
                    .with("applicants", before.wouldPurge().applicants());
        }
        // Millions of rows in one statement: the request's bounds do not apply to this transaction.
        jdbc.liftTimeouts();
        PersonalData purged = new PersonalData(
                applicants.purge(exam.id), before.wouldPurge().mobileNumbers(), signIns.forgetApplicantsOf(exam.id));
        int smsMasked = outbox.maskSmsMobilesOf(exam.code);
        Instant now = clock.now();
        exam.personalDataPurgedAt = now;
        exam.personalDataPurgedBy = audit.currentActor();
        exam.updatedAt = now;
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("applicants", purged.applicants());
        after.put("mobileNumbers", purged.mobileNumbers());
        after.put("signInRecords", purged.signInRecords());
        after.put("smsMessagesMasked", smsMasked);
        after.put("retentionPeriod", config.retention().afterReviewDeadline().toString());
        audit.record(
                "exam.personal-data-purged",
                "exam",
                exam.code,
                exam.code,
                Map.of("personalDataPurgedAt", "null"),
                after);
        return new PurgeResult(purged, view(exam));
    }

    private static void refuseIfBlocked(RetentionView v) {
        if (v.blocker() == null) {
            return;
        }
        throw switch (v.blocker()) {
            case PERSONAL_DATA_PURGED ->
                new ProblemException(
                                ProblemType.PERSONAL_DATA_PURGED,
                                "The personal data of " + v.examCode() + " was purged at " + v.personalDataPurgedAt())
                        .with("personalDataPurgedAt", v.personalDataPurgedAt().toString());
            case REFUNDS_NOT_SETTLED ->
                new ProblemException(
                                ProblemType.REFUNDS_NOT_SETTLED,
                                "The refunds of " + v.examCode() + " are not settled: " + v.unsettledRefunds()
                                        + " are still queued or sent, or they are not decided yet")
                        .with("unsettledRefunds", v.unsettledRefunds());
            case RETENTION_PERIOD_NOT_PASSED ->
                new ProblemException(
                                ProblemType.RETENTION_PERIOD_NOT_PASSED,
                                "The personal data of " + v.examCode() + " is kept until " + v.purgeableFrom())
                        .with("purgeableFrom", v.purgeableFrom().toString());
        };
    }

    private RetentionView view(Exam exam) {
        Instant purgeableFrom = exam.reviewDeadline.plus(config.retention().afterReviewDeadline());
        Map<String, Long> byStatus = refunds.byStatus(exam.id);
        long unsettled = byStatus.entrySet().stream()
                .filter(e -> !RefundStatus.valueOf(e.getKey()).settled())
                .mapToLong(Map.Entry::getValue)
                .sum();
        boolean settled = exam.refundsDecidedAt != null && unsettled == 0;
        Blocker blocker = exam.personalDataPurgedAt != null
                ? Blocker.PERSONAL_DATA_PURGED
                : !settled
                        ? Blocker.REFUNDS_NOT_SETTLED
                        : clock.now().isBefore(purgeableFrom) ? Blocker.RETENTION_PERIOD_NOT_PASSED : null;
        ApplicantPersonalData.Held held = applicants.held(exam.id);
        PersonalData would =
                new PersonalData(held.applicants(), held.mobileNumbers(), signIns.applicantRecords(exam.id));
        return new RetentionView(
                exam.code,
                exam.reviewDeadline,
                purgeableFrom,
                settled,
                unsettled,
                blocker,
                would,
                exam.personalDataPurgedAt,
                exam.personalDataPurgedBy);
    }
}
