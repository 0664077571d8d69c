package cn.gov.exam.change.support;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.http.Header;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Every REST Assured response of the tests is checked against the committed
 * {@code openapi/openapi.yaml}: its status code must be listed for the operation, its content type
 * declared, and its body must match the schema. So the document clients build against cannot
 * drift from what the service answers. Installed for every test by {@link ContractValidationInstaller}.
 *
 * <p>Only responses are checked: tests send malformed requests on purpose, and what the service
 * answers to them is what matters. Paths outside {@code /api/} (health, metrics, the OpenAPI
 * document itself, the web pages) are not part of the contract. CSV exports are checked for status
 * and content type only: a schema cannot describe their rows.
 *
 * <p>With {@code CONTRACT_REPORT=<file>} in the environment, mismatches are appended to that file
 * instead of failing the test, to see all of them in one run.
 */
public final class ContractValidation implements Filter {
    public static final Path DOCUMENT = Path.of("openapi/openapi.yaml");
    private static final ContractValidation INSTANCE = new ContractValidation();
    private static volatile OpenApiInteractionValidator validator;
    private static final String REPORT = System.getenv("CONTRACT_REPORT");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong CHECKED = new AtomicLong();
    private static final AtomicLong SKIPPED = new AtomicLong();
    private static boolean hooked;

    private ContractValidation() {}

    /** Adds the filter to REST Assured's global filters once; Quarkus' own set-up leaves them alone. */
    public static synchronized void install() {
        if (!hooked) {
            hooked = true;
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(() -> System.out.println("Contract check: "
                            + CHECKED.get() + " responses checked against " + DOCUMENT + ", " + SKIPPED.get()
                            + " outside /api/ not checked")));
        }
        if (!RestAssured.filters().contains(INSTANCE)) {
            RestAssured.filters(INSTANCE);
        }
    }

    public static boolean installed() {
        return RestAssured.filters().contains(INSTANCE);
    }

    /** Built once per test JVM: reading the document took 5.3 s in a full run on the shared 2 cores. */
    static OpenApiInteractionValidator validator() {
        OpenApiInteractionValidator v = validator;
        if (v == null) {
            synchronized (ContractValidation.class) {
                v = validator;
                if (v == null) {
                    long start = System.nanoTime();
                    try {
                        v = OpenApiInteractionValidator.createForInlineApiSpecification(readable())
                                .withLevelResolver(LevelResolver.create()
                                        // No operation at that address or with that method (tests of
                                        // 404 and 405 answers): the document has nothing to compare.
                                        .withLevel("validation.request.path.missing", ValidationReport.Level.IGNORE)
                                        .withLevel(
                                                "validation.request.operation.notAllowed",
                                                ValidationReport.Level.IGNORE)
                                        .build())
                                .build();
                    } catch (IOException e) {
                        throw new UncheckedIOException(DOCUMENT + " is missing: run ./mvnw package -DskipTests", e);
                    }
                    System.out.println("Contract check: validator built from " + DOCUMENT + " in "
                            + (System.nanoTime() - start) / 1_000_000 + " ms");
                    validator = v;
                }
            }
        }
        return v;
    }

    /**
     * The document as the validator should read it. SmallRye writes a nullable reference the
     * usual OpenAPI 3.0 way, {@code allOf: [$ref], nullable: true}, which code generators read as
     * "the referenced schema, or null"; the validator reads it strictly (the allOf still refuses
     * null, and so does an enum without null). Here such a reference is replaced by a copy of
     * the schema it names, nullable, and a nullable enum lists null, so that the check means what
     * the document means.
     */
    static String readable() throws IOException {
        ObjectNode doc = (ObjectNode) YAML.readTree(Files.readString(DOCUMENT));
        JsonNode schemas = doc.path("components").path("schemas");
        nullableReferencesInlined(doc, schemas);
        return JSON.writeValueAsString(doc);
    }

    private static void nullableReferencesInlined(JsonNode node, JsonNode schemas) {
        if (node instanceof ObjectNode obj) {
            if (obj.path("nullable").asBoolean(false)) {
                JsonNode allOf = obj.get("allOf");
                if (allOf != null && allOf.size() == 1 && allOf.get(0).has("$ref")) {
                    String name = allOf.get(0).get("$ref").asText().replace("#/components/schemas/", "");
                    JsonNode target = schemas.get(name);
                    if (target != null) {
                        obj.remove("allOf");
                        target.fields().forEachRemaining(f -> {
                            if (!obj.has(f.getKey())) {
                                obj.set(f.getKey(), f.getValue().deepCopy());
                            }
                        });
                    }
                }
                if (obj.get("enum") instanceof ArrayNode values && !containsNull(values)) {
                    values.addNull();
                }
            }
        }
        if (node != null && node.isContainerNode()) {
            for (JsonNode child : node) {
                nullableReferencesInlined(child, schemas);
            }
        }
    }

    private static boolean containsNull(ArrayNode values) {
        for (JsonNode v : values) {
            if (v.isNull()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Response filter(
            FilterableRequestSpecification request, FilterableResponseSpecification responseSpec, FilterContext ctx) {
        Response response = ctx.next(request, responseSpec);
        String path;
        try {
            path = URI.create(request.getURI()).getRawPath();
        } catch (IllegalArgumentException e) {
            // A deliberately malformed address (input hardening tests): no operation to compare with.
            return response;
        }
        if (path == null || !path.startsWith("/api/")) {
            SKIPPED.incrementAndGet();
            return response;
        }
        CHECKED.incrementAndGet();
        ValidationReport report = check(request.getMethod(), path, response);
        if (report.hasErrors()) {
            mismatch(request.getMethod() + " " + path + " -> " + response.statusCode(), report);
        }
        return response;
    }

    /** The contract's verdict on one response; public so that a test can show it reports mismatches. */
    public static ValidationReport check(String method, String path, Response response) {
        String contentType = response.contentType();
        SimpleResponse.Builder built = SimpleResponse.Builder.status(response.statusCode());
        for (Header h : response.headers()) {
            built.withHeader(h.getName(), h.getValue());
        }
        if (contentType != null && !contentType.isEmpty()) {
            built.withContentType(contentType);
        }
        if (!isCsv(contentType)) {
            String body = response.asString();
            if (body != null && !body.isEmpty()) {
                built.withBody(body);
            }
        }
        ValidationReport report = validator()
                .validateResponse(path, Request.Method.valueOf(method.toUpperCase(Locale.ROOT)), built.build());
        if (isCsv(contentType)) {
            return ValidationReport.from(report.getMessages().stream()
                    .filter(m -> !m.getKey().equals("validation.response.body.missing"))
                    .toList());
        }
        return report;
    }

    private static boolean isCsv(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("text/csv");
    }

    public static String describe(ValidationReport report) {
        return report.getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .map(m -> "  [" + m.getKey() + "] " + m.getMessage()
                        + m.getNestedMessages().stream()
                                .map(n -> "\n      " + n.getMessage())
                                .collect(Collectors.joining()))
                .collect(Collectors.joining("\n"));
    }

    private static void mismatch(String what, ValidationReport report) {
        String text = "Response does not match openapi/openapi.yaml: " + what + "\n" + describe(report);
        if (REPORT == null || REPORT.isBlank()) {
            throw new AssertionError(text);
        }
        try {
            synchronized (ContractValidation.class) {
                Files.writeString(Path.of(REPORT), text + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
