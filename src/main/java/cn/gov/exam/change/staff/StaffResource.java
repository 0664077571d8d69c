package cn.gov.exam.change.staff;

import cn.gov.exam.change.auth.SignInUnlocked;
import cn.gov.exam.change.common.credentials.Roles;
import cn.gov.exam.change.common.paging.PageParams;
import cn.gov.exam.change.common.paging.PageResponse;
import cn.gov.exam.change.common.problems.Problem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/api/v1/admin/staff")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@SecurityRequirement(name = "bearer")
@Tag(name = "Staff")
public class StaffResource {
    @Inject
    StaffService staff;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(
            responseCode = "201",
            description = "The account",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = StaffView.class)))
    @Operation(
            operationId = "createStaffAccount",
            summary = "Create an ADMIN, or a REVIEWER of one registry agency (code in any case, stored upper-case)",
            description = "Passwords: at least 12 characters mixing letters, digits or symbols, not containing the"
                    + " username, not one of the well-known passwords shipped with the service. Usernames are unique"
                    + " whatever their case and may not begin with applicant, anonymous, system, payment-system or"
                    + " dispatcher (the other actors of the audit log)")
    @APIResponse(
            responseCode = "409",
            description = "already-exists: the username is taken (whatever its case)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RestResponse<StaffView> create(@NotNull @Valid StaffRequest request) {
        StaffView v = staff.create(request);
        return RestResponse.ResponseBuilder.<StaffView>created(URI.create("/api/v1/admin/staff/" + v.username()))
                .entity(v)
                .build();
    }

    @GET
    @Operation(operationId = "listStaffAccounts", summary = "Staff accounts by username")
    public PageResponse<StaffView> list(@Valid @BeanParam PageParams page) {
        return staff.list(page);
    }

    @POST
    @Path("/{username}/disable")
    @Operation(operationId = "disableStaffAccount", summary = "Disable an account: its tokens stop working at once")
    public StaffView disable(@PathParam("username") String username) {
        return staff.setEnabled(username, false);
    }

    @POST
    @Path("/{username}/unlock")
    @Operation(
            operationId = "unlockStaffSignIn",
            summary = "Clear the sign-in waits of a staff account, from every client; audited")
    public SignInUnlocked unlock(@PathParam("username") String username) {
        return new SignInUnlocked(username, staff.unlock(username));
    }

    @PATCH
    @Path("/{username}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "updateStaffAccount",
            summary = "Edit an account: a reviewer's agency (a registry code, any case), enabled; audited",
            description = "A new agency ends the account's current tokens (they carry the old agency)")
    public StaffView update(@PathParam("username") String username, @NotNull @Valid StaffUpdateRequest request) {
        return staff.update(username, request);
    }

    @POST
    @Path("/{username}/enable")
    @Operation(operationId = "enableStaffAccount", summary = "Enable a disabled account")
    public StaffView enable(@PathParam("username") String username) {
        return staff.setEnabled(username, true);
    }
}
