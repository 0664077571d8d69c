package cn.gov.exam.change.webhook;

import cn.gov.exam.change.registration.PaymentChannel;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

public final class SubscriptionViews {
    private SubscriptionViews() {}

    public record SubscriptionRequest(
            @NotBlank @Size(max = 2000) String url,
            @NotEmpty List<@NotNull PaymentChannel> channels) {}

    /** A change of endpoint or channels (either or both); the secret stays. */
    public record SubscriptionChange(@Size(max = 2000) String url, List<@NotNull PaymentChannel> channels) {}

    /** The secret appears once: in the answer to creating or rotating. */
    public record Subscription(
            long id,
            String url,
            List<String> channels,
            boolean enabled,
            @Schema(nullable = true) String disabledReason,
            @Schema(nullable = true) String secret,
            @Schema(nullable = true) Instant previousSecretExpiresAt,
            Instant createdAt) {}

    /** An SMS gateway: {@code name} is a label for staff. */
    public record GatewayRequest(
            @NotBlank @Size(max = 2000) String url,
            @Size(max = 100) String name) {}

    /** A change of endpoint or name (either or both); the secret stays. An empty name removes it. */
    public record GatewayChange(
            @Size(max = 2000) String url, @Size(max = 100) String name) {}

    /** The secret appears once: in the answer to creating or rotating. */
    public record Gateway(
            long id,
            String url,
            @Schema(nullable = true) String name,
            boolean enabled,
            @Schema(nullable = true) String disabledReason,
            @Schema(nullable = true) String secret,
            @Schema(nullable = true) Instant previousSecretExpiresAt,
            Instant createdAt) {}

    /** A notification's SMS delivery to a gateway, with every attempt. */
    public record GatewayDelivery(
            long id,
            long notificationId,
            String webhookId,
            String eventType,
            String status,
            int attempts,
            @Schema(nullable = true) Instant nextAttemptAt,
            @Schema(nullable = true) Integer lastStatusCode,
            @Schema(nullable = true) String lastError,
            Instant createdAt,

            @Schema(description = "steps of the retry schedule used since the delivery was made or replayed")
            int retryStep,

            List<Attempt> attemptLog) {}

    public record Attempt(
            int attempt,
            long subscriptionId,
            String dispatcher,
            Instant startedAt,
            @Schema(nullable = true) Integer durationMs,
            @Schema(nullable = true) Integer statusCode,
            @Schema(nullable = true) String error) {}

    /** {@code attempts}: how many attempts the log holds (its rows), since the delivery was first made; it agrees with {@code attemptLog}. */
    public record Delivery(
            long id,
            long refundId,
            String webhookId,
            String eventType,
            String status,
            int attempts,
            @Schema(nullable = true) Instant nextAttemptAt,
            @Schema(nullable = true) Integer lastStatusCode,
            @Schema(nullable = true) String lastError,
            Instant createdAt,

            @Schema(
                    description = "steps of the retry schedule used since the delivery was made or "
                            + "replayed (back-pressure waits use none)")
            int retryStep,

            List<Attempt> attemptLog) {}
}
