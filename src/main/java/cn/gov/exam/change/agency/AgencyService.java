package cn.gov.exam.change.agency;

import cn.gov.exam.change.agency.AgencyViews.AgencyRenamed;
import cn.gov.exam.change.agency.AgencyViews.AgencyRequest;
import cn.gov.exam.change.agency.AgencyViews.AgencyView;
import cn.gov.exam.change.audit.AuditService;
import cn.gov.exam.change.common.AppClock;
import cn.gov.exam.change.common.http.InputRules;
import cn.gov.exam.change.common.paging.PageParams;
import cn.gov.exam.change.common.paging.PageResponse;
import cn.gov.exam.change.common.problems.ProblemException;
import cn.gov.exam.change.common.problems.ProblemType;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The registry of recruiting agencies. Filled by positions imports (a new code with its name) and
 * kept by administrators; reviewer accounts name one of its agencies.
 */
@ApplicationScoped
public class AgencyService {
    @Inject
    EntityManager em;

    @Inject
    AppClock clock;

    @Inject
    AuditService audit;

    @Inject
    Event<AgencyRenamed> renamed;

    public PageResponse<AgencyView> list(String q, PageParams page) {
        String text = q == null || q.isBlank() ? null : q.trim().toLowerCase(Locale.ROOT);
        var query = text == null
                ? Agency.<Agency>findAll(Sort.by("code"))
                : Agency.<Agency>find(
                        "lower(code) like :q or lower(name) like :q",
                        Sort.by("code"),
                        Parameters.with(
                                "q",
                                "%"
                                        + text.replace("\\", "\\\\")
                                                .replace("%", "\\%")
                                                .replace("_", "\\_") + "%"));
        return new PageResponse<>(
                query.page(page.page, page.size).list().stream()
                        .map(AgencyView::of)
                        .toList(),
                page.page,
                page.size,
                query.count());
    }

    @Transactional
    public AgencyView create(AgencyRequest r) {
        String code = Agency.canonical(r.code());
        String name = r.name().trim();
        checkText(name);
        if (Agency.findById(code) != null) {
            throw new ProblemException(ProblemType.ALREADY_EXISTS, "Agency " + code + " is in the registry already");
        }
        Agency a = new Agency();
        a.code = code;
        a.name = name;
        a.createdAt = clock.now();
        a.updatedAt = a.createdAt;
        a.persist();
        audit.record("agency.created", "agency", code, null, null, Map.of("name", name));
        return AgencyView.of(a);
    }

    /** Renames an agency; its positions in every exam take the new name in the same transaction. */
    @Transactional
    public AgencyView rename(String code, String newName) {
        String name = newName.trim();
        checkText(name);
        Agency a = em.find(Agency.class, Agency.canonical(code), LockModeType.PESSIMISTIC_WRITE);
        if (a == null) {
            throw ProblemException.notFound("Agency " + code);
        }
        if (!a.name.equals(name)) {
            String before = a.name;
            a.name = name;
            a.updatedAt = clock.now();
            renamed.fire(new AgencyRenamed(a.code, name));
            audit.record("agency.renamed", "agency", a.code, null, Map.of("name", before), Map.of("name", name));
        }
        return AgencyView.of(a);
    }

    private static void checkText(String name) {
        if (name.isEmpty()) {
            throw ProblemException.invalid("name", "is required");
        }
        if (InputRules.unsafeText(name)) {
            throw ProblemException.invalid("name", InputRules.UNSAFE_TEXT);
        }
    }

    /**
     * Adds the codes of an import that the registry does not know, with their names, and answers
     * the registry's name of every code given (new or known), so that the caller can refuse the rows
     * that name a known code under another name. Runs in the caller's (import) transaction: an
     * import refused afterwards adds nothing. Codes must be canonical.
     */
    public Map<String, String> register(Map<String, String> namesByCode) {
        if (namesByCode.isEmpty()) {
            return Map.of();
        }
        String[] codes = namesByCode.keySet().toArray(String[]::new);
        String[] names = namesByCode.values().toArray(String[]::new);
        Timestamp now = Timestamp.from(clock.now());
        em.createNativeQuery("""
                        insert into agency (code, name, created_at, updated_at)
                        select c, n, ?3, ?3 from unnest(cast(?1 as varchar[]), cast(?2 as varchar[])) as t(c, n)
                        on conflict (code) do nothing""")
                .setParameter(1, codes)
                .setParameter(2, names)
                .setParameter(3, now)
                .executeUpdate();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "select code, name from agency where code = any(cast(?1 as varchar[]))" + " for key share")
                .setParameter(1, codes)
                .getResultList();
        Map<String, String> out = new HashMap<>();
        for (Object[] row : rows) {
            out.put((String) row[0], (String) row[1]);
        }
        return out;
    }
}
