package cn.gov.exam.change.auth;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An applicant's password reset by an administrator: the new password, shown this once. */
public record ApplicantPasswordReset(
        String idNumberMasked,

        @Schema(
                description = "the new password, shown once: the administrator tells it to the applicant, whose "
                        + "earlier tokens no longer work")
        String temporaryPassword) {}
