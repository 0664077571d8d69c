package cn.gov.exam.change.auth;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.Config;

/** Production refuses to start without a configured token key, rather than fail on the first sign-in. */
@ApplicationScoped
public class TokenKeysCheck {

    void check(@Observes StartupEvent event, Config config) {
        if (LaunchMode.current() != LaunchMode.NORMAL) {
            return;
        }
        boolean verify = present(config, DevJwtKeysConfigSourceFactory.VERIFY_KEY)
                || present(config, DevJwtKeysConfigSourceFactory.VERIFY_KEY_LOCATION);
        boolean sign = present(config, DevJwtKeysConfigSourceFactory.SIGN_KEY)
                || present(config, DevJwtKeysConfigSourceFactory.SIGN_KEY_LOCATION);
        if (!verify || !sign) {
            throw new IllegalStateException("The token key is not configured: set SMALLRYE_JWT_VERIFY_KEY_LOCATION and "
                    + "SMALLRYE_JWT_SIGN_KEY_LOCATION to the same HS256 JSON Web Key file (see README)");
        }
    }

    private static boolean present(Config config, String name) {
        return config.getOptionalValue(name, String.class)
                .filter(v -> !v.isBlank())
                .isPresent();
    }
}
