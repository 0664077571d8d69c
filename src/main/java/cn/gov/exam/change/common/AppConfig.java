package cn.gov.exam.change.common;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** The service's own settings ({@code app.*}); the README's configuration table lists them. */
@ConfigMapping(prefix = "app")
public interface AppConfig {
    BootstrapAdmin bootstrapAdmin();

    Tokens tokens();

    Limits limits();

    EmbeddedPostgres embeddedPostgres();

    SignIn signIn();

    Idempotency idempotency();

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

    interface Limits {
        /** Largest body of a non-import request, in bytes. */
        @WithDefault("1048576")
        long maxJsonBody();
    }

    interface SignIn {
        /** Consecutive failed sign-ins of one ID number that lock it. */
        @WithDefault("5")
        int maxFailures();

        /** How long a locked ID number stays locked. */
        @WithDefault("PT15M")
        Duration lockDuration();
    }

    interface Idempotency {
        /** How long an Idempotency-Key is remembered. */
        @WithDefault("PT24H")
        Duration keyLifetime();
    }

    /** Read by the config source that starts it, before this mapping exists; listed here to be known. */
    interface EmbeddedPostgres {
        @WithDefault("true")
        boolean enabled();

        @WithDefault(".data/postgres")
        String dataDir();

        @WithDefault("0")
        int port();
    }
}
