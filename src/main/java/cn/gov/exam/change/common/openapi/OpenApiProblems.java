package cn.gov.exam.change.common.openapi;

import cn.gov.exam.change.common.problems.Problem;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * The problems that every operation of a kind can answer, whatever it does, added to the
 * document at build time instead of on each method, as shared responses under
 * {@code components/responses}: 400 where a body or parameter is read (bean validation,
 * unreadable JSON), 401 and 403 where a bearer token is required, 404 where the path names
 * something or a query parameter is read, 413 and 415 where a body is read (common/BodyLimits,
 * JAX-RS), 406, 500 and 503 (service-unavailable: the database cannot serve the request now, with
 * Retry-After) anywhere. What only some operations answer (409, 422, 429, service-busy) stays on
 * the operation's own {@code @APIResponse}; a status given there is kept as it is.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class OpenApiProblems implements OASFilter {
    private static final Map<String, String[]> SHARED = new LinkedHashMap<>();

    static {
        SHARED.put("400", new String[] {"BadRequest", "validation-failed (with errors), or malformed-request"});
        SHARED.put("401", new String[] {"Unauthorized", "unauthorized: no valid bearer token"});
        SHARED.put("403", new String[] {"Forbidden", "forbidden: the token's role or agency may not do this"});
        SHARED.put("404", new String[] {"NotFound", "not-found"});
        SHARED.put("406", new String[] {"NotAcceptable", "not-acceptable: no representation for the Accept header"});
        SHARED.put("413", new String[] {"PayloadTooLarge", "payload-too-large"});
        SHARED.put("415", new String[] {"UnsupportedMediaType", "unsupported-media-type"});
        SHARED.put("500", new String[] {"InternalError", "internal-error"});
        SHARED.put("503", new String[] {
            "ServiceUnavailable",
            "service-unavailable: the database cannot serve the request now; retry after Retry-After seconds"
        });
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> path :
                openAPI.getPaths().getPathItems().entrySet()) {
            if (!path.getKey().startsWith("/api/")) {
                continue;
            }
            boolean namesSomething = path.getKey().contains("{");
            boolean pathParams = path.getValue().getParameters() != null
                    && !path.getValue().getParameters().isEmpty();
            for (Operation op : path.getValue().getOperations().values()) {
                APIResponses responses = op.getResponses();
                if (responses == null) {
                    continue;
                }
                boolean body = op.getRequestBody() != null;
                boolean params = pathParams
                        || (op.getParameters() != null && !op.getParameters().isEmpty());
                boolean secured = op.getSecurity() != null && !op.getSecurity().isEmpty();
                if (body || params) {
                    add(responses, "400");
                }
                if (secured) {
                    add(responses, "401");
                    add(responses, "403");
                }
                // JAX-RS answers 404 for a query parameter it cannot convert (page=2147483648 for an
                // int), not 400: listed until the service maps that to validation-failed.
                boolean queryParams = op.getParameters() != null
                        && op.getParameters().stream().anyMatch(p -> p.getIn() == Parameter.In.QUERY);
                if (namesSomething || queryParams) {
                    add(responses, "404");
                }
                add(responses, "406");
                if (body) {
                    add(responses, "413");
                    add(responses, "415");
                }
                add(responses, "500");
                add(responses, "503");
            }
        }
        Components components = openAPI.getComponents();
        if (components == null) {
            components = OASFactory.createComponents();
            openAPI.setComponents(components);
        }
        for (String[] shared : SHARED.values()) {
            Schema problem = OASFactory.createSchema().ref("Problem");
            MediaType media = OASFactory.createMediaType().schema(problem);
            Content content = OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, media);
            components.addResponse(
                    shared[0],
                    OASFactory.createAPIResponse().description(shared[1]).content(content));
        }
    }

    private static void add(APIResponses responses, String status) {
        if (!responses.hasAPIResponse(status)) {
            responses.addAPIResponse(status, OASFactory.createAPIResponse().ref(SHARED.get(status)[0]));
        }
    }
}
