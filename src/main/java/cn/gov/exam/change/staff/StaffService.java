package cn.gov.exam.change.staff;

import cn.gov.exam.change.agency.Agency;
import cn.gov.exam.change.audit.AuditService;
import cn.gov.exam.change.auth.StaffAccount;
import cn.gov.exam.change.auth.StaffAuthService;
import cn.gov.exam.change.auth.StaffCredentialsPolicy;
import cn.gov.exam.change.common.AppClock;
import cn.gov.exam.change.common.credentials.Passwords;
import cn.gov.exam.change.common.credentials.Roles;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Bureau staff accounts: administrators, and reviewers bound to one recruiting agency. */
@ApplicationScoped
public class StaffService {
    static final String UNKNOWN_AGENCY = "is not an agency of the registry";

    @Inject
    AppClock clock;

    @Inject
    AuditService audit;

    @Inject
    StaffAuthService auth;

    @Transactional
    public StaffView create(StaffRequest r) {
        List<FieldError> errors = new ArrayList<>(StaffCredentialsPolicy.problems(r.username(), r.password()));
        if (Roles.REVIEWER.equals(r.role())
                && (r.agencyCode() == null || r.agencyCode().isBlank())) {
            errors.add(FieldError.of("agencyCode", "is required for a REVIEWER"));
        }
        if (Roles.ADMIN.equals(r.role()) && r.agencyCode() != null) {
            errors.add(FieldError.of("agencyCode", "must be empty for an ADMIN"));
        }
        Agency agency = null;
        if (Roles.REVIEWER.equals(r.role())
                && r.agencyCode() != null
                && !r.agencyCode().isBlank()) {
            agency = Agency.byCode(r.agencyCode()).orElse(null);
            if (agency == null) {
                errors.add(FieldError.of("agencyCode", UNKNOWN_AGENCY));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        if (StaffAccount.findByUsername(r.username()).isPresent()) {
            throw new ProblemException(ProblemType.ALREADY_EXISTS, "The username " + r.username() + " is taken");
        }
        StaffAccount a = new StaffAccount();
        a.username = r.username();
        a.passwordHash = Passwords.hash(r.password());
        a.role = r.role();
        a.agencyCode = agency == null ? null : agency.code;
        a.enabled = true;
        a.createdAt = clock.now();
        a.updatedAt = a.createdAt;
        a.persist();
        audit.record(
                "staff.created",
                "staff",
                a.username,
                null,
                null,
                Map.of("role", a.role, "agencyCode", a.agencyCode == null ? "" : a.agencyCode));
        return StaffView.of(a);
    }

    /** The username in the path is matched whatever its case, as sign-in matches it. */
    @Transactional
    public StaffView setEnabled(String username, boolean enabled) {
        StaffAccount a = StaffAccount.find("lower(username) = lower(?1)", username)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .<StaffAccount>firstResultOptional()
                .orElseThrow(() -> ProblemException.notFound("Staff account " + username));
        if (a.enabled != enabled) {
            a.enabled = enabled;
            if (!enabled) {
                a.tokenGeneration++; // tokens issued until now stay dead, even after a re-enable
            }
            a.updatedAt = clock.now();
            audit.record(
                    enabled ? "staff.enabled" : "staff.disabled",
                    "staff",
                    a.username,
                    null,
                    Map.of("enabled", !enabled),
                    Map.of("enabled", enabled));
        }
        return StaffView.of(a);
    }

    /**
     * Changes a reviewer's agency and/or enables or disables an account. A new agency kills the
     * account's tokens, whose agency claim would still name the old one.
     */
    @Transactional
    public StaffView update(String username, StaffUpdateRequest r) {
        StaffAccount a = StaffAccount.find("lower(username) = lower(?1)", username)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .<StaffAccount>firstResultOptional()
                .orElseThrow(() -> ProblemException.notFound("Staff account " + username));
        if (r.agencyCode() != null) {
            if (!Roles.REVIEWER.equals(a.role)) {
                throw ProblemException.invalid("agencyCode", "must be empty for an ADMIN");
            }
            Agency agency = Agency.byCode(r.agencyCode())
                    .orElseThrow(() -> ProblemException.invalid("agencyCode", UNKNOWN_AGENCY));
            if (!agency.code.equals(a.agencyCode)) {
                String before = a.agencyCode;
                a.agencyCode = agency.code;
                a.tokenGeneration++;
                a.updatedAt = clock.now();
                audit.record(
                        "staff.agency-changed",
                        "staff",
                        a.username,
                        null,
                        Map.of("agencyCode", before == null ? "" : before),
                        Map.of("agencyCode", agency.code));
            }
        }
        if (r.enabled() != null) {
            return setEnabled(a.username, r.enabled());
        }
        return StaffView.of(a);
    }

    /** Clears the account's sign-in waits (also for a username no account has: it may be under attack). */
    public int unlock(String username) {
        return auth.unlock(username);
    }

    public PageResponse<StaffView> list(PageParams page) {
        var q = StaffAccount.<StaffAccount>findAll(Sort.by("username"));
        return new PageResponse<>(
                q.page(page.page, page.size).list().stream().map(StaffView::of).toList(),
                page.page,
                page.size,
                q.count());
    }
}
