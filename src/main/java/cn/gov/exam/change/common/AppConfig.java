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
