package cn.gov.exam.change.common.openapi;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

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
        String served = given().accept("application/yaml")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        JsonNode expected = YAML.readTree(Files.readString(committed));
        JsonNode actual = YAML.readTree(served);
        if (!expected.equals(actual)) {
            Files.writeString(Path.of("target/openapi-served.yaml"), served);
        }
        assertEquals(
                expected,
                actual,
                "openapi/openapi.yaml is out of date with the code (the served one is in "
                        + "target/openapi-served.yaml): run ./mvnw package -DskipTests and commit it");
    }

    /**
     * What strict tools (Prism, ajv, redocly's recommended rules) need of the document: each
     * operation has a unique operationId and says its security (public ones {@code security: []});
     * every tag has a description; there is a server; and no {@code $ref} or {@code allOf: [$ref]}
     * has siblings such as {@code nullable}, which strict OpenAPI 3.0 readers ignore.
     */
    @Test
    void strictToolsReadTheDocumentAsMeant() throws Exception {
        JsonNode doc = YAML.readTree(Files.readString(Path.of("openapi/openapi.yaml")));
        List<String> problems = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        int operations = 0;
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (!Set.of("get", "put", "post", "delete", "patch").contains(op.getKey())) {
                    continue;
                }
                operations++;
                String where = op.getKey().toUpperCase() + " " + path.getKey();
                String id = op.getValue().path("operationId").asText("");
                if (id.isEmpty()) {
                    problems.add(where + ": no operationId");
                } else if (!ids.add(id)) {
                    problems.add(where + ": operationId " + id + " used twice");
                }
                if (!op.getValue().has("security")) {
                    problems.add(where + ": no security requirement (a public operation says security: [])");
                }
            }
        }
        assertTrue(operations > 30, "only " + operations + " operations read");
        for (JsonNode tag : doc.path("tags")) {
            if (tag.path("description").asText("").isBlank()) {
                problems.add("tag " + tag.path("name").asText() + ": no description");
            }
        }
        if (doc.path("servers").size() == 0) {
            problems.add("no servers");
        }
        siblings(doc, "#", problems);
        if (!problems.isEmpty()) {
            fail(problems.size() + " problems for strict tools:\n" + String.join("\n", problems));
        }
    }

    private static void siblings(JsonNode node, String where, List<String> problems) {
        if (node.isObject()) {
            boolean ref = node.has("$ref");
            boolean allOfRef =
                    node.path("allOf").size() == 1 && node.path("allOf").get(0).has("$ref");
            if ((ref && node.size() > 1) || (allOfRef && node.has("nullable"))) {
                problems.add(where + ": a reference with siblings " + node);
            }
            node.fields().forEachRemaining(e -> siblings(e.getValue(), where + "/" + e.getKey(), problems));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                siblings(node.get(i), where + "/" + i, problems);
            }
        }
    }
}
