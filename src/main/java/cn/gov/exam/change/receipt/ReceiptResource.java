package cn.gov.exam.change.receipt;

import cn.gov.exam.change.common.credentials.Roles;
import cn.gov.exam.change.common.problems.Problem;
import cn.gov.exam.change.receipt.ReceiptViews.Receipt;
import cn.gov.exam.change.receipt.ReceiptViews.StaffReceipt;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseHeader;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/api/v1")
@Tag(name = "Receipts")
public class ReceiptResource {
    static final String SVG = "image/svg+xml";

    @Inject
    ReceiptService receipts;

    @Context
    UriInfo uri;

    @GET
    @Path("/receipts/{code}")
    @Produces(MediaType.APPLICATION_JSON)
    @PermitAll
    @Operation(
            operationId = "verifyReceipt",
            summary = "Verify a receipt by its code (no token): what it says, masked, and whether it is current",
            description = "Case, spaces and dashes in the code are ignored. Unknown codes are counted per client "
                    + "address: too many make the address wait (429 too-many-lookups with Retry-After). "
                    + "Lookups are audited per hour in aggregate (receipt.lookups), not one by one.")
    @APIResponse(
            responseCode = "200",
            description = "The receipt, masked",
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Receipt.class)))
    @APIResponse(
            responseCode = "400",
            description = "receipt-code-invalid: not 16 characters of the alphabet, or the check character fails",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "receipt-not-found",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "429",
            description = "too-many-lookups, with Retry-After",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ResponseHeader(name = "Cache-Control", value = "no-store")
    public Receipt verify(@PathParam("code") String code) {
        return receipts.lookup(code);
    }

    @GET
    @Path("/receipts/{code}/qr.svg")
    @Produces(SVG)
    @PermitAll
    @Operation(
            operationId = "receiptQrCode",
            summary = "The QR code of a receipt's verification URL (<public-url>/verify?code=…), as SVG",
            description = "Drawn for any well-formed code without looking it up: it tells nothing about which "
                    + "codes exist.")
    @APIResponse(
            responseCode = "200",
            description = "The QR code",
            content =
                    @Content(
                            mediaType = SVG,
                            schema =
                                    @Schema(
                                            type =
                                                    org.eclipse.microprofile.openapi.annotations.enums.SchemaType
                                                            .STRING)))
    @APIResponse(
            responseCode = "400",
            description = "receipt-code-invalid",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RestResponse<String> qr(@PathParam("code") String code) {
        return RestResponse.ResponseBuilder.ok(receipts.qrSvg(code, uri.getBaseUri()), SVG)
                .header("Cache-Control", "public, max-age=86400")
                .build();
    }

    @GET
    @Path("/admin/receipts/{code}")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.REVIEWER})
    @SecurityRequirement(name = "bearer")
    @Operation(
            operationId = "getReceiptRecord",
            summary = "The full record behind a receipt code (ADMIN; a REVIEWER for their agency's positions)")
    @APIResponse(
            responseCode = "200",
            description = "The receipt with the name in full, the switch or refund as it is now, and every "
                    + "receipt of the registration",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = StaffReceipt.class)))
    @APIResponse(
            responseCode = "400",
            description = "receipt-code-invalid",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "receipt-not-found (also another agency's receipt, for a reviewer)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public StaffReceipt staff(@PathParam("code") String code) {
        return receipts.staff(code);
    }
}
