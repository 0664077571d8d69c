package cn.gov.exam.change.common.http;

import io.opentelemetry.api.trace.Span;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.jboss.logging.MDC;

/**
 * Gives every request an id (the caller's {@code X-Request-Id} when it is sane), echoed in the
 * response, written to the log context (MDC), to the request's trace and to audit events.
 */
@ApplicationScoped
public class RequestIds {
    public static final String HEADER = "X-Request-Id";
    public static final String KEY = "requestId";
    /** The trace's attribute that holds the request id. */
    public static final String SPAN_ATTRIBUTE = "request.id";

    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::assign);
    }

    private void assign(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String id = request.getHeader(HEADER);
        if (id == null || !SANE.matcher(id).matches()) {
            // Not a secret: a fast random id, without SecureRandom's lock under load.
            ThreadLocalRandom random = ThreadLocalRandom.current();
            id = new UUID(random.nextLong(), random.nextLong()).toString();
        }
        ctx.put(KEY, id);
        ctx.response().putHeader(HEADER, id);
        // Every log line of the request carries it (JSON logs: mdc.requestId, beside the trace's
        // mdc.traceId when tracing is on), and the request's trace carries it as an attribute: either
        // id finds the other.
        MDC.put(KEY, id);
        Span span = Span.current();
        if (span.getSpanContext().isValid()) {
            span.setAttribute(SPAN_ATTRIBUTE, id);
        }
        ctx.next();
    }

    /** The current request's id, or null outside a request. */
    public static String current(RoutingContext ctx) {
        return ctx == null ? null : ctx.get(KEY);
    }
}
