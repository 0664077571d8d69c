package cn.gov.exam.change.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The committed schema in openapi/ is what clients build against: it must match the code.
 * {@code ./mvnw package -DskipTests} regenerates it. Compared as documents, since the build and
 * the running service may order keys differently.
 */
@QuarkusTest
class OpenApiSchemaTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void committedSchemaIsCurrent() throws Exception {
        Path committed = Path.of("openapi/openapi.yaml");
        assertTrue(Files.exists(committed), "openapi/openapi.yaml is missing: run ./mvnw package -DskipTests");
        String served = given().accept("application/yaml").get("/q/openapi").then().statusCode(200).extract().asString();
        JsonNode expected = YAML.readTree(Files.readString(committed));
        JsonNode actual = YAML.readTree(served);
        if (!expected.equals(actual)) {
            Files.writeString(Path.of("target/openapi-served.yaml"), served);
        }
        assertEquals(expected, actual, "openapi/openapi.yaml is out of date with the code (the served one is in "
                + "target/openapi-served.yaml): run ./mvnw package -DskipTests and commit it");
    }
}
