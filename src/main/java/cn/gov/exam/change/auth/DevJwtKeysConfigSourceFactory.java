package cn.gov.exam.change.auth;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSource;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * In dev and test mode, when no token keys are configured, signs and verifies tokens with an RSA
 * key pair generated for this JVM (kept across dev-mode reloads). Production has no such fallback:
 * {@link TokenKeysCheck} refuses to start without configured keys.
 */
public class DevJwtKeysConfigSourceFactory implements ConfigSourceFactory {
    static final String VERIFY_KEY = "mp.jwt.verify.publickey";
    static final String VERIFY_KEY_LOCATION = "mp.jwt.verify.publickey.location";
    static final String SIGN_KEY = "smallrye.jwt.sign.key";
    static final String SIGN_KEY_LOCATION = "smallrye.jwt.sign.key.location";
    private static final String PUBLIC = "position-change.dev-jwt.public";
    private static final String PRIVATE = "position-change.dev-jwt.private";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        List<String> profiles = context.getProfiles();
        if (!(profiles.contains("dev") || profiles.contains("test"))) {
            return List.of();
        }
        if (isSet(context, VERIFY_KEY) || isSet(context, VERIFY_KEY_LOCATION)
                || isSet(context, SIGN_KEY) || isSet(context, SIGN_KEY_LOCATION)) {
            return List.of();
        }
        return List.of(new PropertiesConfigSource(
                Map.of(VERIFY_KEY, System.getProperty(PUBLIC), SIGN_KEY, System.getProperty(PRIVATE)),
                "dev-jwt-keys", 5));
    }

    static {
        synchronized (System.getProperties()) {
            if (System.getProperty(PUBLIC) == null) {
                try {
                    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                    generator.initialize(2048);
                    KeyPair pair = generator.generateKeyPair();
                    System.setProperty(PUBLIC, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
                    System.setProperty(PRIVATE, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
                } catch (NoSuchAlgorithmException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(10);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static boolean isSet(ConfigSourceContext context, String name) {
        ConfigValue v = context.getValue(name);
        return v != null && v.getValue() != null && !v.getValue().isBlank();
    }
}
