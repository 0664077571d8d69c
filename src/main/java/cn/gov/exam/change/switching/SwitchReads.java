package cn.gov.exam.change.switching;

import cn.gov.exam.change.auth.ApplicantPrincipal;
import cn.gov.exam.change.common.AppConfig;
import cn.gov.exam.change.common.credentials.IdNumbers;
import cn.gov.exam.change.common.paging.PageParams;
import cn.gov.exam.change.common.problems.ProblemException;
import cn.gov.exam.change.exam.Exam;
import cn.gov.exam.change.position.PositionSearch;
import cn.gov.exam.change.position.PositionService;
import cn.gov.exam.change.registration.Applicant;
import cn.gov.exam.change.registration.Registration;
import cn.gov.exam.change.switching.SwitchViews.Me;
import cn.gov.exam.change.switching.SwitchViews.PositionRef;
import cn.gov.exam.change.switching.SwitchViews.SwitchOption;
import cn.gov.exam.change.switching.SwitchViews.SwitchView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** What an applicant reads of their switching: their status and the positions they may switch to. */
@ApplicationScoped
public class SwitchReads {
    @Inject
    EntityManager em;

    @Inject
    PublishedPositions positions;

    @Inject
    PositionService positionService;

    @Inject
    AppConfig config;

    /** The applicant's registration and switches, with their refund and receipts as their owners show them. */
    @Transactional
    public Me me(
            ApplicantPrincipal who,
            SwitchViews.RefundRef refund,
            java.util.List<cn.gov.exam.change.receipt.ReceiptViews.ReceiptRef> receipts) {
        Registration r = registration(who);
        Exam exam = Exam.findById(r.examId);
        Applicant a = r.applicant;
        ZoneId zone = ZoneId.of(exam.timeZone);
        PublishedPositions.Entry original = positions.of(exam.id).byId().get(r.positionId);
        List<PositionSwitch> switches = PositionSwitch.ofRegistration(r.id);
        SwitchView current = switches.isEmpty() ? null : view(switches.get(0), exam);
        var byId = positions.of(exam.id).byId();
        List<String> rejected = SwitchRules.rejectedTargets(switches).stream()
                .map(id -> byId.get(id).code())
                .sorted()
                .toList();
        return new Me(
                IdNumbers.mask(a.idNumber),
                a.name,
                exam.code,
                exam.timeZone,
                new PositionRef(original.code(), original.title(), original.agencyName(), original.status()),
                exam.switchWindowOpensAt.atZone(zone).toOffsetDateTime(),
                exam.switchDeadline.atZone(zone).toOffsetDateTime(),
                SwitchRules.switchesLeft(exam, switches),
                current,
                refund,
                r.feeStatus.name(),
                exam.reviewDeadline.atZone(zone).toOffsetDateTime(),
                exam.maxSwitches,
                exam.helpContactOr(config.helpContact()),
                rejected,
                receipts);
    }

    @Transactional
    public SwitchViews.Options options(
            ApplicantPrincipal who, PositionSearch search, boolean qualifiedOnly, PageParams page) {
        Registration r = registration(who);
        Exam exam = Exam.findById(r.examId);
        Precheck.Facts facts = SwitchRules.facts(r.applicant);
        LocalDate ageDate = SwitchRules.ageDate(exam);
        Set<Long> found =
                search.q() == null && search.agency() == null ? null : positionService.matching(exam.id, search);
        Set<Long> rejected = SwitchRules.rejectedTargets(PositionSwitch.ofRegistration(r.id));
        PublishedPositions.Catalogue catalogue = positions.of(exam.id);
        // The deadline rush asks this of every position for every applicant: one precheck per set of
        // requirements, and options made for the page only.
        Precheck[] prechecks = new Precheck[catalogue.requirementSets().size()];
        List<PublishedPositions.Entry> entries = catalogue.inCodeOrder();
        List<SwitchOption> items = new ArrayList<>();
        long total = 0;
        long hidden = 0;
        for (int i = 0; i < entries.size(); i++) {
            PublishedPositions.Entry p = entries.get(i);
            if (!SwitchRules.offered(p, r.positionId, rejected) || (found != null && !found.contains(p.id()))) {
                continue;
            }
            int set = catalogue.requirementSetOf()[i];
            if (prechecks[set] == null) {
                prechecks[set] = Precheck.of(facts, catalogue.requirementSets().get(set), ageDate);
            }
            Precheck precheck = prechecks[set];
            if (qualifiedOnly && precheck.result() == PrecheckResult.FAIL) {
                hidden++;
                continue;
            }
            if (total >= page.offset() && items.size() < page.size) {
                items.add(new SwitchOption(
                        p.code(),
                        p.agencyCode(),
                        p.agencyName(),
                        p.employer(),
                        p.title(),
                        p.quota(),
                        p.status(),
                        p.requirements(),
                        precheck));
            }
            total++;
        }
        return new SwitchViews.Options(items, page.page, page.size, total, hidden);
    }

    private Registration registration(ApplicantPrincipal who) {
        Registration r = em.createQuery(
                        "select r from Registration r join fetch r.applicant where r.id = :id", Registration.class)
                .setParameter("id", who.registrationId())
                .getResultStream()
                .findFirst()
                .orElse(null);
        if (r == null) {
            throw ProblemException.notFound("Your registration");
        }
        who.requireCurrent(r.applicant.tokenGeneration);
        return r;
    }

    private SwitchView view(PositionSwitch s, Exam exam) {
        PublishedPositions.Entry target = positions.of(exam.id).byId().get(s.targetPositionId);
        return new SwitchView(
                s.id,
                target.code(),
                target.title(),
                target.agencyName(),
                s.status,
                s.storedPrecheck(),
                s.reason,
                s.decidedAt,
                s.createdAt);
    }
}
