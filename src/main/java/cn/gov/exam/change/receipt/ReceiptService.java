package cn.gov.exam.change.receipt;

import cn.gov.exam.change.agency.Agency;
import cn.gov.exam.change.auth.SignInThrottle;
import cn.gov.exam.change.common.AppConfig;
import cn.gov.exam.change.common.credentials.Roles;
import cn.gov.exam.change.common.problems.ProblemException;
import cn.gov.exam.change.common.problems.ProblemType;
import cn.gov.exam.change.receipt.LookupCounts.Outcome;
import cn.gov.exam.change.receipt.ReceiptViews.Receipt;
import cn.gov.exam.change.receipt.ReceiptViews.StaffReceipt;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Looking receipts up: by anyone (masked, throttled per client address, counted per hour), by the
 * applicant (their own), by staff (the full record; a reviewer only for their agency's positions).
 */
@ApplicationScoped
public class ReceiptService {
    /** The throttle's realm: failures are counted per client address across every code. */
    static final String REALM = "receipt-lookup";

    @Inject
    SignInThrottle throttle;

    @Inject
    LookupCounts counts;

    @Inject
    ReceiptReads reads;

    @Inject
    AppConfig config;

    @Inject
    SecurityIdentity identity;

    @Inject
    JsonWebToken jwt;

    /**
     * A public lookup. A client that has sent too many unknown codes waits (429) whatever it sends;
     * an unknown code counts towards that wait, a mistyped one (its check character fails) does not,
     * as it tells nothing about which codes exist. The answer is masked.
     */
    public Receipt lookup(String typed) {
        SignInThrottle.Attempt attempt = throttle.lookup(REALM, "receipt");
        try {
            throttle.check(attempt);
        } catch (ProblemException e) {
            counts.add(Outcome.THROTTLED);
            throw e;
        }
        Optional<String> code = ReceiptCodes.parse(typed);
        if (code.isEmpty()) {
            counts.add(Outcome.INVALID);
            throw invalid();
        }
        Optional<ReceiptReads.Row> row = reads.byCode(code.get());
        if (row.isEmpty()) {
            counts.add(Outcome.NOT_FOUND);
            throttle.failed(attempt);
            throw notFound();
        }
        counts.add(Outcome.FOUND);
        return ReceiptReads.forThePublic(row.get().receipt());
    }

    /** The applicant's own receipt, with their name in full (the print page). */
    public Receipt mine(long registrationId, String typed) {
        String code = ReceiptCodes.parse(typed).orElseThrow(ReceiptService::invalid);
        return reads.ofRegistration(registrationId, code).orElseThrow(ReceiptService::notFound);
    }

    /**
     * The full record behind a code, for staff: an administrator sees every receipt, a reviewer those
     * whose original or target position is their agency's (others' are "not found").
     */
    public StaffReceipt staff(String typed) {
        String code = ReceiptCodes.parse(typed).orElseThrow(ReceiptService::invalid);
        ReceiptReads.Row row = reads.byCode(code).orElseThrow(ReceiptService::notFound);
        if (!identity.hasRole(Roles.ADMIN)) {
            Object claim = jwt.getClaim("agency");
            String agency = claim == null ? null : Agency.canonical(claim.toString());
            if (agency == null
                    || !(agency.equals(Agency.canonical(row.originalAgency()))
                            || agency.equals(Agency.canonical(row.targetAgency())))) {
                throw notFound();
            }
        }
        return reads.staff(row);
    }

    /** The verification URL of a well-formed code, as its QR code encodes it. */
    public String verifyUrl(String typed, URI requestBase) {
        String code = ReceiptCodes.parse(typed).orElseThrow(ReceiptService::invalid);
        String base = config.receipts()
                .publicUrl()
                .map(u -> u.replaceAll("/+$", ""))
                .orElseGet(() -> requestBase.getScheme() + "://" + requestBase.getRawAuthority());
        return base + "/verify?code=" + ReceiptCodes.display(code);
    }

    /** The QR code of {@link #verifyUrl}, as SVG. */
    public String qrSvg(String typed, URI requestBase) {
        return QrCodes.svg(verifyUrl(typed, requestBase));
    }

    private static ProblemException invalid() {
        return new ProblemException(
                ProblemType.RECEIPT_CODE_INVALID,
                "A receipt code is 16 characters (XXXX-XXXX-XXXX-XXXX) whose last is a check character; "
                        + "this one does not check: a character is mistyped");
    }

    private static ProblemException notFound() {
        return new ProblemException(ProblemType.RECEIPT_NOT_FOUND, "No receipt has this code");
    }
}
