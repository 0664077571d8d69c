package cn.gov.exam.change.webhook;

import cn.gov.exam.change.audit.AuditService;
import cn.gov.exam.change.common.AppClock;
import cn.gov.exam.change.common.AppConfig;
import cn.gov.exam.change.common.paging.PageParams;
import cn.gov.exam.change.common.paging.PageResponse;
import cn.gov.exam.change.common.problems.ProblemException;
import cn.gov.exam.change.common.problems.ProblemType;
import cn.gov.exam.change.registration.PaymentChannel;
import cn.gov.exam.change.webhook.SubscriptionViews.Gateway;
import cn.gov.exam.change.webhook.SubscriptionViews.GatewayChange;
import cn.gov.exam.change.webhook.SubscriptionViews.GatewayRequest;
import cn.gov.exam.change.webhook.SubscriptionViews.Subscription;
import cn.gov.exam.change.webhook.SubscriptionViews.SubscriptionChange;
import cn.gov.exam.change.webhook.SubscriptionViews.SubscriptionRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Webhook subscriptions of both purposes: payment systems' (refunds of their channels) and the SMS
 * gateways' (notifications, channel SMS). One code for both: the same target checks, secrets,
 * enabling rules and audit, the purpose naming the audit actions and the errors.
 */
@ApplicationScoped
public class SubscriptionService {
    @Inject
    EntityManager em;

    @Inject
    AppClock clock;

    @Inject
    AppConfig config;

    @Inject
    AuditService audit;

    @Inject
    WebhookTargets targets;

    @Inject
    Outbox outbox;

    @Transactional
    public Subscription create(SubscriptionRequest r) {
        return view(create(Purpose.REFUND, r.url(), channels(r.channels()), null), true);
    }

    @Transactional
    public Gateway createGateway(GatewayRequest r) {
        return gateway(create(Purpose.NOTIFICATION, r.url(), Purpose.gatewayChannels(), blankToNull(r.name())), true);
    }

    private WebhookSubscription create(Purpose purpose, String url, List<String> channels, String name) {
        targets.requireAllowed(url);
        requireUncovered(purpose, null, channels);
        WebhookSubscription s = new WebhookSubscription();
        s.purpose = purpose;
        s.url = url;
        s.name = name;
        s.channels = channels;
        s.secret = WebhookSigner.newSecret();
        s.enabled = true;
        s.createdAt = clock.now();
        s.updatedAt = s.createdAt;
        s.persist();
        audit.record(purpose.action("created"), purpose.subjectType, s.id.toString(), null, null, state(s));
        dueNow(s.channels);
        return s;
    }

    /** A payment system moves its endpoint or changes its channels; the secret stays. */
    @Transactional
    public Subscription change(long id, SubscriptionChange r) {
        if (r.url() == null && r.channels() == null) {
            throw ProblemException.invalid("url", "url or channels is required");
        }
        if (r.channels() != null && r.channels().isEmpty()) {
            throw ProblemException.invalid("channels", "must not be empty");
        }
        WebhookSubscription s = lock(Purpose.REFUND, id);
        return view(change(s, r.url(), r.channels() == null ? s.channels : channels(r.channels()), s.name), false);
    }

    /** A gateway moves its endpoint or is renamed; the secret stays. */
    @Transactional
    public Gateway changeGateway(long id, GatewayChange r) {
        if (r.url() == null && r.name() == null) {
            throw ProblemException.invalid("url", "url or name is required");
        }
        WebhookSubscription s = lock(Purpose.NOTIFICATION, id);
        return gateway(change(s, r.url(), s.channels, r.name() == null ? s.name : blankToNull(r.name())), false);
    }

    private WebhookSubscription change(WebhookSubscription s, String url, List<String> channels, String name) {
        if (url != null) {
            targets.requireAllowed(url);
        }
        if (s.enabled) {
            requireUncovered(s.purpose, s.id, channels);
        }
        Map<String, Object> before = state(s);
        List<String> affected = new ArrayList<>(s.channels);
        affected.addAll(channels);
        s.url = url == null ? s.url : url;
        s.channels = channels;
        s.name = name;
        s.updatedAt = clock.now();
        audit.record(s.purpose.action("updated"), s.purpose.subjectType, s.id.toString(), null, before, state(s));
        if (s.enabled) {
            dueNow(affected);
        }
        return s;
    }

    @Transactional
    public Subscription enable(long id) {
        return view(enable(Purpose.REFUND, id), false);
    }

    @Transactional
    public Gateway enableGateway(long id) {
        return gateway(enable(Purpose.NOTIFICATION, id), false);
    }

    private WebhookSubscription enable(Purpose purpose, long id) {
        WebhookSubscription s = lock(purpose, id);
        if (!s.enabled) {
            requireUncovered(purpose, s.id, s.channels);
            s.enabled = true;
            s.disabledReason = null;
            s.updatedAt = clock.now();
            audit.record(
                    purpose.action("enabled"),
                    purpose.subjectType,
                    s.id.toString(),
                    null,
                    Map.of("enabled", false),
                    Map.of("enabled", true));
            dueNow(s.channels);
        }
        return s;
    }

    private static List<String> channels(List<PaymentChannel> channels) {
        return channels.stream().map(Enum::name).distinct().sorted().toList();
    }

    /**
     * At most one enabled subscription covers a channel, so that a channel's refunds have one
     * receiver (and the SMS channel one gateway). Creations, enables and changes take one
     * transaction-scoped lock first, so that two of them cannot both find a channel free.
     */
    private void requireUncovered(Purpose purpose, Long self, List<String> channels) {
        em.createNativeQuery("select pg_advisory_xact_lock(hashtext('webhook_subscription.channels'))")
                .getSingleResult();
        for (WebhookSubscription other : WebhookSubscription.allEnabled()) {
            if (other.id.equals(self)) {
                continue;
            }
            List<String> overlap =
                    other.channels.stream().filter(channels::contains).sorted().toList();
            if (overlap.isEmpty()) {
                continue;
            }
            if (purpose == Purpose.NOTIFICATION) {
                throw new ProblemException(
                                ProblemType.GATEWAY_ALREADY_ENABLED,
                                "Gateway " + other.id + " is enabled: disable it first")
                        .with("gatewayId", other.id);
            }
            throw new ProblemException(
                            ProblemType.CHANNEL_ALREADY_SUBSCRIBED,
                            "Subscription " + other.id + " covers " + String.join(", ", overlap) + " already")
                    .with("subscriptionId", other.id)
                    .with("channels", overlap);
        }
    }

    /**
     * The subscription covering these channels changed: their pending deliveries are due at once
     * (the dispatcher sends each to whichever subscription covers its channel when it claims it),
     * instead of waiting out a retry schedule built up against the previous endpoint; a message
     * held for quiet hours still waits for its {@code not_before}.
     */
    private void dueNow(List<String> channels) {
        Instant now = clock.now();
        em.createNativeQuery("""
                        update webhook_delivery set next_attempt_at = greatest(?1, coalesce(not_before, ?1)), updated_at = ?1
                        where status = 'PENDING' and next_attempt_at > greatest(?1, coalesce(not_before, ?1))
                          and channel = any(?2)""")
                .setParameter(1, now)
                .setParameter(2, channels.toArray(String[]::new))
                .executeUpdate();
        outbox.wakeDispatchers();
    }

    public PageResponse<Subscription> list(PageParams page) {
        return list(Purpose.REFUND, page).map(s -> view(s, false));
    }

    public PageResponse<Gateway> listGateways(PageParams page) {
        return list(Purpose.NOTIFICATION, page).map(s -> gateway(s, false));
    }

    private PageResponse<WebhookSubscription> list(Purpose purpose, PageParams page) {
        var q = WebhookSubscription.<WebhookSubscription>find("purpose = ?1 order by id", purpose);
        return new PageResponse<>(q.page(page.page, page.size).list(), page.page, page.size, q.count());
    }

    @Transactional
    public Subscription disable(long id) {
        return view(disable(Purpose.REFUND, id), false);
    }

    @Transactional
    public Gateway disableGateway(long id) {
        return gateway(disable(Purpose.NOTIFICATION, id), false);
    }

    private WebhookSubscription disable(Purpose purpose, long id) {
        WebhookSubscription s = lock(purpose, id);
        if (s.enabled) {
            s.enabled = false;
            s.disabledReason = "disabled by " + audit.currentActor();
            s.updatedAt = clock.now();
            audit.record(
                    purpose.action("disabled"),
                    purpose.subjectType,
                    s.id.toString(),
                    null,
                    Map.of("enabled", true),
                    Map.of("enabled", false));
        }
        return s;
    }

    /** A new secret, shown once; the old one keeps signing and verifying for the grace period. */
    @Transactional
    public Subscription rotate(long id) {
        return view(rotate(Purpose.REFUND, id), true);
    }

    @Transactional
    public Gateway rotateGateway(long id) {
        return gateway(rotate(Purpose.NOTIFICATION, id), true);
    }

    private WebhookSubscription rotate(Purpose purpose, long id) {
        WebhookSubscription s = lock(purpose, id);
        Instant now = clock.now();
        s.previousSecret = s.secret;
        s.previousSecretExpiresAt = now.plus(config.webhooks().secretGracePeriod());
        s.secret = WebhookSigner.newSecret();
        s.updatedAt = now;
        // The audit action keeps its name of old for payment systems (webhook.secret-rotated).
        audit.record(
                purpose == Purpose.REFUND ? "webhook.secret-rotated" : purpose.action("secret-rotated"),
                purpose.subjectType,
                s.id.toString(),
                null,
                null,
                Map.of("previousSecretExpiresAt", s.previousSecretExpiresAt.toString()));
        return s;
    }

    /** The subscription of this purpose, locked; 404 for one of the other purpose. */
    WebhookSubscription lock(Purpose purpose, long id) {
        WebhookSubscription s = em.find(WebhookSubscription.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (s == null || s.purpose != purpose) {
            throw ProblemException.notFound(purpose.noun + " " + id);
        }
        return s;
    }

    private static Map<String, Object> state(WebhookSubscription s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("url", s.url);
        if (s.purpose == Purpose.REFUND) {
            m.put("channels", s.channels);
        } else {
            m.put("name", s.name);
        }
        return m;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static Subscription view(WebhookSubscription s, boolean withSecret) {
        return new Subscription(
                s.id,
                s.url,
                s.channels,
                s.enabled,
                s.disabledReason,
                withSecret ? s.secret : null,
                s.previousSecretExpiresAt,
                s.createdAt);
    }

    private static Gateway gateway(WebhookSubscription s, boolean withSecret) {
        return new Gateway(
                s.id,
                s.url,
                s.name,
                s.enabled,
                s.disabledReason,
                withSecret ? s.secret : null,
                s.previousSecretExpiresAt,
                s.createdAt);
    }
}
