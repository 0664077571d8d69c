package cn.gov.exam.change.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * AppConfig's defaults are the configuration's: the expressions that read its properties from
 * outside the mapping (the schedules, the token issuer) name no default of their own.
 */
@QuarkusTest
class ConfigDefaultsTest {
    @Test
    void aMappingDefaultIsSeenByAPlainLookupAndAnExpression() {
        var config = ConfigProvider.getConfig();
        assertEquals("PT24H", config.getValue("app.idempotency.key-lifetime", String.class));
        assertEquals("https://position-change.example", config.getValue("app.tokens.issuer", String.class));
        assertEquals("https://position-change.example", config.getValue("mp.jwt.verify.issuer", String.class));
    }
}
