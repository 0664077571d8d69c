package cn.gov.exam.change.auth;

import cn.gov.exam.change.common.credentials.Roles;
import cn.gov.exam.change.common.problems.Problem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/admin/exams/{examCode}/applicants")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@SecurityRequirement(name = "bearer")
@Tag(name = "Authentication")
public class SignInLockResource {
    @Inject
    ApplicantAuthService applicants;

    @POST
    @Path("/{idNumber}/unlock")
    @Operation(
            operationId = "unlockApplicantSignIn",
            summary = "Clear an applicant's sign-in waits in one exam, from every client; audited",
            description = "For an applicant who was slowed down by someone else's wrong passwords. The ID number"
                    + " need not belong to a registration.")
    @APIResponse(responseCode = "200", description = "What was cleared (the ID number masked)")
    @APIResponse(
            responseCode = "400",
            description = "validation-failed: not a valid ID number",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "not-found: no such exam",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public SignInUnlocked unlock(@PathParam("examCode") String examCode, @PathParam("idNumber") String idNumber) {
        return applicants.unlock(examCode, idNumber);
    }

    @POST
    @Path("/{idNumber}/password-reset")
    @Operation(
            operationId = "resetApplicantPassword",
            summary = "Give an applicant who forgot their password a new one, shown once; audited",
            description = "The applicant's earlier tokens stop working at once and their sign-in waits are cleared. "
                    + "The administrator checks who is calling (ID card) before, and tells the new password to them.")
    @APIResponse(responseCode = "200", description = "The new password (the ID number masked)")
    @APIResponse(
            responseCode = "400",
            description = "validation-failed: not a valid ID number",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "not-found: no such exam, or no applicant of it with this ID number",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ApplicantPasswordReset resetPassword(
            @PathParam("examCode") String examCode, @PathParam("idNumber") String idNumber) {
        return applicants.resetPassword(examCode, idNumber);
    }
}
