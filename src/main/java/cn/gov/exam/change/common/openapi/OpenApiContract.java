package cn.gov.exam.change.common.openapi;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.tags.Tag;

/**
 * Makes the document one that strict OpenAPI 3.0 tools read as the service means it:
 * <ul>
 * <li>A nullable field whose type is a named schema is written by SmallRye as
 * {@code allOf: [$ref]} with {@code nullable: true} beside it; strict validators (Prism, ajv) apply
 * {@code nullable} to the sibling only and refuse null through the reference. Such a field gets
 * the named schema's content inline, with null allowed (and listed among an enum's values, as
 * OpenAPI 3.0.3 asks).</li>
 * <li>Operations that need no token say so ({@code security: []}) instead of saying nothing.</li>
 * <li>Every tag has a description.</li>
 * </ul>
 * The operation ids are on the resource methods ({@code @Operation(operationId = …)});
 * {@code OpenApiSchemaTest} fails on a missing or repeated one and on each of the points above.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class OpenApiContract implements OASFilter {
    private static final String REF_PREFIX = "#/components/schemas/";
    private static final Map<String, String> TAGS = new LinkedHashMap<>();

    static {
        TAGS.put("Applicants", "The signed-in applicant: status, switch options, switching and declining");
        TAGS.put("Agencies", "The registry of recruiting agencies shared by every exam (ADMIN)");
        TAGS.put("Audit", "The audit log of every decision and change (ADMIN)");
        TAGS.put("Authentication", "Bearer tokens for applicants and staff, and clearing sign-in waits");
        TAGS.put("Exams", "Exams and their timelines");
        TAGS.put(
                "Notifications",
                "Applicant notifications (SMS and the status page), their counts and resends, and the SMS gateways (ADMIN)");
        TAGS.put(
                "Opening-ratio check",
                "The dry run and publication of the opening-ratio check, and the public list of cancelled positions");
        TAGS.put("Payment callbacks", "Signed confirmations of refunds by payment systems");
        TAGS.put("Positions", "Positions of an exam: import and search");
        TAGS.put("Qualification review", "Reviews of switches by the target position's agency, and the exam's summary");
        TAGS.put("Refunds", "Refunds of fees and their requeueing (ADMIN)");
        TAGS.put("Receipts", "Receipts of decisions: public verification by code, their QR codes, staff records");
        TAGS.put("Registrations", "Import of an exam's registrations (ADMIN)");
        TAGS.put(
                "Retention",
                "Purging an exam's applicants' personal data after its refunds and retention period (ADMIN)");
        TAGS.put("Service", "Liveness of the API itself");
        TAGS.put("Staff", "Staff accounts and the signed-in staff session");
        TAGS.put("Switch results", "Every switch and its outcome (ADMIN)");
        TAGS.put("Webhooks", "Payment systems' webhook subscriptions and their deliveries (ADMIN)");
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() != null && openAPI.getComponents().getSchemas() != null) {
            Map<String, Schema> named = openAPI.getComponents().getSchemas();
            for (Schema schema : named.values()) {
                inlineNullableReferences(schema, named);
            }
        }
        if (openAPI.getPaths() != null && openAPI.getPaths().getPathItems() != null) {
            for (PathItem path : openAPI.getPaths().getPathItems().values()) {
                for (Operation op : path.getOperations().values()) {
                    if (op.getSecurity() == null) {
                        op.setSecurity(new ArrayList<>()); // public: no token needed
                    }
                }
            }
        }
        List<Tag> tags = openAPI.getTags() == null ? new ArrayList<>() : new ArrayList<>(openAPI.getTags());
        for (Tag tag : tags) {
            if (tag.getDescription() == null) {
                tag.setDescription(TAGS.get(tag.getName()));
            }
        }
        openAPI.setTags(tags);
    }

    private static void inlineNullableReferences(Schema schema, Map<String, Schema> named) {
        if (schema.getProperties() == null) {
            return;
        }
        Map<String, Schema> properties = new LinkedHashMap<>(schema.getProperties());
        boolean changed = false;
        for (Map.Entry<String, Schema> property : properties.entrySet()) {
            Schema field = property.getValue();
            Schema target = nullableReference(field, named);
            if (target != null) {
                Schema copy = inlined(field, target);
                inlineNullableReferences(copy, named); // its own fields, should the copy predate their fixing
                property.setValue(copy);
                changed = true;
            } else if (field.getItems() != null) {
                inlineNullableReferences(field.getItems(), named);
            }
        }
        if (changed) {
            schema.setProperties(properties);
        }
    }

    /**
     * The named schema a nullable field refers to, else null. SmallRye's model holds such a field
     * as {@code anyOf: [{$ref}, {type: null}]} (OpenAPI 3.1's form), which its 3.0 writer turns
     * into {@code allOf: [$ref]} with {@code nullable: true} beside it.
     */
    private static Schema nullableReference(Schema field, Map<String, Schema> named) {
        List<Schema> anyOf = field.getAnyOf();
        if (anyOf == null || anyOf.size() != 2) {
            return null;
        }
        Schema ref = anyOf.get(0).getRef() != null ? anyOf.get(0) : anyOf.get(1);
        Schema other = ref == anyOf.get(0) ? anyOf.get(1) : anyOf.get(0);
        if (ref.getRef() == null
                || !ref.getRef().startsWith(REF_PREFIX)
                || !List.of(Schema.SchemaType.NULL).equals(other.getType())) {
            return null;
        }
        return named.get(ref.getRef().substring(REF_PREFIX.length()));
    }

    private static Schema inlined(Schema field, Schema target) {
        Schema copy = OASFactory.createSchema();
        List<Schema.SchemaType> type = new ArrayList<>(target.getType() == null ? List.of() : target.getType());
        type.add(Schema.SchemaType.NULL);
        copy.setType(type);
        copy.setFormat(target.getFormat());
        copy.setPattern(target.getPattern());
        copy.setExample(target.getExample());
        copy.setProperties(target.getProperties());
        copy.setRequired(target.getRequired());
        copy.setItems(target.getItems());
        copy.setAdditionalPropertiesBoolean(target.getAdditionalPropertiesBoolean());
        copy.setDescription(field.getDescription() != null ? field.getDescription() : target.getDescription());
        if (target.getEnumeration() != null) {
            List<Object> values = new ArrayList<>(target.getEnumeration());
            values.add(null);
            copy.setEnumeration(values);
        }
        return copy;
    }
}
