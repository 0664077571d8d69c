package cn.gov.exam.change.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Refuses over-large bodies with a problem before anything reads them. Imports stream and may be
 * as large as the HTTP layer allows; every other endpoint takes small JSON documents.
 */
@ApplicationScoped
public class BodyLimits {
    private static final Pattern IMPORTS = Pattern.compile("/api/v1/admin/exams/[^/]+/(positions|registrations)/?");

    @Inject
    AppConfig config;
    @Inject
    ObjectMapper json;

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 1).handler(this::check);
    }

    private void check(RoutingContext ctx) {
        String length = ctx.request().getHeader("Content-Length");
        long declared;
        try {
            declared = length == null ? -1 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            declared = -1;
        }
        long maxJsonBody = config.limits().maxJsonBody();
        // The cheap test first: almost every request is small.
        if (declared <= maxJsonBody || ctx.request().method() == HttpMethod.GET
                || IMPORTS.matcher(ctx.request().path()).matches()) {
            ctx.next();
            return;
        }
        Problem p = new Problem(ProblemType.PAYLOAD_TOO_LARGE, "This endpoint takes bodies of at most "
                + maxJsonBody + " bytes", ctx.request().path(), ctx.get(RequestIds.KEY), List.of(), null);
        try {
            ctx.response().setStatusCode(413).putHeader("Content-Type", Problem.MEDIA_TYPE)
                    .putHeader("Connection", "close").end(json.writeValueAsString(p));
        } catch (JsonProcessingException e) {
            ctx.fail(e);
        }
    }
}
