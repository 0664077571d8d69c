package cn.gov.exam.change.me;

import cn.gov.exam.change.auth.ApplicantPrincipal;
import cn.gov.exam.change.receipt.ReceiptReads;
import cn.gov.exam.change.refund.RefundReads;
import cn.gov.exam.change.switching.SwitchReads;
import cn.gov.exam.change.switching.SwitchViews.Me;
import cn.gov.exam.change.switching.SwitchViews.RefundRef;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * The applicant's own page, composed above switching and refunds: refunds depend on switching
 * (a refund is owed for the switch that did not happen), so switching may not ask refunds.
 */
@ApplicationScoped
public class MeService {
    @Inject
    SwitchReads switches;

    @Inject
    RefundReads refunds;

    @Inject
    ReceiptReads receipts;

    @Transactional
    public Me me(ApplicantPrincipal who) {
        RefundRef refund = refunds.ofRegistration(who.registrationId())
                .map(f -> new RefundRef(
                        f.status.name(),
                        f.amount.setScale(2).toPlainString(),
                        f.reason.name(),
                        f.channel,
                        f.id,
                        f.failureReason,
                        f.createdAt,
                        f.updatedAt))
                .orElse(null);
        return switches.me(who, refund, receipts.listOf(who.registrationId()));
    }
}
