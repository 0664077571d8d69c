package cn.gov.exam.change.me;

import cn.gov.exam.change.auth.ApplicantPrincipal;
import cn.gov.exam.change.common.credentials.Roles;
import cn.gov.exam.change.common.paging.PageParams;
import cn.gov.exam.change.common.problems.Problem;
import cn.gov.exam.change.position.PositionSearch;
import cn.gov.exam.change.receipt.ReceiptService;
import cn.gov.exam.change.receipt.ReceiptViews.Receipt;
import cn.gov.exam.change.refund.RefundService;
import cn.gov.exam.change.refund.RefundView;
import cn.gov.exam.change.switching.SwitchReads;
import cn.gov.exam.change.switching.SwitchService;
import cn.gov.exam.change.switching.SwitchViews.Me;
import cn.gov.exam.change.switching.SwitchViews.Options;
import cn.gov.exam.change.switching.SwitchViews.SwitchRequest;
import cn.gov.exam.change.switching.SwitchViews.SwitchView;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/api/v1/me")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.APPLICANT)
@SecurityRequirement(name = "bearer")
@Tag(name = "Applicants")
public class MeResource {
    @Inject
    JsonWebToken jwt;

    @Inject
    SwitchService switches;

    @Inject
    SwitchReads reads;

    @Inject
    RefundService refunds;

    @Inject
    MeService me;

    @Inject
    ReceiptService receipts;

    @GET
    @Operation(
            operationId = "getMyStatus",
            summary = "The signed-in applicant's registration, switch and refund status")
    public Me me() {
        return me.me(ApplicantPrincipal.of(jwt));
    }

    @GET
    @Path("/receipts/{code}")
    @Operation(
            operationId = "getMyReceipt",
            summary = "One of the applicant's receipts, with their name in full (the print page)")
    @APIResponse(
            responseCode = "200",
            description = "The receipt",
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Receipt.class)))
    @APIResponse(
            responseCode = "400",
            description = "receipt-code-invalid",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "receipt-not-found: no receipt of this applicant has the code",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Receipt receipt(@jakarta.ws.rs.PathParam("code") String code) {
        return receipts.mine(ApplicantPrincipal.of(jwt).registrationId(), code);
    }

    @GET
    @Path("/switch-options")
    @Operation(
            operationId = "listSwitchOptions",
            summary = "Open and reduced positions the applicant may switch to, with a precheck of each",
            description = "qualifiedOnly (default true) hides positions whose precheck FAILs")
    public Options options(
            @QueryParam("q") String q,
            @QueryParam("agency") String agency,
            @QueryParam("qualifiedOnly") @DefaultValue("true") boolean qualifiedOnly,
            @Valid @BeanParam PageParams page) {
        return reads.options(ApplicantPrincipal.of(jwt), new PositionSearch(q, agency), qualifiedOnly, page);
    }

    @POST
    @Path("/switch")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "switchPosition",
            summary = "Switch to another position (once; the fee carries over); the switch awaits review",
            description = "With an Idempotency-Key, repeating the same request replays the first response")
    @APIResponse(
            responseCode = "201",
            description = "The switch, PENDING review",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = SwitchView.class)))
    @APIResponse(
            responseCode = "404",
            description = "not-found: no such position in the exam",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "switch-window-not-open, switch-window-closed, position-not-open, "
                    + "same-position, position-previously-rejected (its agency rejected this applicant already), "
                    + "no-switches-left, switch-pending, idempotency-key-in-use",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "422",
            description = "requirements-not-met (failedRequirements), idempotency-key-reused",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<SwitchView>> requestSwitch(
            @NotNull @Valid SwitchRequest request, @HeaderParam("Idempotency-Key") String idempotencyKey) {
        return switches.requestSwitch(
                        ApplicantPrincipal.of(jwt), request.targetPositionCode().trim(), idempotencyKey)
                .map(outcome -> {
                    RestResponse.ResponseBuilder<SwitchView> b = RestResponse.ResponseBuilder.<SwitchView>create(
                                    outcome.status())
                            // A relative reference as it is: building an absolute URI cost 3 % of a switch's CPU.
                            .entity(outcome.view())
                            .header(HttpHeaders.LOCATION, "/api/v1/me");
                    if (outcome.replayed()) {
                        b.header("Idempotent-Replayed", "true");
                    }
                    return b.build();
                });
    }

    @POST
    @Path("/refund-request")
    @Operation(
            operationId = "declineAndRequestRefund",
            summary = "Decline to switch and have the fee refunded through the original channel")
    @APIResponse(
            responseCode = "201",
            description = "The refund, QUEUED",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = RefundView.class)))
    @APIResponse(
            responseCode = "409",
            description = "refund-not-allowed: a switch is pending or approved, the refund "
                    + "exists, or the fee was waived",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RestResponse<RefundView> requestRefund() {
        RefundView refund = refunds.decline(ApplicantPrincipal.of(jwt));
        return RestResponse.ResponseBuilder.<RefundView>created(URI.create("/api/v1/me"))
                .entity(refund)
                .build();
    }
}
