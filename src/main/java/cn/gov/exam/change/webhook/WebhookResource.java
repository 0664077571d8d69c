package cn.gov.exam.change.webhook;

import cn.gov.exam.change.common.credentials.Roles;
import cn.gov.exam.change.common.paging.PageParams;
import cn.gov.exam.change.common.paging.PageResponse;
import cn.gov.exam.change.common.problems.Problem;
import cn.gov.exam.change.webhook.SubscriptionViews.Delivery;
import cn.gov.exam.change.webhook.SubscriptionViews.Subscription;
import cn.gov.exam.change.webhook.SubscriptionViews.SubscriptionChange;
import cn.gov.exam.change.webhook.SubscriptionViews.SubscriptionRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

// Rooted at /api/v1: JAX-RS picks a resource class by its longest matching prefix first.
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@SecurityRequirement(name = "bearer")
@Tag(name = "Webhooks")
public class WebhookResource {
    @Inject
    SubscriptionService subscriptions;

    @Inject
    Deliveries deliveries;

    @POST
    @Path("/admin/webhook-subscriptions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "createWebhookSubscription",
            summary = "Subscribe a payment system to the refunds of its channels; the whsec_ secret is shown once")
    @APIResponse(
            responseCode = "201",
            description = "The subscription with its secret",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = Subscription.class)))
    @APIResponse(
            responseCode = "409",
            description = "channel-already-subscribed: an enabled subscription covers one of the channels",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RestResponse<Subscription> create(@NotNull @Valid SubscriptionRequest request) {
        Subscription s = subscriptions.create(request);
        return RestResponse.ResponseBuilder.<Subscription>created(
                        URI.create("/api/v1/admin/webhook-subscriptions/" + s.id()))
                .entity(s)
                .build();
    }

    @GET
    @Path("/admin/webhook-subscriptions")
    @Operation(operationId = "listWebhookSubscriptions", summary = "Subscriptions (without secrets)")
    public PageResponse<Subscription> list(@Valid @BeanParam PageParams page) {
        return subscriptions.list(page);
    }

    @PATCH
    @Path("/admin/webhook-subscriptions/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "updateWebhookSubscription",
            summary = "Move a subscription's endpoint (url) or change its channels; the secret stays",
            description = "The same target rules as creation; an enabled subscription's channels may not overlap"
                    + " another enabled one's (409 channel-already-subscribed). Pending deliveries of the channels"
                    + " concerned become due at once.")
    @APIResponse(
            responseCode = "200",
            description = "The subscription (without its secret)",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = Subscription.class)))
    @APIResponse(
            responseCode = "409",
            description = "channel-already-subscribed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Subscription change(@PathParam("id") long id, @NotNull @Valid SubscriptionChange request) {
        return subscriptions.change(id, request);
    }

    @POST
    @Path("/admin/webhook-subscriptions/{id}/enable")
    @Operation(
            operationId = "enableWebhookSubscription",
            summary =
                    "Deliver to this subscription again (409 channel-already-subscribed when another covers one of its channels)")
    @APIResponse(
            responseCode = "200",
            description = "The subscription (without its secret)",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = Subscription.class)))
    @APIResponse(
            responseCode = "409",
            description = "channel-already-subscribed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Subscription enable(@PathParam("id") long id) {
        return subscriptions.enable(id);
    }

    @POST
    @Path("/admin/webhook-subscriptions/{id}/disable")
    @Operation(operationId = "disableWebhookSubscription", summary = "Stop delivering to this subscription")
    public Subscription disable(@PathParam("id") long id) {
        return subscriptions.disable(id);
    }

    @POST
    @Path("/admin/webhook-subscriptions/{id}/rotate-secret")
    @Operation(
            operationId = "rotateWebhookSecret",
            summary = "A new secret (shown once); the previous one still signs during the grace period")
    public Subscription rotate(@PathParam("id") long id) {
        return subscriptions.rotate(id);
    }

    @GET
    @Path("/admin/webhook-subscriptions/{id}/deliveries")
    @Operation(
            operationId = "listWebhookDeliveries",
            summary = "Deliveries to this subscription, newest first, with every attempt")
    public PageResponse<Delivery> deliveries(
            @PathParam("id") long id,
            @QueryParam("status")
                    @Pattern(regexp = "PENDING|DELIVERED|FAILED", message = "must be PENDING, DELIVERED or FAILED")
                    String status,
            @Valid @BeanParam PageParams page) {
        return deliveries.deliveries(id, status, page);
    }

    @POST
    @Path("/admin/webhook-deliveries/{id}/replay")
    @Operation(
            operationId = "replayWebhookDelivery",
            summary = "Send a delivery again from the start of its retry schedule, with the same webhook-id")
    @APIResponse(
            responseCode = "200",
            description = "The delivery, due at once",
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Delivery.class)))
    @APIResponse(
            responseCode = "409",
            description = "already-exists: the delivery is pending already; refund-not-allowed: its refund is decided",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Delivery replay(@PathParam("id") long id) {
        return deliveries.replay(id);
    }
}
