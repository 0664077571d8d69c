package cn.gov.exam.change.common.http;

import cn.gov.exam.change.common.AppConfig;
import cn.gov.exam.change.common.problems.Problem;
import cn.gov.exam.change.common.problems.ProblemType;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Refuses over-large bodies with a problem. Imports stream and may be as large as the HTTP layer
 * allows; every other endpoint takes small JSON documents. A declared Content-Length over the limit
 * is refused before a byte is read; any other body (chunked, or lying about its length) is read
 * here, counting the bytes that actually arrive, and refused as soon as they pass the limit: what
 * follows is discarded unread into memory, so the heap stays flat whatever a client sends.
 */
@ApplicationScoped
public class BodyLimits {
    private static final Pattern IMPORTS = Pattern.compile("/api/v1/admin/exams/[^/]+/(positions|registrations)/?");

    @Inject
    AppConfig config;

    @Inject
    ObjectMapper json;

    private static final String READ = BodyLimits.class.getName() + ".read";

    private BodyHandler bodies;

    void install(@Observes Router router) {
        bodies = BodyHandler.create(false).setBodyLimit(config.limits().maxJsonBody());
        router.route().order(Integer.MIN_VALUE + 1).handler(this::check).failureHandler(this::failed);
        router.route().order(Integer.MIN_VALUE + 2).handler(this::emptyWhenAbsent);
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
        HttpMethod method = ctx.request().method();
        if (method == HttpMethod.GET
                || method == HttpMethod.HEAD
                || method == HttpMethod.OPTIONS
                || IMPORTS.matcher(ctx.request().path()).matches()) {
            ctx.next();
            return;
        }
        if (declared > maxJsonBody) {
            tooLarge(ctx);
            return;
        }
        // Reads the body (at most the limit, counted as it arrives) before the endpoint sees it.
        ctx.put(READ, Boolean.TRUE);
        bodies.handle(ctx);
    }

    /**
     * A request without any body leaves none behind; the endpoint would then wait to read one from a
     * request that has ended, so it gets an empty one.
     */
    @SuppressWarnings("deprecation")
    private void emptyWhenAbsent(RoutingContext ctx) {
        if (ctx.get(READ) != null && ctx.body().buffer() == null) {
            ctx.setBody(Buffer.buffer());
        }
        ctx.next();
    }

    private void failed(RoutingContext ctx) {
        if (ctx.statusCode() == 413 && !ctx.response().headWritten()) {
            tooLarge(ctx);
        } else {
            ctx.next();
        }
    }

    private void tooLarge(RoutingContext ctx) {
        long maxJsonBody = config.limits().maxJsonBody();
        Problem p = new Problem(
                ProblemType.PAYLOAD_TOO_LARGE,
                "This endpoint takes bodies of at most " + maxJsonBody + " bytes",
                ctx.request().path(),
                ctx.get(RequestIds.KEY),
                List.of(),
                null);
        try {
            ctx.response()
                    .setStatusCode(413)
                    .putHeader("Content-Type", Problem.MEDIA_TYPE)
                    .putHeader("Connection", "close")
                    .end(json.writeValueAsString(p));
        } catch (JsonProcessingException e) {
            ctx.fail(e);
        }
    }
}
