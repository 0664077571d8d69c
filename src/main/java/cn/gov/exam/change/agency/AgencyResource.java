package cn.gov.exam.change.agency;

import cn.gov.exam.change.agency.AgencyViews.AgencyRequest;
import cn.gov.exam.change.agency.AgencyViews.AgencyView;
import cn.gov.exam.change.agency.AgencyViews.RenameRequest;
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
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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

@Path("/api/v1/admin/agencies")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@SecurityRequirement(name = "bearer")
@Tag(name = "Agencies")
public class AgencyResource {
    @Inject
    AgencyService agencies;

    @GET
    @Operation(
            operationId = "listAgencies",
            summary = "The registry of recruiting agencies, by code",
            description = "q matches code or name, whatever their case")
    public PageResponse<AgencyView> list(@QueryParam("q") String q, @Valid @BeanParam PageParams page) {
        return agencies.list(q, page);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "createAgency",
            summary = "Add an agency to the registry (the code is stored upper-case); audited")
    @APIResponse(
            responseCode = "201",
            description = "The agency",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = AgencyView.class)))
    @APIResponse(
            responseCode = "409",
            description = "already-exists: the code is in the registry (whatever its case)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RestResponse<AgencyView> create(@NotNull @Valid AgencyRequest request) {
        AgencyView v = agencies.create(request);
        return RestResponse.ResponseBuilder.<AgencyView>created(URI.create("/api/v1/admin/agencies/" + v.code()))
                .entity(v)
                .build();
    }

    @PUT
    @Path("/{code}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "renameAgency",
            summary = "Rename an agency; its positions in every exam take the name; audited")
    public AgencyView rename(@PathParam("code") String code, @NotNull @Valid RenameRequest request) {
        return agencies.rename(code, request.name());
    }
}
