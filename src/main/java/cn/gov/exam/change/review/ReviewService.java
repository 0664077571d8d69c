package cn.gov.exam.change.review;

import cn.gov.exam.change.audit.AuditService;
import cn.gov.exam.change.common.AppClock;
import cn.gov.exam.change.common.credentials.Roles;
import cn.gov.exam.change.common.problems.ProblemException;
import cn.gov.exam.change.common.problems.ProblemType;
import cn.gov.exam.change.common.sql.Jdbc;
import cn.gov.exam.change.exam.Exam;
import cn.gov.exam.change.exam.ExamTimeline;
import cn.gov.exam.change.exam.RefundDecisions;
import cn.gov.exam.change.notification.Notifier;
import cn.gov.exam.change.position.Position;
import cn.gov.exam.change.receipt.Receipts;
import cn.gov.exam.change.registration.Registration;
import cn.gov.exam.change.review.ReviewViews.CorrectionRequest;
import cn.gov.exam.change.review.ReviewViews.DecisionRequest;
import cn.gov.exam.change.review.ReviewViews.Review;
import cn.gov.exam.change.switching.PositionSwitch;
import cn.gov.exam.change.switching.SwitchRules;
import cn.gov.exam.change.switching.SwitchStatus;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * DESIGN.md rule 4. A reviewer sees and decides only switches into their own agency's positions
 * (others' are "not found"). An agency is a registry code, which names one organisation in every
 * exam: a reviewer of A01 reviews A01's positions of every exam, and no other agency's; a decision is final and taken under the switch's row lock; after the
 * review deadline only an administrator may decide, and that decision is marked late.
 */
@ApplicationScoped
public class ReviewService {
    @Inject
    EntityManager em;

    @Inject
    Jdbc jdbc;

    @Inject
    AppClock clock;

    @Inject
    AuditService audit;

    @Inject
    SecurityIdentity identity;

    @Inject
    JsonWebToken jwt;

    @Inject
    ReviewReads reads;

    @Inject
    Event<RegistrationRefundable> refundable;

    @Inject
    RefundDecisions refundDecisions;

    @Inject
    Receipts receipts;

    @Inject
    Notifier notifier;

    @Transactional
    public Review decide(long switchId, DecisionRequest request) {
        SwitchStatus decision = SwitchStatus.valueOf(request.decision());
        String reason = request.reason() == null ? null : request.reason().trim();
        if (decision == SwitchStatus.REJECTED && (reason == null || reason.isEmpty())) {
            throw ProblemException.invalid("reason", "is required when rejecting");
        }
        PositionSwitch s = em.find(PositionSwitch.class, switchId, LockModeType.PESSIMISTIC_WRITE);
        Position target = s == null ? null : Position.findById(s.targetPositionId);
        String agency = reads.reviewerAgency();
        if (s == null || (agency != null && !agency.equals(target.agencyCode))) {
            throw ProblemException.notFound("Review " + switchId);
        }
        if (s.status != SwitchStatus.PENDING) {
            throw new ProblemException(
                    ProblemType.REVIEW_ALREADY_DECIDED,
                    "Review " + switchId + " was decided (" + s.status + ") at " + s.decidedAt);
        }
        Exam exam = Exam.findById(s.examId);
        boolean refundsDecided = refundDecisions.decidedUnderLock(exam.id);
        Instant now = clock.now();
        boolean late = !now.isBefore(exam.reviewDeadline);
        if (late && !identity.hasRole(Roles.ADMIN)) {
            throw new ProblemException(
                    ProblemType.REVIEW_DEADLINE_PASSED,
                    "The review deadline has passed; only an administrator may decide now");
        }
        s.status = decision;
        s.reason = reason;
        s.reviewer = audit.currentActor();
        s.decidedAt = now;
        s.lateDecision = late;
        receipts.reviewDecided(s.id, decision.name(), now); // before the refund it may cause
        Registration r = Registration.findById(s.registrationId);
        boolean canSwitchAgain = false;
        if (decision == SwitchStatus.APPROVED) {
            r.approvedInto(s.targetPositionId, now);
        } else {
            List<PositionSwitch> switches = PositionSwitch.ofRegistration(r.id);
            canSwitchAgain =
                    exam.timeline().withRefundsDecided(refundsDecided).windowAt(now) == ExamTimeline.Window.OPEN
                            && SwitchRules.switchesLeft(exam, switches) > 0;
            if (!canSwitchAgain) {
                refundable.fire(new RegistrationRefundable(r.id, exam.code, RegistrationRefundable.REVIEW_REJECTED));
            }
        }
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("status", decision.name());
        after.put("reason", reason);
        after.put("registrationId", r.id);
        after.put("targetPosition", target.code);
        after.put("late", late);
        audit.record(
                late ? "review.decided-late" : "review.decided",
                "switch",
                s.id.toString(),
                exam.code,
                Map.of("status", SwitchStatus.PENDING.name()),
                after);
        em.flush();
        notifier.reviewDecided(s.id, decision == SwitchStatus.APPROVED, reason, canSwitchAgain);
        Position original = Position.findById(s.fromPositionId);
        return reads.view(exam, s, target, original, r.applicant);
    }

    /**
     * An administrator corrects a decision (a stray approval, say) before the review deadline, while
     * nothing has followed from it: it is the registration's last switch (no later switch was made
     * on the strength of a rejection) and no refund exists for the registration (a queued refund is
     * handed to the payment system within seconds and cannot be called back safely). The effects
     * are those of deciding afresh: an approval moves the registration to the target; a rejection
     * moves it back and, when no further switch is possible, owes the refund. Audited with the reason.
     */
    @Transactional
    public Review correct(long switchId, CorrectionRequest request) {
        SwitchStatus decision = SwitchStatus.valueOf(request.decision());
        String reason = request.reason() == null || request.reason().isBlank()
                ? null
                : request.reason().trim();
        if (decision == SwitchStatus.REJECTED && reason == null) {
            throw ProblemException.invalid("reason", "is required when rejecting");
        }
        PositionSwitch s = em.find(PositionSwitch.class, switchId, LockModeType.PESSIMISTIC_WRITE);
        if (s == null) {
            throw ProblemException.notFound("Review " + switchId);
        }
        em.createNativeQuery("select id from registration where id = ?1 for update")
                .setParameter(1, s.registrationId)
                .getResultList();
        Exam exam = Exam.findById(s.examId);
        Instant now = clock.now();
        if (!now.isBefore(exam.reviewDeadline)) {
            throw new ProblemException(
                    ProblemType.REVIEW_DEADLINE_PASSED,
                    "The review deadline has passed; decisions can no longer be corrected");
        }
        if (s.status == SwitchStatus.PENDING) {
            throw new ProblemException(
                    ProblemType.DECISION_NOT_CORRECTABLE, "Review " + switchId + " is not decided yet");
        }
        if (s.status == decision) {
            throw new ProblemException(
                    ProblemType.DECISION_NOT_CORRECTABLE, "Review " + switchId + " is " + decision + " already");
        }
        List<PositionSwitch> switches = PositionSwitch.ofRegistration(s.registrationId);
        if (!switches.get(0).id.equals(s.id)) {
            throw new ProblemException(
                    ProblemType.DECISION_NOT_CORRECTABLE, "The applicant has switched again since this decision");
        }
        Number refunds = (Number) em.createNativeQuery("select count(*) from refund where registration_id = ?1")
                .setParameter(1, s.registrationId)
                .getSingleResult();
        if (refunds.longValue() > 0) {
            throw new ProblemException(
                    ProblemType.DECISION_NOT_CORRECTABLE,
                    "A refund has been queued for this registration since the decision");
        }
        boolean refundsDecided = refundDecisions.decidedUnderLock(exam.id);
        Map<String, Object> before = new LinkedHashMap<>();
        before.put("status", s.status.name());
        before.put("reason", s.reason);
        before.put("reviewer", s.reviewer);
        s.status = decision;
        s.reason = reason;
        s.reviewer = audit.currentActor();
        s.decidedAt = now;
        s.lateDecision = false;
        receipts.reviewDecided(s.id, decision.name(), now); // before the refund it may cause
        Registration r = Registration.findById(s.registrationId);
        boolean canSwitchAgain = false;
        if (decision == SwitchStatus.APPROVED) {
            r.approvedInto(s.targetPositionId, now);
        } else {
            r.approvalWithdrawn(now);
            canSwitchAgain =
                    exam.timeline().withRefundsDecided(refundsDecided).windowAt(now) == ExamTimeline.Window.OPEN
                            && SwitchRules.switchesLeft(exam, switches) > 0;
            if (!canSwitchAgain) {
                refundable.fire(new RegistrationRefundable(r.id, exam.code, RegistrationRefundable.REVIEW_REJECTED));
            }
        }
        Position target = Position.findById(s.targetPositionId);
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("status", decision.name());
        after.put("reason", reason);
        after.put("correctionReason", request.correctionReason().trim());
        after.put("registrationId", r.id);
        after.put("targetPosition", target.code);
        audit.record("review.corrected", "switch", s.id.toString(), exam.code, before, after);
        em.flush();
        notifier.reviewDecided(s.id, decision == SwitchStatus.APPROVED, reason, canSwitchAgain);
        return reads.view(exam, s, target, Position.findById(s.fromPositionId), r.applicant);
    }
}
