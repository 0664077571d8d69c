package cn.gov.exam.change.exam;

import cn.gov.exam.change.audit.AuditService;
import cn.gov.exam.change.common.AppClock;
import cn.gov.exam.change.common.AppConfig;
import cn.gov.exam.change.common.paging.PageParams;
import cn.gov.exam.change.common.paging.PageResponse;
import cn.gov.exam.change.common.problems.FieldError;
import cn.gov.exam.change.common.problems.ProblemException;
import cn.gov.exam.change.common.problems.ProblemType;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

@ApplicationScoped
public class ExamService {
    @Inject
    AppClock clock;

    @Inject
    AuditService audit;

    @Inject
    AppConfig config;

    @Transactional
    public ExamView create(ExamRequest r) {
        validate(r);
        if (Exam.findByCode(r.code()).isPresent()) {
            throw new ProblemException(
                    ProblemType.ALREADY_EXISTS, "Exam " + r.code() + " exists already; use PUT to change it");
        }
        Exam e = new Exam();
        e.code = r.code();
        e.createdAt = clock.now();
        apply(e, r);
        e.persist();
        audit.record("exam.created", "exam", e.code, e.code, null, snapshot(e));
        return ExamView.of(e, clock.now(), config.helpContact());
    }

    /** Updates the exam, or creates it when it does not exist (PUT semantics). */
    @Transactional
    public ExamView put(String code, ExamRequest r) {
        if (!code.equals(r.code())) {
            throw ProblemException.invalid("code", "must be the exam code of the path");
        }
        Exam e = Exam.find("code", code)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .<Exam>firstResultOptional()
                .orElse(null);
        if (e == null) {
            return create(r);
        }
        r = keepingOmitted(r, e);
        validate(r);
        if (e.published()
                && (e.defaultRatio != r.defaultRatio() || e.reduceQuotaBeforeCancel != r.reduceQuotaBeforeCancel())) {
            throw new ProblemException(
                    ProblemType.EXAM_ALREADY_PUBLISHED,
                    "The ratio check is published; the exam's ratio settings are frozen");
        }
        Map<String, Object> before = snapshot(e);
        apply(e, r);
        audit.record("exam.updated", "exam", e.code, e.code, before, snapshot(e));
        return ExamView.of(e, clock.now(), config.helpContact());
    }

    public ExamView get(String code) {
        return ExamView.of(require(code), clock.now(), config.helpContact());
    }

    public PageResponse<ExamView> list(PageParams page) {
        var q = Exam.<Exam>findAll(Sort.descending("switchDeadline").and("code"));
        Instant now = clock.now();
        return new PageResponse<>(
                q.page(page.page, page.size).list().stream()
                        .map(e -> ExamView.of(e, now, config.helpContact()))
                        .toList(),
                page.page,
                page.size,
                q.count());
    }

    public static Exam require(String code) {
        return Exam.findByCode(code).orElseThrow(() -> ProblemException.notFound("Exam " + code));
    }

    /** The exam locked for an import or the ratio check, refused once the check is published. */
    public static Exam requireUnpublishedForUpdate(String code) {
        Exam e = Exam.find("code", code)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .<Exam>firstResultOptional()
                .orElseThrow(() -> ProblemException.notFound("Exam " + code));
        if (e.published()) {
            throw new ProblemException(
                    ProblemType.EXAM_ALREADY_PUBLISHED,
                    "The ratio check of " + code + " is published; its positions and registrations are frozen");
        }
        return e;
    }

    /** Optional fields left out of an update keep the exam's current values (documented on ExamRequest). */
    private static ExamRequest keepingOmitted(ExamRequest r, Exam e) {
        return new ExamRequest(
                r.code(),
                r.name(),
                r.timeZone(),
                r.defaultRatio(),
                r.reduceQuotaBeforeCancel(),
                r.maxSwitches() != null ? r.maxSwitches() : Integer.valueOf(e.maxSwitches),
                r.feeAmount() != null ? r.feeAmount() : e.feeAmount,
                r.registrationClosedAt() != null
                        ? r.registrationClosedAt()
                        : e.registrationClosedAt == null
                                ? null
                                : e.registrationClosedAt.atOffset(java.time.ZoneOffset.UTC),
                r.switchWindowOpensAt(),
                r.switchDeadline(),
                r.reviewDeadline(),
                r.helpContact() != null ? r.helpContact() : e.helpContact,
                r.smsSignature() != null ? r.smsSignature() : e.smsSignature);
    }

    private static void validate(ExamRequest r) {
        List<FieldError> errors = new ArrayList<>();
        try {
            ZoneId.of(r.timeZone());
        } catch (DateTimeException e) {
            errors.add(FieldError.of("timeZone", "must be an IANA time zone such as Asia/Shanghai"));
        }
        if (!r.switchWindowOpensAt().isBefore(r.switchDeadline())) {
            errors.add(FieldError.of("switchDeadline", "must be after switchWindowOpensAt"));
        }
        if (r.reviewDeadline().isBefore(r.switchDeadline())) {
            errors.add(FieldError.of("reviewDeadline", "must not be before switchDeadline"));
        }
        if (r.registrationClosedAt() != null && r.registrationClosedAt().isAfter(r.switchWindowOpensAt())) {
            errors.add(FieldError.of("registrationClosedAt", "must not be after switchWindowOpensAt"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }

    private void apply(Exam e, ExamRequest r) {
        e.name = r.name();
        e.timeZone = r.timeZone();
        e.defaultRatio = r.defaultRatio();
        e.reduceQuotaBeforeCancel = r.reduceQuotaBeforeCancel();
        e.maxSwitches = Objects.requireNonNullElse(r.maxSwitches(), 1);
        e.feeAmount = r.feeAmount() == null ? null : r.feeAmount().setScale(2, java.math.RoundingMode.UNNECESSARY);
        e.registrationClosedAt = r.registrationClosedAt() == null
                ? null
                : r.registrationClosedAt().toInstant();
        e.switchWindowOpensAt = r.switchWindowOpensAt().toInstant();
        e.switchDeadline = r.switchDeadline().toInstant();
        e.reviewDeadline = r.reviewDeadline().toInstant();
        e.helpContact = r.helpContact() == null || r.helpContact().isBlank()
                ? null
                : r.helpContact().trim();
        e.smsSignature = r.smsSignature() == null || r.smsSignature().isBlank()
                ? null
                : r.smsSignature().trim();
        e.updatedAt = clock.now();
    }

    private static Map<String, Object> snapshot(Exam e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", e.name);
        m.put("timeZone", e.timeZone);
        m.put("defaultRatio", e.defaultRatio);
        m.put("reduceQuotaBeforeCancel", e.reduceQuotaBeforeCancel);
        m.put("maxSwitches", e.maxSwitches);
        m.put("feeAmount", e.feeAmount == null ? null : e.feeAmount.toPlainString());
        m.put("switchWindowOpensAt", e.switchWindowOpensAt.toString());
        m.put("switchDeadline", e.switchDeadline.toString());
        m.put("reviewDeadline", e.reviewDeadline.toString());
        m.put("helpContact", e.helpContact);
        m.put("smsSignature", e.smsSignature);
        return m;
    }
}
