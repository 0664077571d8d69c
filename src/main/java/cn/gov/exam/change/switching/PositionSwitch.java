package cn.gov.exam.change.switching;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One switch of a registration from its cancelled position to another, and its review. */
@Entity
@Table(name = "position_switch")
public class PositionSwitch extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "exam_id")
    public Long examId;

    @Column(name = "registration_id")
    public Long registrationId;

    public int seq;

    @Column(name = "from_position_id")
    public Long fromPositionId;

    @Column(name = "target_position_id")
    public Long targetPositionId;

    @Enumerated(EnumType.STRING)
    @Column(name = "precheck_result")
    public PrecheckResult precheckResult;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "manual_requirements")
    public List<String> manualRequirements;

    @Enumerated(EnumType.STRING)
    public SwitchStatus status;

    public String reviewer;
    public String reason;

    @Column(name = "decided_at")
    public Instant decidedAt;

    @Column(name = "late_decision")
    public boolean lateDecision;

    @Column(name = "created_at")
    public Instant createdAt;

    /**
     * The precheck as stored when the switch was made: what the applicant was told, and what the
     * reviewer judges (a switch that failed was never stored, so no failed requirement is kept).
     */
    public Precheck storedPrecheck() {
        List<Requirement> manual = manualRequirements == null
                ? List.of()
                : manualRequirements.stream().map(Requirement::valueOf).toList();
        return new Precheck(precheckResult, List.of(), manual);
    }

    /** The switches of a registration, newest first. */
    public static List<PositionSwitch> ofRegistration(long registrationId) {
        return list("registrationId = ?1 order by seq desc", registrationId);
    }
}
