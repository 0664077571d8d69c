package cn.gov.exam.change.common.http;

import cn.gov.exam.change.common.AppConfig;
import cn.gov.exam.change.common.problems.Problem;
import cn.gov.exam.change.common.problems.ProblemType;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * The end-to-end bound of an API request (app.database.request-timeout): a request still without
 * an answer by then is answered 503 service-unavailable, whatever it waits for. The bounds of each
 * wait on the database sit below it, so this is the last resort (a request that queued for a pooled
 * connection and then waited on a frozen server). Imports and CSV exports are exempt: they stream
 * for minutes by design. The work itself is not interrupted; a switch cut short this way may still
 * commit, and the client's retry with its Idempotency-Key gets the truth.
 */
@ApplicationScoped
public class RequestDeadline {
    private static final Logger LOG = Logger.getLogger(RequestDeadline.class);
    /** Set on a request answered by the deadline: what it still writes afterwards is dropped. */
    public static final String PASSED = "request-deadline-passed";

    private static final Pattern IMPORT = Pattern.compile("/api/v1/admin/exams/[^/]+/(registrations|positions)/?");

    @Inject
    AppConfig config;

    void install(@Observes Router router) {
        router.route("/api/*").order(Integer.MIN_VALUE + 3).handler(this::arm).failureHandler(this::afterDeadline);
    }

    /**
     * What a request answered by the deadline still tries to write fails ("Response has already
     * been written"): that is expected, and not logged as an error of each such request.
     */
    private void afterDeadline(RoutingContext ctx) {
        if (ctx.get(PASSED) != null) {
            LOG.debugf("Request %s ended after its deadline answer: %s", RequestIds.current(ctx), ctx.failure());
            return;
        }
        ctx.next();
    }

    private void arm(RoutingContext ctx) {
        if (exempt(ctx)) {
            ctx.next();
            return;
        }
        long millis = config.database().requestTimeout().toMillis();
        long timer = ctx.vertx().setTimer(millis, id -> expire(ctx));
        ctx.addEndHandler(ended -> ctx.vertx().cancelTimer(timer));
        ctx.next();
    }

    private static boolean exempt(RoutingContext ctx) {
        String accept = ctx.request().getHeader("Accept");
        if (accept != null && accept.contains("text/csv")) {
            return true;
        }
        return ctx.request().method() == HttpMethod.POST
                && IMPORT.matcher(ctx.normalizedPath()).matches();
    }

    private void expire(RoutingContext ctx) {
        HttpServerResponse response = ctx.response();
        if (response.headWritten() || response.ended() || response.closed()) {
            return;
        }
        ctx.put(PASSED, true);
        String requestId = RequestIds.current(ctx);
        LOG.debugf("Request %s answered 503 after app.database.request-timeout", requestId);
        long retryAfter = config.database().retryAfter().toSeconds();
        JsonObject body = new JsonObject()
                .put("type", Problem.TYPE_BASE + ProblemType.SERVICE_UNAVAILABLE.slug)
                .put("title", ProblemType.SERVICE_UNAVAILABLE.title)
                .put("status", ProblemType.SERVICE_UNAVAILABLE.status)
                .put("detail", "The service could not answer in time; retry shortly")
                .put("instance", ctx.request().path())
                .put("requestId", requestId)
                .put("retryAfterSeconds", retryAfter);
        response.setStatusCode(ProblemType.SERVICE_UNAVAILABLE.status)
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .putHeader("Retry-After", Long.toString(retryAfter))
                .end(body.encode());
    }
}
