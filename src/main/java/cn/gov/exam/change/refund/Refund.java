package cn.gov.exam.change.refund;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;

@Entity
@Table(name = "refund")
public class Refund extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "exam_id")
    public Long examId;

    @Column(name = "registration_id")
    public Long registrationId;

    @Enumerated(EnumType.STRING)
    public RefundReason reason;

    @Enumerated(EnumType.STRING)
    public RefundStatus status;

    public BigDecimal amount;
    public String currency;
    public String channel;

    @Column(name = "original_transaction_id")
    public String originalTransactionId;

    @Column(name = "channel_refund_id")
    public String channelRefundId;

    @Column(name = "failure_reason")
    public String failureReason;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
