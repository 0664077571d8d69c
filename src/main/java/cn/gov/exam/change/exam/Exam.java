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
    /** Whom applicants contact when stuck; null: the configured default. */
    @Column(name = "help_contact")
    public String helpContact;

    @Column(name = "sms_signature")
    public String smsSignature;

    @Column(name = "published_at")
    public Instant publishedAt;

    @Column(name = "published_by")
    public String publishedBy;
    /** Set by the deadline job (its own SQL); never written through the entity. */
    @Column(name = "refunds_decided_at", insertable = false, updatable = false)
    public Instant refundsDecidedAt;

    /** When an administrator purged its applicants' personal data (retention), or null. */
    @Column(name = "personal_data_purged_at")
    public Instant personalDataPurgedAt;

    @Column(name = "personal_data_purged_by")
    public String personalDataPurgedBy;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Version
    public int version;

    public static Optional<Exam> findByCode(String code) {
        return find("code", code).firstResultOptional();
    }

    /** The exam's help contact, or the configured default when it names none. */
    public String helpContactOr(String fallback) {
        return helpContact == null || helpContact.isBlank() ? fallback : helpContact;
    }

    public boolean published() {
        return publishedAt != null;
    }

    public ExamTimeline timeline() {
        return new ExamTimeline(
                published(), switchWindowOpensAt, switchDeadline, reviewDeadline, refundsDecidedAt != null);
    }

    /** The phase at {@code now} (ExamTimeline decides). */
    public ExamPhase phaseAt(Instant now) {
        return timeline().phaseAt(now);
    }
}
