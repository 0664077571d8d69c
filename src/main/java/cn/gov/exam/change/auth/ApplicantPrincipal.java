package cn.gov.exam.change.auth;

import cn.gov.exam.change.common.problems.ProblemException;
import cn.gov.exam.change.common.problems.ProblemType;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who an applicant token speaks for: one registration of one exam. tokenGeneration: the applicant's
 * token generation when the token was issued (0 in tokens of old); the reads of the applicant's
 * own row compare it with the current one, which a password reset moves on.
 */
public record ApplicantPrincipal(long registrationId, String examCode, String actor, long tokenGeneration) {
    public static final String REGISTRATION_CLAIM = "registration";
    public static final String EXAM_CLAIM = "exam";
    public static final String GENERATION_CLAIM = "gen";

    public static ApplicantPrincipal of(JsonWebToken jwt) {
        Object registration = jwt.getClaim(REGISTRATION_CLAIM);
        Object exam = jwt.getClaim(EXAM_CLAIM);
        if (registration == null || exam == null) {
            throw new ProblemException(ProblemType.FORBIDDEN, "This token is not an applicant's token");
        }
        long id = registration instanceof Number n ? n.longValue() : Long.parseLong(registration.toString());
        Object gen = jwt.getClaim(GENERATION_CLAIM);
        long generation = gen == null ? 0 : gen instanceof Number n ? n.longValue() : Long.parseLong(gen.toString());
        return new ApplicantPrincipal(id, exam.toString(), jwt.getName(), generation);
    }

    /**
     * Refuses a token issued before the applicant's password was reset (the applicant row's
     * current generation given): 401, as for an expired token, so that the client signs in again.
     */
    public void requireCurrent(long currentGeneration) {
        if (currentGeneration != tokenGeneration) {
            throw new ProblemException(
                    ProblemType.UNAUTHORIZED,
                    "This token was issued before the password was reset: please sign in again");
        }
    }

    public static String actorName(long registrationId) {
        return "applicant-" + registrationId;
    }
}
