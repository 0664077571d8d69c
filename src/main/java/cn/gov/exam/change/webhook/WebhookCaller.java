package cn.gov.exam.change.webhook;

import cn.gov.exam.change.common.AppClock;
import cn.gov.exam.change.common.AppConfig;
import cn.gov.exam.change.webhook.DeliveryStore.Claim;
import io.netty.channel.ConnectTimeoutException;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.ConnectException;
import java.net.MalformedURLException;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * The webhook's HTTP call: a signed POST through Vert.x's client, and what it came to, told in a
 * few neutral words (an exception's text never reaches the delivery log).
 */
@ApplicationScoped
public class WebhookCaller {
    private static final Logger LOG = Logger.getLogger(WebhookCaller.class);
    /** The attempt's error when the endpoint resolves to an address webhooks may not reach. */
    static final String TARGET_NOT_ALLOWED = "target not allowed";

    private static final int CONNECT_TIMEOUT_MS = 5_000;

    @Inject
    AppClock clock;

    @Inject
    AppConfig config;

    @Inject
    Vertx vertx;

    /**
     * Vert.x's client, on the event loops: keep-alive connections per address, redirects not
     * followed. (The JDK client completes each asynchronous call through CompletableFuture's
     * default executor, on 2 cores a new thread per call.) The peer's window, not the pool, limits
     * the calls in flight; the pool only keeps the connections.
     */
    private HttpClient http;

    /** What a call came to; {@code error} is one of a few neutral words, never an exception's text. */
    record Outcome(int status, Duration retryAfter, String error, int durationMs, boolean released) {
        /** Not sent: its subscription was paused while it waited for a slot. */
        static final Outcome RELEASED = new Outcome(0, Duration.ZERO, null, 0, true);

        static Outcome failed(String error, int durationMs) {
            return new Outcome(0, Duration.ZERO, error, durationMs, false);
        }

        boolean delivered() {
            return status >= 200 && status < 300;
        }

        RetryRules.Kind kind() {
            return RetryRules.kind(status, error);
        }
    }

    @PostConstruct
    void open() {
        int connections = Math.max(64, 4 * config.webhooks().maxInFlight());
        http = vertx.createHttpClient(
                new HttpClientOptions()
                        .setProtocolVersion(HttpVersion.HTTP_1_1)
                        .setKeepAlive(true)
                        .setConnectTimeout(CONNECT_TIMEOUT_MS)
                        .setVerifyHost(true),
                new PoolOptions().setHttp1MaxSize(connections));
        // A receiver that speaks garbage fails its call (logged as "invalid response"); without a
        // handler Vert.x would log the connection's error, with the receiver's bytes, at ERROR.
        http.connectionHandler(c -> c.exceptionHandler(e -> LOG.debugf("Webhook connection error: %s", e.toString())));
    }

    @PreDestroy
    void close() {
        http.close();
    }

    /** The call of a claim; its future completes on an event loop, and never exceptionally. */
    CompletableFuture<Outcome> call(Claim c, WebhookTargets.Target target) {
        // Receivers check the timestamp against their own clock: it is real time, not the service's.
        long timestamp = Instant.now().getEpochSecond();
        RequestOptions options;
        try {
            options = new RequestOptions()
                    .setMethod(HttpMethod.POST)
                    .setAbsoluteURI(new URL(c.url()))
                    .setIdleTimeout(config.webhooks().timeout().toMillis())
                    .putHeader("Content-Type", "application/json")
                    .putHeader("webhook-id", c.messageId())
                    .putHeader("webhook-timestamp", Long.toString(timestamp))
                    .putHeader(
                            "webhook-signature",
                            WebhookSigner.header(c.secrets(), c.messageId(), timestamp, c.payload()));
            target.address()
                    .ifPresent(a ->
                            options.setServer(SocketAddress.inetSocketAddress(options.getPort(), a.getHostAddress())));
        } catch (MalformedURLException | RuntimeException e) {
            return CompletableFuture.completedFuture(Outcome.failed("invalid URL", 0));
        }
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        long start = System.nanoTime();
        AtomicBoolean late = new AtomicBoolean();
        http.request(options)
                .compose(request -> {
                    // The idle timeout ends a silent receiver; this one a receiver trickling its answer too.
                    long cutOff = vertx.setTimer(config.webhooks().timeout().toMillis() + 5_000, t -> {
                        late.set(true);
                        request.reset(0, new TimeoutException("webhook call"));
                    });
                    return request.send(Buffer.buffer(c.payload()))
                            .compose(response -> response.end().map(v -> response))
                            .onComplete(ar -> vertx.cancelTimer(cutOff));
                })
                .onComplete(ar -> outcome.complete(
                        ar.succeeded()
                                ? new Outcome(
                                        ar.result().statusCode(),
                                        retryAfter(ar.result().getHeader("Retry-After"), clock.now(), maxRetryAfter()),
                                        null,
                                        millis(start),
                                        false)
                                : Outcome.failed(late.get() ? "timeout" : describe(ar.cause()), millis(start))));
        return outcome;
    }

    /** A receiver may ask for a pause, never for more than the longest wait of the schedule. */
    private Duration maxRetryAfter() {
        return config.webhooks().retrySchedule().stream()
                .max(Duration::compareTo)
                .orElse(Duration.ZERO);
    }

    /** Retry-After as delay-seconds or an HTTP-date (RFC 9110), within [0, max]; zero when unreadable. */
    static Duration retryAfter(String value, Instant now, Duration max) {
        if (value == null || value.isBlank()) {
            return Duration.ZERO;
        }
        String v = value.trim();
        Duration wait;
        if (v.chars().allMatch(Character::isDigit)) {
            // More digits than a long holds is still "a long time": the maximum.
            wait = v.length() > 18 ? max : Duration.ofSeconds(Long.parseLong(v));
        } else {
            try {
                wait = Duration.between(
                        now,
                        ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME)
                                .toInstant());
            } catch (DateTimeParseException e) {
                return Duration.ZERO;
            }
        }
        return wait.isNegative() ? Duration.ZERO : wait.compareTo(max) > 0 ? max : wait;
    }

    private static int millis(long start) {
        return (int) ((System.nanoTime() - start) / 1_000_000);
    }

    /**
     * A neutral word for a failed call. Exception texts would tell whoever chose the URL what sits
     * at an address (a port scanner with a delivery log); these tell only what a payment system's
     * operator needs.
     */
    static String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException
                    || t instanceof SocketTimeoutException
                    || t instanceof ConnectTimeoutException) {
                return "timeout";
            }
            if (t instanceof ConnectException) {
                return RetryRules.CONNECTION_REFUSED;
            }
        }
        return "invalid response";
    }
}
