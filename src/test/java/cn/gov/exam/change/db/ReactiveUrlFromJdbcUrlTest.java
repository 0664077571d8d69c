package cn.gov.exam.change.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Where the reactive client connects, derived from the JDBC URL (README "Configuration"). */
class ReactiveUrlFromJdbcUrlTest {
    private static String reactive(String jdbc) {
        return ReactiveUrlFromJdbcUrl.reactiveUrl(jdbc);
    }

    @Test
    void hostPortAndDatabaseCarryOver() {
        assertEquals("postgresql://db:5432/exam", reactive("jdbc:postgresql://db:5432/exam"));
        assertEquals("postgresql://db", reactive("jdbc:postgresql://db"));
        assertEquals("postgresql://localhost/exam", reactive("jdbc:postgresql:exam"));
        assertEquals("postgresql://localhost/exam", reactive("jdbc:postgresql:///exam"));
    }

    @Test
    void onlyParametersBothClientsReadTheSameAreKept() {
        assertEquals(
                "postgresql://db/exam?user=u&password=p&sslmode=require",
                reactive(
                        "jdbc:postgresql://db/exam?user=u&password=p&sslmode=require&ApplicationName=x&tcpKeepAlive=true"));
        assertEquals("postgresql://db/exam?search_path=app", reactive("jdbc:postgresql://db/exam?currentSchema=app"));
    }

    @Test
    void sslTrueMeansVerifyFullUnlessAModeIsGiven() {
        assertEquals("postgresql://db/exam?sslmode=verify-full", reactive("jdbc:postgresql://db/exam?ssl=true"));
        assertEquals("postgresql://db/exam?sslmode=verify-full", reactive("jdbc:postgresql://db/exam?ssl"));
        assertEquals("postgresql://db/exam", reactive("jdbc:postgresql://db/exam?ssl=false"));
        assertEquals(
                "postgresql://db/exam?sslmode=prefer", reactive("jdbc:postgresql://db/exam?ssl=true&sslmode=prefer"));
    }

    @Test
    void severalHostsNeedAnExplicitReactiveUrl() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> reactive("jdbc:postgresql://a:5432,b:5432/exam"));
        assertEquals(true, e.getMessage().contains(ReactiveUrlFromJdbcUrl.REACTIVE_URL));
    }
}
