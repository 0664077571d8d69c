package cn.gov.exam.change.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 29: what ./mvnw package generates for Kubernetes (target/kubernetes/kubernetes.yml, read
 * after the package phase by failsafe): a Deployment of at least 2 replicas with probes on the
 * management port, resources, the database and the token key from Secrets, both ports; a
 * PodDisruptionBudget and a HorizontalPodAutoscaler for that Deployment.
 */
class KubernetesManifestIT {
    private static final Path MANIFEST = Path.of("target/kubernetes/kubernetes.yml");
    private static final Map<String, JsonNode> BY_KIND = new HashMap<>();

    @BeforeAll
    static void read() throws Exception {
        assertTrue(Files.exists(MANIFEST), MANIFEST + " is written by ./mvnw package");
        try (MappingIterator<JsonNode> docs =
                new YAMLMapper().readerFor(JsonNode.class).readValues(MANIFEST.toFile())) {
            for (JsonNode doc : docs.readAll()) {
                if (doc != null && doc.has("kind")) {
                    BY_KIND.put(doc.get("kind").asText(), doc);
                }
            }
        }
    }

    private static JsonNode container() {
        return BY_KIND.get("Deployment").at("/spec/template/spec/containers/0");
    }

    @Test
    void theDeploymentRunsAtLeastTwoInstancesWithLimits() {
        JsonNode deployment = BY_KIND.get("Deployment");
        assertTrue(deployment.at("/spec/replicas").asInt() >= 2, deployment.toString());
        JsonNode resources = container().get("resources");
        for (String path : List.of("/requests/cpu", "/requests/memory", "/limits/cpu", "/limits/memory")) {
            assertFalse(resources.at(path).isMissingNode(), "resources" + path + ": " + resources);
        }
    }

    @Test
    void probesAskTheManagementPort() {
        Set<Integer> ports = StreamSupport.stream(container().get("ports").spliterator(), false)
                .map(p -> p.get("containerPort").asInt())
                .collect(Collectors.toSet());
        assertEquals(Set.of(8080, 9000), ports);
        assertEquals(
                "/q/health/ready",
                container().at("/readinessProbe/httpGet/path").asText());
        assertEquals(9000, container().at("/readinessProbe/httpGet/port").asInt());
        assertEquals(
                "/q/health/live", container().at("/livenessProbe/httpGet/path").asText());
        assertEquals(9000, container().at("/livenessProbe/httpGet/port").asInt());
        // The readiness probe answers within 2 s (db/DatabaseReadiness); it must be given them.
        assertTrue(container().at("/readinessProbe/timeoutSeconds").asInt() >= 2);
    }

    @Test
    void theDatabaseAndTheTokenKeyComeFromSecrets() {
        Map<String, JsonNode> env = new HashMap<>();
        container().get("env").forEach(e -> env.put(e.get("name").asText(), e));
        for (String name :
                List.of("QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD")) {
            assertEquals(
                    "position-change-db",
                    env.get(name).at("/valueFrom/secretKeyRef/name").asText(),
                    name + " from the database Secret");
        }
        assertEquals(
                "/keys/token-key.jwk",
                env.get("SMALLRYE_JWT_VERIFY_KEY_LOCATION").get("value").asText());
        assertEquals(
                "/keys/token-key.jwk",
                env.get("SMALLRYE_JWT_SIGN_KEY_LOCATION").get("value").asText());
        List<String> keyVolumes = new ArrayList<>();
        BY_KIND.get("Deployment").at("/spec/template/spec/volumes").forEach(v -> {
            if ("position-change-token-key".equals(v.at("/secret/secretName").asText())) {
                keyVolumes.add(v.get("name").asText());
            }
        });
        assertEquals(1, keyVolumes.size(), "the token key's Secret is a volume");
        boolean mounted = StreamSupport.stream(container().get("volumeMounts").spliterator(), false)
                .anyMatch(m -> m.get("name").asText().equals(keyVolumes.get(0))
                        && m.get("mountPath").asText().equals("/keys"));
        assertTrue(mounted, "mounted at /keys");
        // No secret value is written into the manifest itself.
        env.values()
                .forEach(e -> assertFalse(e.get("name").asText().contains("PASSWORD") && e.has("value"), e.toString()));
    }

    @Test
    void aDisruptionBudgetAndAnAutoscalerCoverTheDeployment() {
        JsonNode pdb = BY_KIND.get("PodDisruptionBudget");
        assertEquals(1, pdb.at("/spec/minAvailable").asInt());
        assertEquals(
                BY_KIND.get("Deployment").at("/spec/selector/matchLabels"),
                pdb.at("/spec/selector/matchLabels"),
                "the budget selects the Deployment's pods");
        JsonNode hpa = BY_KIND.get("HorizontalPodAutoscaler");
        assertEquals("Deployment", hpa.at("/spec/scaleTargetRef/kind").asText());
        assertEquals(
                BY_KIND.get("Deployment").at("/metadata/name").asText(),
                hpa.at("/spec/scaleTargetRef/name").asText());
        assertTrue(hpa.at("/spec/minReplicas").asInt() >= 2);
        assertTrue(hpa.at("/spec/maxReplicas").asInt()
                > hpa.at("/spec/minReplicas").asInt());
        // A new version keeps the Deployment's (immutable) selector.
        assertFalse(BY_KIND.get("Deployment").at("/spec/selector/matchLabels").has("app.kubernetes.io/version"));
    }

    @Test
    void prometheusScrapesTheManagementPort() {
        JsonNode annotations = BY_KIND.get("Deployment").at("/spec/template/metadata/annotations");
        assertEquals("9000", annotations.get("prometheus.io/port").asText());
        assertEquals("/q/metrics", annotations.get("prometheus.io/path").asText());
    }
}
