package cn.gov.exam.change.webhook;

import cn.gov.exam.change.common.credentials.Roles;
import cn.gov.exam.change.common.paging.PageParams;
import cn.gov.exam.change.common.paging.PageResponse;
import cn.gov.exam.change.common.problems.Problem;
import cn.gov.exam.change.webhook.SubscriptionViews.Gateway;
import cn.gov.exam.change.webhook.SubscriptionViews.GatewayChange;
import cn.gov.exam.change.webhook.SubscriptionViews.GatewayDelivery;
import cn.gov.exam.change.webhook.SubscriptionViews.GatewayRequest;
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

/**
 * The SMS gateways: the notification side's webhook subscriptions, on the same subscription and
 * delivery code as the payment systems' (one outbox, one dispatcher). At most one is enabled.
 */
@Path("/api/v1/admin/notification-gateways")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@SecurityRequirement(name = "bearer")
@Tag(name = "Notifications")
public class NotificationGatewayResource {
    @Inject
    SubscriptionService subscriptions;

    @Inject
    Deliveries deliveries;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "createNotificationGateway",
            summary = "Register the SMS gateway that sends applicants' notifications; the whsec_ secret is shown once")
    @APIResponse(
            responseCode = "201",
            description = "The gateway with its secret",
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Gateway.class)))
    @APIResponse(
            responseCode = "409",
            description = "gateway-already-enabled: another gateway is enabled",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RestResponse<Gateway> create(@NotNull @Valid GatewayRequest request) {
        Gateway g = subscriptions.createGateway(request);
        return RestResponse.ResponseBuilder.<Gateway>created(
                        URI.create("/api/v1/admin/notification-gateways/" + g.id()))
                .entity(g)
                .build();
    }

    @GET
    @Operation(operationId = "listNotificationGateways", summary = "Gateways (without secrets)")
    public PageResponse<Gateway> list(@Valid @BeanParam PageParams page) {
        return subscriptions.listGateways(page);
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "updateNotificationGateway",
            summary = "Move a gateway's endpoint (url) or rename it; the secret stays",
            description = "The same target rules as creation. Pending messages become due at once (those held for"
                    + " quiet hours stay held).")
    public Gateway change(@PathParam("id") long id, @NotNull @Valid GatewayChange request) {
        return subscriptions.changeGateway(id, request);
    }

    @POST
    @Path("/{id}/enable")
    @Operation(operationId = "enableNotificationGateway", summary = "Send notifications to this gateway again")
    @APIResponse(
            responseCode = "200",
            description = "The gateway (without its secret)",
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Gateway.class)))
    @APIResponse(
            responseCode = "409",
            description = "gateway-already-enabled: another gateway is enabled",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Gateway enable(@PathParam("id") long id) {
        return subscriptions.enableGateway(id);
    }

    @POST
    @Path("/{id}/disable")
    @Operation(
            operationId = "disableNotificationGateway",
            summary = "Stop sending to this gateway; messages wait for an enabled one")
    public Gateway disable(@PathParam("id") long id) {
        return subscriptions.disableGateway(id);
    }

    @POST
    @Path("/{id}/rotate-secret")
    @Operation(
            operationId = "rotateNotificationGatewaySecret",
            summary = "A new secret (shown once); the previous one still signs during the grace period")
    public Gateway rotate(@PathParam("id") long id) {
        return subscriptions.rotateGateway(id);
    }

    @GET
    @Path("/{id}/deliveries")
    @Operation(
            operationId = "listNotificationGatewayDeliveries",
            summary = "Messages sent to this gateway, newest first, with every attempt")
    public PageResponse<GatewayDelivery> deliveries(
            @PathParam("id") long id,
            @QueryParam("status")
                    @Pattern(regexp = "PENDING|DELIVERED|FAILED", message = "must be PENDING, DELIVERED or FAILED")
                    String status,
            @Valid @BeanParam PageParams page) {
        return deliveries.gatewayDeliveries(id, status, page);
    }

    @POST
    @Path("/{id}/deliveries/{deliveryId}/replay")
    @Operation(
            operationId = "replayNotificationGatewayDelivery",
            summary = "Send a message again from the start of its retry schedule, with the same webhook-id")
    @APIResponse(
            responseCode = "200",
            description = "The delivery, due at once (or when quiet hours end)",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = GatewayDelivery.class)))
    @APIResponse(
            responseCode = "409",
            description = "already-exists: the delivery is pending already",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public GatewayDelivery replay(@PathParam("id") long id, @PathParam("deliveryId") long deliveryId) {
        return deliveries.replayGateway(id, deliveryId);
    }
}
