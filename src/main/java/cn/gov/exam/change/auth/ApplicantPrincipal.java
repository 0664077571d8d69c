package cn.gov.exam.change.auth;

import cn.gov.exam.change.common.ProblemException;
import cn.gov.exam.change.common.ProblemType;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Who an applicant token speaks for: one registration of one exam. */
public record ApplicantPrincipal(long registrationId, String examCode, String actor) {
    public static final String REGISTRATION_CLAIM = "registration";
    public static final String EXAM_CLAIM = "exam";

    public static ApplicantPrincipal of(JsonWebToken jwt) {
        Object registration = jwt.getClaim(REGISTRATION_CLAIM);
        Object exam = jwt.getClaim(EXAM_CLAIM);
        if (registration == null || exam == null) {
            throw new ProblemException(ProblemType.FORBIDDEN, "This token is not an applicant's token");
        }
        long id = registration instanceof Number n ? n.longValue() : Long.parseLong(registration.toString());
        return new ApplicantPrincipal(id, exam.toString(), jwt.getName());
    }

    public static String actorName(long registrationId) {
        return "applicant-" + registrationId;
    }
}
