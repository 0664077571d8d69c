package cn.gov.exam.change.notification;

import cn.gov.exam.change.webhook.Outbox;

/**
 * The one statement that makes notifications: for the recipients a kind's {@code src} query
 * selects, it inserts each applicant's notification unless it exists already (the notification_once
 * key: exactly once per applicant, kind and occurrence, whatever the retries and instances) and, for
 * those with a mainland mobile number, the SMS in the outbox, both in the caller's transaction;
 * when it wrote an SMS, it wakes the dispatchers at commit ({@code pg_notify}).
 * 50,000 recipients are one round trip. Parameters are named once each in {@code p} (so that the
 * statement binds the same by JDBC's {@code ?} and the reactive client's {@code $n}).
 */
final class NotificationSql {
    private NotificationSql() {}

    /** A mainland mobile number: 11 digits beginning with 1. */
    static final String MOBILE = "^1[0-9]{10}$";

    private static final String STATEMENT = """
            with p as (select $1::text as kind, $2::text as template, $3::text as signature, $4::text as help,
                              $5::timestamptz as created_at, $6::text as stamp, $7::timestamptz as not_before,
                              $8::bigint as k1, $9::bigint[] as ids, $10::text as a1, $11::text as a2),
            src as (%s),
            n as (
                insert into notification (exam_id, applicant_id, kind, occurrence, sms, text, created_at)
                select s.exam_id, s.applicant_id, p.kind, s.occurrence, coalesce(a.phone ~ '%s', false),
                       left(format(p.template, coalesce(e.sms_signature, p.signature), s.position_code,
                                   to_char(e.switch_deadline at time zone e.time_zone, 'FMMM"月"FMDD"日"HH24:MI'),
                                   coalesce(e.help_contact, p.help), s.a1, s.a2), %d),
                       p.created_at
                from src s cross join p join exam e on e.id = s.exam_id join applicant a on a.id = s.applicant_id
                order by s.applicant_id
                on conflict on constraint notification_once do nothing
                returning id, exam_id, applicant_id, kind, text, sms
            ),
            sms as (
                select n.id as notification_id, e.code as exam_code, n.kind, a.phone as mobile, n.text, p.stamp,
                       p.created_at, p.not_before
                from n cross join p join exam e on e.id = n.exam_id join applicant a on a.id = n.applicant_id
                where n.sms
            ),
            d as (%s returning notification_id)
            select (select count(*) from n) as created, c.sms, (case when c.sms > 0 then %s end) is null as unwoken
            from (select count(*) as sms from d) c""";

    /** Confirmed applicants (paid or waived) of the exam's cancelled positions; occurrence: the position. */
    static final String CANCELLED = """
            select r.exam_id, r.applicant_id, pos.id::text as occurrence, pos.code as position_code,
                   null::text as a1, null::text as a2
            from p, registration r join position pos on pos.id = r.position_id
            where r.exam_id = p.k1 and pos.status = 'CANCELLED' and r.fee_status in ('PAID', 'WAIVED')""";

    /** Of those, who have neither a pending or approved switch nor a refund (declined); occurrence: the offset. */
    static final String REMINDED = CANCELLED.replace("pos.id::text as occurrence", "p.a1 as occurrence") + """

              and not exists (select 1 from position_switch s where s.registration_id = r.id
                              and s.status in ('PENDING', 'APPROVED'))
              and not exists (select 1 from refund f where f.registration_id = r.id)""";

    /** The applicant of a switch, its target position; occurrence: the switch. */
    static final String SWITCH = """
            select s.exam_id, r.applicant_id, s.id::text as occurrence, tp.code as position_code,
                   p.a1 as a1, null::text as a2
            from p, position_switch s join registration r on r.id = s.registration_id
                 join position tp on tp.id = s.target_position_id
            where s.id = p.k1""";

    /** The applicants of refunds, their original positions, amounts and channels; occurrence: the refund. */
    static final String REFUNDS = """
            select f.exam_id, r.applicant_id, f.id::text as occurrence, pos.code as position_code,
                   f.amount::text as a1, %s as a2
            from p, refund f join registration r on r.id = f.registration_id
                 join position pos on pos.id = r.position_id
            where f.id = any(p.ids)""".formatted(NotificationTexts.CHANNEL_NAME);

    /** The statement for these recipients, with {@code $n} placeholders. */
    static String statement(String src) {
        return STATEMENT.formatted(src, MOBILE, NotificationTexts.MAX_LENGTH, Outbox.SMS_DELIVERIES, Outbox.WAKE);
    }

    /** The same with JDBC's {@code ?} (each parameter appears once, in order). */
    static String jdbc(String src) {
        return statement(src).replaceAll("\\$\\d+", "?");
    }
}
