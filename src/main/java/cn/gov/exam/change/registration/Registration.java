package cn.gov.exam.change.registration;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;

@Entity
@Table(name = "registration")
public class Registration extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "exam_id")
    public Long examId;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "applicant_id")
    public Applicant applicant;
    /** The position registered for; a cancelled one stays so. */
    @Column(name = "position_id")
    public Long positionId;
    /** The position the applicant now stands for once a switch is approved; null means the original. */
    @Column(name = "current_position_id")
    public Long currentPositionId;

    @Enumerated(EnumType.STRING)
    @Column(name = "fee_status")
    public FeeStatus feeStatus;

    @Column(name = "fee_amount")
    public BigDecimal feeAmount;

    @Column(name = "fee_currency")
    public String feeCurrency;

    @Enumerated(EnumType.STRING)
    @Column(name = "payment_channel")
    public PaymentChannel paymentChannel;

    @Column(name = "transaction_id")
    public String transactionId;

    @Column(name = "paid_at")
    public Instant paidAt;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** An approved switch: the registration now holds the target position (its original stays recorded). */
    public void approvedInto(long positionId, Instant at) {
        currentPositionId = positionId;
        updatedAt = at;
    }

    /** An approval corrected to a rejection: the registration stands for its original position again. */
    public void approvalWithdrawn(Instant at) {
        currentPositionId = null;
        updatedAt = at;
    }
}
