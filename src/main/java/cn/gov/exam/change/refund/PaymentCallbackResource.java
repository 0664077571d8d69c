package cn.gov.exam.change.refund;

import cn.gov.exam.change.common.problems.Problem;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/api/v1/payment-callbacks/refunds")
@Tag(name = "Payment callbacks")
@PermitAll
public class PaymentCallbackResource {
    @Inject
    RefundConfirmations confirmations;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "confirmRefund",
            summary = "A payment system confirms a refund; signed like our webhooks (Standard Webhooks)")
    @RequestBody(content = @Content(schema = @Schema(implementation = RefundConfirmations.Confirmation.class)))
    @APIResponse(
            responseCode = "204",
            description = "Applied, or a repeat of a message applied (same webhook-id, same body)")
    @APIResponse(
            responseCode = "409",
            description = "webhook-id-reused: the signing subscription sent another message"
                    + " with this webhook-id before; webhook-ids are scoped to the subscription that signs them",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "400",
            description = "Signed, but not the JSON of a confirmation: malformed-request or validation-failed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "401",
            description = "invalid-signature (also for a refund of a channel the signer does not cover)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RestResponse<Void> confirm(
            @HeaderParam("webhook-id") String id,
            @HeaderParam("webhook-timestamp") String timestamp,
            @HeaderParam("webhook-signature") String signature,
            byte[] body) {
        // Bytes, as they came: the signature is over them, and nothing decodes an unverified body.
        confirmations.apply(id, timestamp, signature, body);
        return RestResponse.noContent();
    }
}
