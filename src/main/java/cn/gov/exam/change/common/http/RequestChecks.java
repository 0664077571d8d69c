package cn.gov.exam.change.common.http;

import cn.gov.exam.change.common.problems.Problem;
import cn.gov.exam.change.common.problems.ProblemType;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Refuses, with a problem, requests whose address no endpoint can take: control characters or
 * broken UTF-8 in the path or query (PostgreSQL cannot store NUL), an over-long address (414) or
 * over-large headers (431). Netty's codec answers those last two itself, with an empty body, and
 * Quarkus offers no hook there: its limits are set higher (application.properties) so that these
 * checks see the request first and answer with a problem.
 */
@ApplicationScoped
public class RequestChecks {
    private static final Logger LOG = Logger.getLogger(RequestChecks.class);
    /** Longest request target (path and query) answered normally. */
    public static final int MAX_TARGET = 4096;
    /** Largest sum of header names and values answered normally. */
    public static final int MAX_HEADERS = 20 * 1024;

    @Inject
    ObjectMapper json;

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 2).handler(this::check);
    }

    private void check(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String target = request.uri();
        if (target.length() > MAX_TARGET) {
            refuse(ctx, 414, ProblemType.URI_TOO_LONG, "The address is longer than " + MAX_TARGET + " characters");
            return;
        }
        if (headerBytes(request) > MAX_HEADERS) {
            refuse(ctx, 431, ProblemType.HEADERS_TOO_LARGE, "The headers are larger than " + MAX_HEADERS + " bytes");
            return;
        }
        String problem = InputRules.targetProblem(target);
        if (problem != null) {
            refuse(ctx, 400, ProblemType.MALFORMED_REQUEST, problem);
            return;
        }
        ctx.next();
    }

    private static long headerBytes(HttpServerRequest request) {
        long sum = 0;
        for (Map.Entry<String, String> h : request.headers()) {
            sum += h.getKey().length() + h.getValue().length() + 4;
        }
        return sum;
    }

    private void refuse(RoutingContext ctx, int status, ProblemType type, String detail) {
        LOG.debugf("Request %s refused: %s", ctx.<String>get(RequestIds.KEY), detail);
        // The path is not echoed: it is what was wrong.
        Problem p = new Problem(type, detail, null, ctx.get(RequestIds.KEY), List.of(), null);
        try {
            ctx.response()
                    .setStatusCode(status)
                    .putHeader("Content-Type", Problem.MEDIA_TYPE)
                    .end(json.writeValueAsString(p));
        } catch (JsonProcessingException e) {
            ctx.fail(e);
        }
    }
}
