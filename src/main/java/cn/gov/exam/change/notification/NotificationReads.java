package cn.gov.exam.change.notification;

import cn.gov.exam.change.auth.ApplicantPrincipal;
import cn.gov.exam.change.common.AppClock;
import cn.gov.exam.change.common.credentials.IdNumbers;
import cn.gov.exam.change.common.credentials.Phones;
import cn.gov.exam.change.common.paging.PageParams;
import cn.gov.exam.change.common.paging.PageResponse;
import cn.gov.exam.change.common.problems.ProblemException;
import cn.gov.exam.change.common.sql.SqlValues;
import cn.gov.exam.change.notification.NotificationViews.Backlog;
import cn.gov.exam.change.notification.NotificationViews.KindCount;
import cn.gov.exam.change.notification.NotificationViews.MyNotification;
import cn.gov.exam.change.notification.NotificationViews.StaffNotification;
import cn.gov.exam.change.notification.NotificationViews.Summary;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** What applicants and staff read of the notifications; numbers are masked for staff. */
@ApplicationScoped
public class NotificationReads {
    /** The status page shows this many of the newest messages. */
    static final int MINE = 50;

    private static final String STATUS = "case when not n.sms then 'NO_MOBILE' else coalesce(d.status, 'PENDING') end";

    @Inject
    EntityManager em;

    @Inject
    AppClock clock;

    /** The applicant's messages, newest first; the token's generation checked as on every applicant read. */
    public List<MyNotification> mine(ApplicantPrincipal who) {
        long registrationId = who.registrationId();
        @SuppressWarnings("unchecked")
        List<Number> generation = em.createNativeQuery(
                        "select a.token_generation from registration r join applicant a on a.id = r.applicant_id where r.id = ?1")
                .setParameter(1, registrationId)
                .getResultList();
        if (generation.isEmpty()) {
            throw ProblemException.notFound("Your registration");
        }
        who.requireCurrent(generation.get(0).longValue());
        @SuppressWarnings("unchecked")
        List<Tuple> rows = em.createNativeQuery("""
                        select n.id, n.kind, n.text, n.created_at
                        from registration r join notification n on n.applicant_id = r.applicant_id and n.exam_id = r.exam_id
                        where r.id = ?1 order by n.created_at desc, n.id desc limit ?2""", Tuple.class)
                .setParameter(1, registrationId)
                .setParameter(2, MINE)
                .getResultList();
        return rows.stream()
                .map(t -> new MyNotification(
                        ((Number) t.get(0)).longValue(),
                        NotificationKind.valueOf((String) t.get(1)),
                        (String) t.get(2),
                        SqlValues.instant(t.get(3))))
                .toList();
    }

    public Summary summary(String examCode) {
        long examId = examId(examCode);
        @SuppressWarnings("unchecked")
        List<Tuple> rows = em.createNativeQuery(
                        "select n.kind, " + STATUS + ", count(*) from notification n"
                                + " left join webhook_delivery d on d.notification_id = n.id where n.exam_id = ?1"
                                + " group by 1, 2 order by 1, 2",
                        Tuple.class)
                .setParameter(1, examId)
                .getResultList();
        List<KindCount> counts = rows.stream()
                .map(t -> new KindCount(
                        NotificationKind.valueOf((String) t.get(0)),
                        (String) t.get(1),
                        ((Number) t.get(2)).longValue()))
                .toList();
        Object[] affected = (Object[]) em.createNativeQuery("""
                        select count(*), count(*) filter (where a.phone is null or a.phone !~ ?2)
                        from registration r join position p on p.id = r.position_id join applicant a on a.id = r.applicant_id
                        where r.exam_id = ?1 and p.status = 'CANCELLED' and r.fee_status in ('PAID', 'WAIVED')""")
                .setParameter(1, examId)
                .setParameter(2, NotificationSql.MOBILE)
                .getSingleResult();
        return new Summary(
                examCode, counts, ((Number) affected[0]).longValue(), ((Number) affected[1]).longValue(), backlog());
    }

    /**
     * The SMS backlog: pending messages and the age of the oldest, for the enabled gateway (a
     * message is anyone's until claimed; there is at most one gateway to claim it). For the lead's
     * metrics, and shown on the console's page.
     */
    public Backlog backlog() {
        Object[] row = (Object[]) em.createNativeQuery("""
                        select (select min(id) from webhook_subscription where enabled and purpose = 'NOTIFICATION'),
                               count(*), min(created_at)
                        from webhook_delivery where status = 'PENDING' and notification_id is not null""").getSingleResult();
        Instant oldest = SqlValues.instant(row[2]);
        return new Backlog(
                row[0] == null ? null : ((Number) row[0]).longValue(),
                ((Number) row[1]).longValue(),
                oldest == null
                        ? null
                        : Math.max(0, Duration.between(oldest, clock.now()).toSeconds()));
    }

    /** An exam's notifications, newest first, of one applicant (ID number) and/or of a status and kind. */
    public PageResponse<StaffNotification> list(
            String examCode, String idNumber, String status, String kind, PageParams page) {
        long examId = examId(examCode);
        StringBuilder where = new StringBuilder(" where n.exam_id = :exam");
        if (idNumber != null) {
            where.append(" and a.id_number = :idNumber");
        }
        if (status != null) {
            where.append(" and ").append(STATUS).append(" = :status");
        }
        if (kind != null) {
            where.append(" and n.kind = :kind");
        }
        String from = " from notification n join applicant a on a.id = n.applicant_id"
                + " left join webhook_delivery d on d.notification_id = n.id" + where;
        var q = em.createNativeQuery(
                        """
                        select n.id, n.kind, %s, a.name, a.id_number, a.phone, n.text, n.created_at,
                               case when d.status = 'PENDING' then d.next_attempt_at end,
                               (select count(*) from webhook_attempt t where t.delivery_id = d.id),
                               d.last_status_code, d.last_error""".formatted(STATUS)
                                + from + " order by n.created_at desc, n.id desc limit :limit offset :offset",
                        Tuple.class)
                .setParameter("limit", page.size)
                .setParameter("offset", page.offset());
        var count = em.createNativeQuery("select count(*)" + from);
        for (var query : List.of(q, count)) {
            query.setParameter("exam", examId);
            if (idNumber != null) {
                query.setParameter("idNumber", idNumber);
            }
            if (status != null) {
                query.setParameter("status", status);
            }
            if (kind != null) {
                query.setParameter("kind", kind);
            }
        }
        @SuppressWarnings("unchecked")
        List<Tuple> rows = q.getResultList();
        List<StaffNotification> items = new ArrayList<>();
        for (Tuple t : rows) {
            items.add(staffView(t));
        }
        return new PageResponse<>(items, page.page, page.size, ((Number) count.getSingleResult()).longValue());
    }

    /** One notification as staff see it (404 when it is not of the exam). */
    public StaffNotification one(long id) {
        @SuppressWarnings("unchecked")
        List<Tuple> rows = em.createNativeQuery("""
                        select n.id, n.kind, %s, a.name, a.id_number, a.phone, n.text, n.created_at,
                               case when d.status = 'PENDING' then d.next_attempt_at end,
                               (select count(*) from webhook_attempt t where t.delivery_id = d.id),
                               d.last_status_code, d.last_error
                        from notification n join applicant a on a.id = n.applicant_id
                        left join webhook_delivery d on d.notification_id = n.id where n.id = ?1""".formatted(STATUS), Tuple.class)
                .setParameter(1, id)
                .getResultList();
        if (rows.isEmpty()) {
            throw ProblemException.notFound("Notification " + id);
        }
        return staffView(rows.get(0));
    }

    private static StaffNotification staffView(Tuple t) {
        return new StaffNotification(
                ((Number) t.get(0)).longValue(),
                NotificationKind.valueOf((String) t.get(1)),
                (String) t.get(2),
                (String) t.get(3),
                IdNumbers.mask((String) t.get(4)),
                Phones.mask((String) t.get(5)),
                (String) t.get(6),
                SqlValues.instant(t.get(7)),
                SqlValues.instant(t.get(8)),
                ((Number) t.get(9)).intValue(),
                t.get(10) == null ? null : ((Number) t.get(10)).intValue(),
                (String) t.get(11));
    }

    private long examId(String examCode) {
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery("select id from exam where code = ?1")
                .setParameter(1, examCode)
                .getResultList();
        if (ids.isEmpty()) {
            throw ProblemException.notFound("Exam " + examCode);
        }
        return ids.get(0).longValue();
    }
}
