package cn.gov.exam.change.exam;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

@Entity
@Table(name = "exam")
public class Exam extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String code;
    public String name;
    @Column(name = "time_zone")
    public String timeZone;
    @Column(name = "default_ratio")
    public int defaultRatio;
    @Column(name = "reduce_quota_before_cancel")
    public boolean reduceQuotaBeforeCancel;
    @Column(name = "max_switches")
    public int maxSwitches;
    @Column(name = "fee_amount")
    public BigDecimal feeAmount;
    @Column(name = "registration_closed_at")
    public Instant registrationClosedAt;
    @Column(name = "switch_window_opens_at")
    public Instant switchWindowOpensAt;
    @Column(name = "switch_deadline")
    public Instant switchDeadline;
    @Column(name = "review_deadline")
    public Instant reviewDeadline;
    @Column(name = "published_at")
    public Instant publishedAt;
    @Column(name = "published_by")
    public String publishedBy;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Version
    public int version;

    public static Optional<Exam> findByCode(String code) {
        return find("code", code).firstResultOptional();
    }

    public boolean published() {
        return publishedAt != null;
    }

    /** The phase at {@code now}; switching needs the published ratio check. */
    public ExamPhase phaseAt(Instant now) {
        if (!now.isBefore(reviewDeadline)) {
            return ExamPhase.CLOSED;
        }
        if (!now.isBefore(switchDeadline)) {
            return ExamPhase.REVIEWING;
        }
        if (published() && !now.isBefore(switchWindowOpensAt)) {
            return ExamPhase.SWITCHING;
        }
        return ExamPhase.REGISTRATION_CLOSED;
    }
}
