package cn.gov.exam.change.common.http;

import io.smallrye.common.annotation.NonBlocking;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A trivial endpoint: reachability checks, and the baseline of the cancelled-positions benchmark. */
@Path("/api/v1/ping")
@Tag(name = "Service")
public class PingResource {
    @GET
    @PermitAll
    @NonBlocking
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(operationId = "ping", summary = "Answers pong")
    public String ping() {
        return "pong";
    }
}
