package cn.gov.exam.change.notification;

import java.util.Map;

/**
 * The SMS texts, the one place they are written: the same text goes to the gateway and to the
 * applicant's status page. Each is a {@code format} template that the database fills for every
 * recipient at once (PostgreSQL's {@code format()}): %1$s the exam's SMS signature, %2$s the
 * position code, %3$s the switch deadline in the exam's time zone ({@code 1月16日12:00}), %4$s the
 * help contact, %5$s and %6$s the kind's own (a reason; an amount and a payment channel).
 */
final class NotificationTexts {
    private NotificationTexts() {}

    /** An SMS is at most this long (the database column too: longer texts are cut, see {@link #MAX_REASON}). */
    static final int MAX_LENGTH = 140;

    /** A rejection's reason is cut to this many characters, so that the text stays within one SMS. */
    static final int MAX_REASON = 20;

    private static final Map<NotificationKind, String> TEMPLATES = Map.of(
            NotificationKind.POSITION_CANCELLED,
            "【%1$s】您报考的职位%2$s因未达到开考比例已取消。请于%3$s前登录报名系统改报其他职位或申请退费。咨询：%4$s",
            NotificationKind.DEADLINE_REMINDER,
            "【%1$s】提醒：您报考的职位%2$s已取消，您尚未改报或申请退费，改报将于%3$s截止。咨询：%4$s",
            NotificationKind.SWITCH_RECEIVED,
            "【%1$s】您改报职位%2$s的申请已提交，正等待招录机关审核，结果将以短信告知。咨询：%4$s",
            NotificationKind.REVIEW_APPROVED,
            "【%1$s】您改报职位%2$s的申请已通过资格审核。咨询：%4$s",
            NotificationKind.REFUND_QUEUED,
            "【%1$s】您报考职位%2$s的报名费%5$s元已申请退还至原%6$s账户，请留意到账。咨询：%4$s",
            NotificationKind.REFUND_SUCCEEDED,
            "【%1$s】您报考职位%2$s的报名费%5$s元已退还至原%6$s账户。咨询：%4$s",
            NotificationKind.REFUND_FAILED,
            "【%1$s】您报考职位%2$s的报名费%5$s元退还未成功，请致电%4$s处理。");

    private static final String REJECTED_SWITCH_LEFT = "【%1$s】您改报职位%2$s的申请未通过资格审核，原因：%5$s。您可于%3$s前再改报其他职位。咨询：%4$s";
    private static final String REJECTED_NONE_LEFT = "【%1$s】您改报职位%2$s的申请未通过资格审核，原因：%5$s。您已无改报机会，已缴报名费将退还。咨询：%4$s";

    static String template(NotificationKind kind) {
        return TEMPLATES.get(kind);
    }

    static String rejected(boolean switchLeft) {
        return switchLeft ? REJECTED_SWITCH_LEFT : REJECTED_NONE_LEFT;
    }

    /** The payment channels as applicants know them (SQL, for the refund texts' %6$s). */
    static final String CHANNEL_NAME =
            "case f.channel when 'ALIPAY' then '支付宝' when 'WECHAT' then '微信支付' else '银联' end";

    /** A reason cut to {@link #MAX_REASON} characters. */
    static String reason(String reason) {
        String r = reason == null ? "" : reason.strip();
        return r.codePointCount(0, r.length()) <= MAX_REASON
                ? r
                : r.substring(0, r.offsetByCodePoints(0, MAX_REASON - 1)) + "…";
    }
}
