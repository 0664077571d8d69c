package cn.gov.exam.change.receipt;

import cn.gov.exam.change.common.credentials.IdNumbers;
import cn.gov.exam.change.common.sql.SqlValues;
import cn.gov.exam.change.receipt.ReceiptViews.HistoryEntry;
import cn.gov.exam.change.receipt.ReceiptViews.Receipt;
import cn.gov.exam.change.receipt.ReceiptViews.ReceiptPosition;
import cn.gov.exam.change.receipt.ReceiptViews.ReceiptRef;
import cn.gov.exam.change.receipt.ReceiptViews.ReceiptRefund;
import cn.gov.exam.change.receipt.ReceiptViews.StaffReceipt;
import cn.gov.exam.change.receipt.ReceiptViews.SupersededBy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * Reads receipts with what they say: the exam, the applicant, the positions and the refund, read
 * from their owners' tables (read only), and whether a later receipt about the same switch or
 * refund supersedes it.
 */
@ApplicationScoped
public class ReceiptReads {
    @Inject
    EntityManager em;

    /** A receipt's row and what it joins, as {@link #byCode} reads it. */
    record Row(Receipt receipt, String fullName, String originalAgency, String targetAgency, StaffReceipt staff) {}

    private static final String SELECT = """
            select r.code, r.kind, r.decision, r.issued_at, e.code, e.name, e.time_zone, a.name, a.id_number,
                   op.code, op.title, op.agency_name, op.employer, op.agency_code,
                   tp.code, tp.title, tp.agency_name, tp.employer, tp.agency_code,
                   f.amount, f.currency, f.reason,
                   nx.kind, nx.decision, nx.issued_at,
                   r.registration_id, r.switch_id, s.status, s.reviewer, s.reason, s.late_decision,
                   r.refund_id, f.status, f.channel
            from receipt r
            join exam e on e.id = r.exam_id
            join registration g on g.id = r.registration_id
            join applicant a on a.id = g.applicant_id
            left join position_switch s on s.id = r.switch_id
            left join refund f on f.id = r.refund_id
            join position op on op.id = coalesce(s.from_position_id, g.position_id)
            left join position tp on tp.id = s.target_position_id
            left join lateral (
                select n.kind, n.decision, n.issued_at from receipt n
                where (n.switch_id = r.switch_id or n.refund_id = r.refund_id)
                  and (n.issued_at, n.id) > (r.issued_at, r.id)
                order by n.issued_at desc, n.id desc limit 1) nx on true
            """;

    /** The receipt of a code (its stored form), with the applicant's full name beside the masked one. */
    @Transactional
    public Optional<Row> byCode(String code) {
        @SuppressWarnings("unchecked")
        List<Tuple> rows = em.createNativeQuery(SELECT + "where r.code = ?1", Tuple.class)
                .setParameter(1, code)
                .getResultList();
        return rows.isEmpty() ? Optional.empty() : Optional.of(row(rows.get(0)));
    }

    /** The receipt of a code if it is one of this registration's (the applicant's own, name in full). */
    @Transactional
    public Optional<Receipt> ofRegistration(long registrationId, String code) {
        @SuppressWarnings("unchecked")
        List<Tuple> rows = em.createNativeQuery(SELECT + "where r.code = ?1 and r.registration_id = ?2", Tuple.class)
                .setParameter(1, code)
                .setParameter(2, registrationId)
                .getResultList();
        return rows.isEmpty()
                ? Optional.empty()
                : Optional.of(withName(row(rows.get(0)))).map(Row::receipt);
    }

    /** The applicant's receipts, oldest first. */
    @Transactional
    public List<ReceiptRef> listOf(long registrationId) {
        return history(registrationId).stream()
                .map(h -> new ReceiptRef(h.kind(), h.code(), h.issuedAt()))
                .toList();
    }

    private List<HistoryEntry> history(long registrationId) {
        @SuppressWarnings("unchecked")
        List<Tuple> rows = em.createNativeQuery("""
                        select r.code, r.kind, r.decision, r.issued_at, e.time_zone
                        from receipt r join exam e on e.id = r.exam_id
                        where r.registration_id = ?1 order by r.issued_at, r.id""", Tuple.class)
                .setParameter(1, registrationId)
                .getResultList();
        return rows.stream()
                .map(t -> new HistoryEntry(
                        ReceiptCodes.display(((String) t.get(0)).trim()),
                        ReceiptKind.valueOf((String) t.get(1)),
                        (String) t.get(2),
                        at(t.get(3), (String) t.get(4))))
                .toList();
    }

    /**
     * The public's answer: the ID number down to its first and last four characters (1408**********1447),
     * as the province alone is no one's business who holds the code.
     */
    static Receipt forThePublic(Receipt r) {
        return withPerson(r, r.applicantName(), IdNumbers.maskForPublic(r.idNumberMasked()));
    }

    /** The same receipt with the applicant's name in full (for the applicant and staff). */
    static Row withName(Row row) {
        Receipt named = withPerson(row.receipt(), row.fullName(), row.receipt().idNumberMasked());
        return new Row(named, row.fullName(), row.originalAgency(), row.targetAgency(), row.staff());
    }

    /** The receipt as it is, but for whom it names and how. */
    private static Receipt withPerson(Receipt r, String applicantName, String idNumberMasked) {
        return new Receipt(
                r.code(),
                r.kind(),
                r.decision(),
                r.issuedAt(),
                r.examCode(),
                r.examName(),
                r.timeZone(),
                applicantName,
                idNumberMasked,
                r.originalPosition(),
                r.targetPosition(),
                r.refund(),
                r.current(),
                r.supersededBy());
    }

    /** The full record for staff (the name in full, the ID number masked as everywhere staff read it). */
    StaffReceipt staff(Row row) {
        Row named = withName(row);
        StaffReceipt s = row.staff();
        return new StaffReceipt(
                named.receipt(),
                s.registrationId(),
                s.switchId(),
                s.switchStatus(),
                s.reviewer(),
                s.reason(),
                s.lateDecision(),
                s.refundId(),
                s.refundStatus(),
                s.channel(),
                history(s.registrationId()));
    }

    private static Row row(Tuple t) {
        String zone = (String) t.get(6);
        String fullName = (String) t.get(7);
        ReceiptPosition target = t.get(14) == null
                ? null
                : new ReceiptPosition((String) t.get(14), (String) t.get(15), (String) t.get(16), (String) t.get(17));
        ReceiptRefund refund = t.get(19) == null
                ? null
                : new ReceiptRefund(
                        ((BigDecimal) t.get(19)).setScale(2).toPlainString(), (String) t.get(20), (String) t.get(21));
        SupersededBy next = t.get(22) == null
                ? null
                : new SupersededBy(ReceiptKind.valueOf((String) t.get(22)), (String) t.get(23), at(t.get(24), zone));
        Receipt receipt = new Receipt(
                ReceiptCodes.display(((String) t.get(0)).trim()),
                ReceiptKind.valueOf((String) t.get(1)),
                (String) t.get(2),
                at(t.get(3), zone),
                (String) t.get(4),
                (String) t.get(5),
                zone,
                maskName(fullName),
                IdNumbers.mask((String) t.get(8)),
                new ReceiptPosition((String) t.get(9), (String) t.get(10), (String) t.get(11), (String) t.get(12)),
                target,
                refund,
                next == null,
                next);
        StaffReceipt staff = new StaffReceipt(
                receipt,
                ((Number) t.get(25)).longValue(),
                t.get(26) == null ? null : ((Number) t.get(26)).longValue(),
                (String) t.get(27),
                (String) t.get(28),
                (String) t.get(29),
                (Boolean) t.get(30),
                t.get(31) == null ? null : ((Number) t.get(31)).longValue(),
                (String) t.get(32),
                (String) t.get(33),
                List.of());
        return new Row(receipt, fullName, (String) t.get(13), (String) t.get(18), staff);
    }

    private static OffsetDateTime at(Object instant, String zone) {
        return SqlValues.instant(instant).atZone(ZoneId.of(zone)).toOffsetDateTime();
    }

    /** The family name and a star for each further character: 张三 → 张*, 欧阳娜娜 → 欧***. */
    static String maskName(String name) {
        if (name == null || name.isBlank()) {
            return "*";
        }
        int[] cps = name.strip().codePoints().toArray();
        return new String(cps, 0, 1) + "*".repeat(Math.max(1, cps.length - 1));
    }
}
