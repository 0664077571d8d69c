package cn.gov.exam.change.common;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * The service's own settings ({@code app.*}); the README's configuration table lists them. Each
 * default is given once, here: the expressions that read a property outside this mapping (the
 * schedules' {@code @Scheduled(every = "${app.…}")}, {@code mp.jwt.verify.issuer}) name none, as
 * a mapping's defaults are defaults of the whole configuration.
 */
@ConfigMapping(prefix = "app")
public interface AppConfig {
    BootstrapAdmin bootstrapAdmin();

    Tokens tokens();

    Limits limits();

    Http http();

    EmbeddedPostgres embeddedPostgres();

    SignIn signIn();

    Idempotency idempotency();

    Webhooks webhooks();

    Notifications notifications();

    /**
     * Whom applicants contact when they are stuck (a phone number and office hours), shown for an
     * exam that names no {@code helpContact} of its own.
     */
    @WithDefault("请拨打本次考试公告中的咨询电话（工作日 8:30–17:30）")
    String helpContact();

    Database database();

    Tracing tracing();

    Metrics metrics();

    Retention retention();

    /** Load the demo exam into an empty database at start. */
    @WithDefault("false")
    boolean demoData();

    interface BootstrapAdmin {
        Optional<String> username();

        Optional<String> password();
    }

    interface Tokens {
        @WithDefault("https://position-change.example")
        String issuer();

        @WithDefault("PT1H")
        Duration staffLifetime();

        @WithDefault("PT30M")
        Duration applicantLifetime();
    }

    interface Http {
        /**
         * Reverse proxies (addresses or CIDR ranges) whose X-Forwarded-For is believed when they
         * are the TCP peer; none by default.
         */
        Optional<java.util.List<String>> trustedProxies();
    }

    interface Limits {
        /** Largest body of a non-import request, in bytes. */
        @WithDefault("1048576")
        long maxJsonBody();
    }

    /** Sign-in throttling (auth/SignInThrottle says how the three counts work together). */
    interface SignIn {
        /** Failures of one account from one client address before that pair waits. */
        @WithDefault("5")
        int pairMaxFailures();

        /** The pair's first wait; each further failure doubles it. */
        @WithDefault("PT1M")
        Duration pairFirstLock();

        /** The longest wait of a pair. */
        @WithDefault("PT15M")
        Duration pairMaxLock();

        /** Failures from one client address across accounts before that client waits. */
        @WithDefault("50")
        int clientMaxFailures();

        @WithDefault("PT15M")
        Duration clientLock();

        /** Failures of one account across clients before the clients that failed on it wait. */
        @WithDefault("20")
        int accountMaxFailures();

        /** Short, as it may also hold up the owner's own client if it failed once. */
        @WithDefault("PT1M")
        Duration accountLock();

        /** Quiet time after which a count starts afresh. */
        @WithDefault("PT15M")
        Duration window();

        /** Threads that check passwords (bcrypt); half the processors (at least one) when unset. */
        Optional<Integer> passwordCheckThreads();

        /** Sign-ins that may wait for a password check; past them sign-in answers 503 service-busy. */
        @WithDefault("32")
        int passwordCheckQueue();

        /** How often counts past their window are deleted ("off" in tests, which call it). */
        @WithDefault("10m")
        String cleanupEvery();
    }

    interface Idempotency {
        /** How long an Idempotency-Key is remembered. */
        @WithDefault("PT24H")
        Duration keyLifetime();

        /**
         * How long a claimed key may stay in flight before a retry may take it over. A request whose
         * failure could not be recorded (the database went away) would otherwise keep its key busy
         * for the whole key lifetime; longer than any request can run (app.database.request-timeout).
         */
        @WithDefault("30s")
        Duration inFlightTimeout();
    }

    Refunds refunds();

    Receipts receipts();

    /** Receipts (receipt package): where their QR codes point, and how their lookups are audited. */
    interface Receipts {
        /**
         * The public address of the service (e.g. {@code https://gwy.example.gov.cn}) that a receipt's
         * QR code points to ({@code <public-url>/verify?code=…}); without it, the address the request
         * for the QR code came to.
         */
        Optional<String> publicUrl();

        /** How often the public lookups of hours gone by are written to the audit log ("off" in tests). */
        @WithDefault("5m")
        String lookupAuditEvery();
    }

    interface Refunds {
        /** How often the switch-deadline refund job looks for exams past their deadline ("off" in tests). */
        @WithDefault("5s")
        String deadlineCheckEvery();
    }

    interface Webhooks {
        /** How often an idle dispatcher looks for due deliveries unless woken by a NOTIFY ("off" in tests, which drive it). */
        @WithDefault("1s")
        String dispatchEvery();

        /** Waits before each retry of a webhook (about a day in all); jittered by ±20 %. */
        @WithDefault("PT5S,PT1M,PT5M,PT30M,PT2H,PT5H,PT8H,PT8H")
        java.util.List<Duration> retrySchedule();

        /** How long a dispatcher owns a claimed delivery before another may take it over. */
        @WithDefault("PT60S")
        Duration lease();

        /** Timeout of one webhook call. */
        @WithDefault("PT10S")
        Duration timeout();

        /** Deliveries claimed per round. */
        @WithDefault("200")
        int batchSize();

        /** Calls in flight per subscription and instance, at most; fewer while the peer pushes back. */
        @WithDefault("16")
        int maxInFlight();

        /** Calls per second per subscription and instance, at most; no limit when unset. */
        Optional<Double> rateLimit();

        /**
         * How long a payment system may answer only with back-pressure (429, 503, refused
         * connections) before it counts as down and its messages go through the retry schedule.
         */
        @WithDefault("PT1M")
        Duration downAfter();

        /** How long a rotated-out secret still signs and verifies. */
        @WithDefault("PT24H")
        Duration secretGracePeriod();

        /** Largest clock skew of a signed callback. */
        @WithDefault("PT5M")
        Duration callbackTolerance();

        /**
         * Hosts (names, addresses or CIDRs) that webhooks may reach although they are not public:
         * on-premise payment gateways. Empty by default: only public addresses.
         */
        Optional<java.util.List<String>> allowedHosts();
    }

    /**
     * Bounded waits on the database (README: outages). Every wait has a bound below
     * {@code request-timeout}, so that a database that refuses, freezes or runs out of disk space
     * gives 503 service-unavailable in time rather than a hung request.
     */
    interface Database {
        /**
         * The longest an API request waits before it is answered 503 service-unavailable (imports
         * and CSV exports, which stream for minutes, excepted). A switch cut short this way may
         * still commit: the client's retry with the same Idempotency-Key tells.
         */
        @WithDefault("10s")
        Duration requestTimeout();

        /** The server's statement_timeout on the service's connections (lifted for imports, exports and deadline jobs). */
        @WithDefault("5s")
        Duration statementTimeout();

        /** The server's lock_timeout on the service's connections: a row held by a stuck transaction. */
        @WithDefault("2s")
        Duration lockTimeout();

        /**
         * The reactive pool (switching): how long a request waits for a pooled connection, and a
         * new connection for the server's answer to connecting. JDBC's: quarkus.datasource.jdbc.acquisition-timeout
         * and the driver's connectTimeout/loginTimeout in application.properties.
         */
        @WithDefault("3s")
        Duration acquisitionTimeout();

        /** The reactive pool: a connection on which nothing arrives for this long is closed (a frozen or vanished server). */
        @WithDefault("15s")
        Duration socketTimeout();

        /** Retry-After of a 503 service-unavailable. */
        @WithDefault("5s")
        Duration retryAfter();

        /**
         * Readiness (/q/health/ready): how long its write probe may take before the check says DOWN;
         * well below the 2 s in which the answer is due, for a host whose cores are busy.
         */
        @WithDefault("800ms")
        Duration readinessTimeout();
    }

    /**
     * Read by the config source that starts the server, before any mapping exists, so their
     * defaults are that source's (db/EmbeddedPostgresConfigSourceFactory); listed here because
     * an {@code app.*} property the mapping does not know fails the start.
     */
    interface EmbeddedPostgres {
        Optional<Boolean> enabled();

        Optional<String> dataDir();

        Optional<Integer> port();
    }

    /** OpenTelemetry traces (on only with an OTLP endpoint: ops/TracingSwitch). */
    interface Tracing {
        /** Share of new traces that are sampled (a caller's sampled trace is always followed). */
        @WithDefault("1.0")
        double sampleRatio();
    }

    /** The deadline-day gauges (ops/DeadlineDayMetrics). */
    interface Metrics {
        /**
         * How often the gauges that need SQL (delivery backlog, refunds by status) are read again:
         * a scrape reads the cached figures, never the tables.
         */
        @WithDefault("15s")
        String refreshEvery();
    }

    /** Purging applicants' personal data (retention/RetentionService). */
    interface Retention {
        /** How long after an exam's review deadline its applicants' personal data may be purged. */
        @WithDefault("P180D")
        Duration afterReviewDeadline();
    }

    /** Applicant notifications (issue 26): SMS through the gateway, and the status page. */
    interface Notifications {
        /**
         * In the exam's time zone, messages made in this period wait for its end ({@code HH:mm-HH:mm});
         * {@code none} sends at once.
         */
        @WithDefault("22:00-08:00")
        String quietHours();

        /** Before the switch deadline, when the reminders go to those who have neither switched nor declined. */
        @WithDefault("PT24H,PT2H")
        java.util.List<Duration> reminderOffsets();

        /** How often the reminder job looks for due reminders ({@code off}: never, as in tests). */
        @WithDefault("1m")
        String reminderCheckEvery();

        /** The SMS signature (inside 【】) of an exam that names no {@code smsSignature}. */
        @WithDefault("人事考试中心")
        String defaultSignature();
    }
}
