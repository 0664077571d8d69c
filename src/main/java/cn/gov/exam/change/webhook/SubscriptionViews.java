package cn.gov.exam.change.webhook;

import jakarta.validation.constraints.NotBlank;
import cn.gov.exam.change.registration.PaymentChannel;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;

public final class SubscriptionViews {
    private SubscriptionViews() {
    }

    public record SubscriptionRequest(@NotBlank @Size(max = 2000) String url,
                                      @NotEmpty List<@NotNull PaymentChannel> channels) {
    }

    /** A change of endpoint or channels (either or both); the secret stays. */
    public record SubscriptionChange(@Size(max = 2000) String url, List<@NotNull PaymentChannel> channels) {
    }

    /** The secret appears once: in the answer to creating or rotating. */
    public record Subscription(long id, String url, List<String> channels, boolean enabled, String disabledReason,
                               String secret, Instant previousSecretExpiresAt, Instant createdAt) {
    }

    public record Attempt(int attempt, long subscriptionId, String dispatcher, Instant startedAt, Integer durationMs,
                          Integer statusCode, String error) {
    }

    public record Delivery(long id, long refundId, String webhookId, String eventType, String status, int attempts,
                           Instant nextAttemptAt, Integer lastStatusCode, String lastError, Instant createdAt,
                           List<Attempt> attemptLog) {
    }
}
