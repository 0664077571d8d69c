package cn.gov.exam.change.auth;

import cn.gov.exam.change.common.problems.Problem;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/auth")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Authentication")
@PermitAll
public class AuthResource {
    @Inject
    StaffAuthService staff;

    @Inject
    ApplicantAuthService applicants;

    @POST
    @Path("/applicant-token")
    @Operation(
            operationId = "signInApplicant",
            summary = "Sign in as an applicant of a cancelled position and get a bearer token bound to the exam")
    @APIResponse(responseCode = "200", description = "A signed JWT")
    @APIResponse(
            responseCode = "401",
            description = "invalid-credentials",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "403",
            description = "sign-in-not-allowed: not a confirmed applicant of a cancelled position",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "not-found: no such exam",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "429",
            description = "account-locked, with Retry-After",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "503",
            description = "service-busy: too many sign-ins at once; service-unavailable: the database cannot serve the"
                    + " request now (both with Retry-After)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public TokenResponse applicantToken(@NotNull @Valid ApplicantTokenRequest request) {
        return applicants.issueToken(request);
    }

    @POST
    @Path("/staff-token")
    @Operation(operationId = "signInStaff", summary = "Sign in as bureau staff and get a bearer token")
    @APIResponse(responseCode = "200", description = "A signed JWT")
    @APIResponse(
            responseCode = "401",
            description = "invalid-credentials",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "429",
            description = "account-locked, with Retry-After",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "503",
            description = "service-busy: too many sign-ins at once; service-unavailable: the database cannot serve the"
                    + " request now (both with Retry-After)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public TokenResponse staffToken(@NotNull @Valid StaffTokenRequest request) {
        return staff.issueToken(request);
    }
}
