package cn.gov.exam.change.common.problems;

import cn.gov.exam.change.common.AppConfig;
import cn.gov.exam.change.common.http.JsonInputRules;
import cn.gov.exam.change.common.http.RequestDeadline;
import cn.gov.exam.change.common.http.RequestIds;
import cn.gov.exam.change.common.sql.DatabaseFailures;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place where failures become {@code application/problem+json} responses. Nothing here
 * ever writes a stack trace or an exception message of a library to the client. Client errors are
 * logged at DEBUG, in one line: anyone can cause them, and they must not flood the log.
 */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @Inject
    CurrentVertxRequest currentRequest;

    @Inject
    AppConfig config;

    @ServerExceptionMapper
    public RestResponse<Problem> problem(ProblemException e) {
        return respond(e.type(), e.getMessage(), e.errors(), e.extensions());
    }

    @ServerExceptionMapper
    public RestResponse<Problem> violations(ConstraintViolationException e) {
        List<FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> FieldError.of(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(FieldError::field))
                .collect(Collectors.toCollection(ArrayList::new));
        return respond(ProblemType.VALIDATION_FAILED, "The request is not valid", errors, null);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> unrecognized(UnrecognizedPropertyException e) {
        return respond(
                ProblemType.VALIDATION_FAILED,
                "The request is not valid",
                List.of(FieldError.of(pathOf(e), "is not a known field")),
                null);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> invalidInput(JsonInputRules.InvalidInput e) {
        return respond(
                ProblemType.VALIDATION_FAILED,
                "The request is not valid",
                List.of(FieldError.of(pathOf(e), e.reason())),
                null);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> invalidFormat(InvalidFormatException e) {
        String message = e.getTargetType() != null && e.getTargetType().isEnum()
                ? "must be one of "
                        + java.util.Arrays.toString(e.getTargetType().getEnumConstants())
                : "has an invalid value";
        return respond(
                ProblemType.VALIDATION_FAILED,
                "The request is not valid",
                List.of(FieldError.of(pathOf(e), message)),
                null);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> mismatched(MismatchedInputException e) {
        return bodyField(pathOf(e), "has the wrong type");
    }

    @ServerExceptionMapper
    public RestResponse<Problem> mapping(JsonMappingException e) {
        return bodyField(pathOf(e), "has an invalid value");
    }

    /** A body Jackson could not map: the field that failed, or the whole body when it names none. */
    private RestResponse<Problem> bodyField(String field, String message) {
        if (field.isEmpty()) {
            return respond(
                    ProblemType.MALFORMED_REQUEST,
                    "The request body is not the JSON this endpoint expects",
                    List.of(),
                    null);
        }
        return respond(
                ProblemType.VALIDATION_FAILED,
                "The request is not valid",
                List.of(FieldError.of(field, message)),
                null);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> malformed(JsonProcessingException e) {
        return respond(ProblemType.MALFORMED_REQUEST, "The request body is not well-formed JSON", List.of(), null);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> unauthorized(UnauthorizedException e) {
        return respond(ProblemType.UNAUTHORIZED, "A valid bearer token is required", List.of(), null);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> authenticationFailed(AuthenticationFailedException e) {
        return respond(ProblemType.UNAUTHORIZED, "The bearer token is missing, expired or not valid", List.of(), null);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> forbidden(ForbiddenException e) {
        return respond(ProblemType.FORBIDDEN, "Your role may not do this", List.of(), null);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> notFound(NotFoundException e) {
        return respond(ProblemType.NOT_FOUND, "There is nothing at this address", List.of(), null);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> notAllowed(NotAllowedException e) {
        RestResponse<Problem> r =
                respond(ProblemType.METHOD_NOT_ALLOWED, "This method is not allowed here", List.of(), null);
        String allow = e.getResponse().getHeaderString(HttpHeaders.ALLOW);
        return allow == null
                ? r
                : RestResponse.ResponseBuilder.fromResponse(r)
                        .header(HttpHeaders.ALLOW, allow)
                        .build();
    }

    @ServerExceptionMapper
    public RestResponse<Problem> notSupported(NotSupportedException e) {
        return respond(
                ProblemType.UNSUPPORTED_MEDIA_TYPE, "This endpoint does not accept that Content-Type", List.of(), null);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> notAcceptable(NotAcceptableException e) {
        return respond(
                ProblemType.NOT_ACCEPTABLE, "This endpoint cannot produce the requested media type", List.of(), null);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> web(WebApplicationException e) {
        Response r = e.getResponse();
        int status = r == null ? 500 : r.getStatus();
        if (status >= 500) {
            LOG.errorf(e, "Request %s failed", requestId());
        }
        ProblemType type = ProblemType.forStatus(status);
        return respond(type, type.title, List.of(), null);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> unexpected(Throwable e) {
        // The cause may come wrapped; unwrap the failures we know before giving up.
        Throwable cause = e.getCause();
        if (cause instanceof ProblemException p) {
            return problem(p);
        }
        if (cause instanceof JsonProcessingException j) {
            return malformed(j);
        }
        RoutingContext ctx = currentRequest == null ? null : currentRequest.getCurrent();
        if (ctx != null && ctx.get(RequestDeadline.PASSED) != null) {
            // Answered 503 by the deadline already; this answer is not sent, and the failure is the
            // outage's (logged once) or a consequence of the answer sent.
            LOG.debugf("Request %s failed after its deadline answer: %s", requestId(), e);
            return unavailable();
        }
        DatabaseFailures.Kind db = DatabaseFailures.classify(e);
        if (db != DatabaseFailures.Kind.NONE) {
            DatabaseFailures.report(db, e, "request " + requestId());
            return unavailable();
        }
        LOG.errorf(e, "Request %s failed", requestId());
        return respond(
                ProblemType.INTERNAL_ERROR,
                "Something went wrong on our side; the request id identifies it",
                List.of(),
                null);
    }

    /** The database cannot serve the request now: the client is to retry shortly (README: outages). */
    RestResponse<Problem> unavailable() {
        return respond(
                ProblemType.SERVICE_UNAVAILABLE,
                "The service cannot reach its database at the moment; retry shortly",
                List.of(),
                Map.of("retryAfterSeconds", config.database().retryAfter().toSeconds()));
    }

    private RestResponse<Problem> respond(
            ProblemType type, String detail, List<FieldError> errors, Map<String, Object> extensions) {
        RoutingContext ctx = currentRequest == null ? null : currentRequest.getCurrent();
        String instance = ctx == null ? null : ctx.request().path();
        if (type.status < 500) {
            LOG.debugf("Request %s answered %d %s", requestId(), type.status, type.slug);
        }
        Problem body = new Problem(type, detail, instance, requestId(), errors, extensions);
        RestResponse.ResponseBuilder<Problem> b = RestResponse.ResponseBuilder.<Problem>create(type.status)
                .entity(body)
                .type(Problem.MEDIA_TYPE);
        if (type == ProblemType.UNAUTHORIZED) {
            b.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        if (extensions != null && extensions.get("retryAfterSeconds") != null) {
            b.header("Retry-After", String.valueOf(extensions.get("retryAfterSeconds")));
        }
        return b.build();
    }

    private String requestId() {
        RoutingContext ctx = currentRequest == null ? null : currentRequest.getCurrent();
        return RequestIds.current(ctx);
    }

    private static String pathOf(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    /** {@code create.body.timeZone} becomes {@code timeZone}; query parameters keep their name. */
    private static String fieldOf(ConstraintViolation<?> v) {
        List<String> parts = new ArrayList<>();
        boolean sawParameter = false;
        for (Path.Node node : v.getPropertyPath()) {
            if (node.getKind() == ElementKind.METHOD) {
                continue;
            }
            if (node.getKind() == ElementKind.PARAMETER) {
                sawParameter = true;
                continue;
            }
            String name = node.getName();
            if (node.getIndex() != null && !parts.isEmpty()) {
                parts.set(parts.size() - 1, parts.get(parts.size() - 1) + "[" + node.getIndex() + "]");
            }
            if (name != null && !name.startsWith("<")) {
                parts.add(name);
            }
        }
        if (parts.isEmpty() && sawParameter) {
            for (Path.Node node : v.getPropertyPath()) {
                if (node.getKind() == ElementKind.PARAMETER) {
                    return node.getName();
                }
            }
        }
        return String.join(".", parts);
    }
}
