package cn.gov.exam.change.webhook;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A payment system's endpoint for the refunds of some channels, or the SMS gateway's (channel SMS). */
@Entity
@Table(name = "webhook_subscription")
public class WebhookSubscription extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String url;

    /** A gateway's label, for staff (null for payment systems). */
    public String name;

    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    public Purpose purpose = Purpose.REFUND;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> channels;

    public String secret;

    @Column(name = "previous_secret")
    public String previousSecret;

    @Column(name = "previous_secret_expires_at")
    public Instant previousSecretExpiresAt;

    public boolean enabled;

    @Column(name = "disabled_reason")
    public String disabledReason;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** The secrets that sign and verify now: the current one, and the previous during its grace. */
    public List<String> activeSecrets(Instant now) {
        List<String> out = new ArrayList<>(2);
        out.add(secret);
        if (previousSecret != null && previousSecretExpiresAt != null && now.isBefore(previousSecretExpiresAt)) {
            out.add(previousSecret);
        }
        return out;
    }

    /** Every enabled subscription, oldest first: a handful, one per payment system and a gateway. */
    public static List<WebhookSubscription> allEnabled() {
        return list("enabled = true order by id");
    }

    /** The enabled payment systems' subscriptions: only they may confirm refunds. */
    public static List<WebhookSubscription> enabledPaymentSystems() {
        return list("enabled = true and purpose = ?1 order by id", Purpose.REFUND);
    }

    /** The enabled subscription covering a channel: at most one (SubscriptionService enforces it). */
    public static java.util.Optional<WebhookSubscription> covering(String channel) {
        return find("enabled = true and array_contains(channels, ?1)", channel).firstResultOptional();
    }
}
