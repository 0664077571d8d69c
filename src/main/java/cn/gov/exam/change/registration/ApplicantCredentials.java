package cn.gov.exam.change.registration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;

/** The applicant's credential, as its owner writes it (imports set it; an administrator resets it). */
@ApplicationScoped
public class ApplicantCredentials {
    /** Package-visible for registration/ApplicantLookupTest, which checks its plan. */
    static final String RESET_SQL = """
            update applicant set password_hash = ?1, token_generation = token_generation + 1, updated_at = ?2
            where exam_id = ?3 and id_number = ?4 and %s
            returning token_generation""".formatted(ApplicantPersonalData.fullIdNumber("id_number"));

    @Inject
    EntityManager em;

    /**
     * Replaces the password hash of an exam's applicant and moves their token generation on, so that
     * every token issued before stops working; answers the new generation, or null when the exam
     * has no applicant of that ID number.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Long reset(long examId, String idNumber, String passwordHash, Instant now) {
        @SuppressWarnings("unchecked")
        List<Number> generation = em.createNativeQuery(RESET_SQL)
                .setParameter(1, passwordHash)
                .setParameter(2, now)
                .setParameter(3, examId)
                .setParameter(4, idNumber)
                .getResultList();
        return generation.isEmpty() ? null : generation.get(0).longValue();
    }
}
