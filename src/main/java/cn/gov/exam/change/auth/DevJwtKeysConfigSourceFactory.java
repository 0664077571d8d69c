package cn.gov.exam.change.auth;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * In dev and test mode, when no token key is configured, signs and verifies tokens with an HS256
 * key generated for this JVM (kept across dev-mode reloads). Production has no such fallback:
 * {@link TokenKeysCheck} refuses to start without a configured key.
 */
public class DevJwtKeysConfigSourceFactory implements ConfigSourceFactory {
    static final String VERIFY_KEY = "smallrye.jwt.verify.secretkey";
    static final String VERIFY_KEY_LOCATION = "smallrye.jwt.verify.key.location";
    static final String SIGN_KEY = "smallrye.jwt.sign.key";
    static final String SIGN_KEY_LOCATION = "smallrye.jwt.sign.key.location";
    static final String KEY_ID = "position-change";
    private static final String DEV_KEY = "position-change.dev-jwt.key";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        List<String> profiles = context.getProfiles();
        if (!(profiles.contains("dev") || profiles.contains("test"))) {
            return List.of();
        }
        if (isSet(context, VERIFY_KEY)
                || isSet(context, VERIFY_KEY_LOCATION)
                || isSet(context, SIGN_KEY)
                || isSet(context, SIGN_KEY_LOCATION)) {
            return List.of();
        }
        String jwk = System.getProperty(DEV_KEY);
        return List.of(new PropertiesConfigSource(Map.of(VERIFY_KEY, jwk, SIGN_KEY, jwk), "dev-jwt-key", 5));
    }

    static {
        synchronized (System.getProperties()) {
            if (System.getProperty(DEV_KEY) == null) {
                byte[] secret = new byte[32];
                new SecureRandom().nextBytes(secret);
                System.setProperty(DEV_KEY, jwk(secret));
            }
        }
    }

    /** A JSON Web Key of an HS256 secret, the format both the token signer and the verifier read. */
    static String jwk(byte[] secret) {
        return "{\"kty\":\"oct\",\"kid\":\"" + KEY_ID + "\",\"alg\":\"HS256\",\"k\":\""
                + Base64.getUrlEncoder().withoutPadding().encodeToString(secret) + "\"}";
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(10);
    }

    private static boolean isSet(ConfigSourceContext context, String name) {
        ConfigValue v = context.getValue(name);
        return v != null && v.getValue() != null && !v.getValue().isBlank();
    }
}
