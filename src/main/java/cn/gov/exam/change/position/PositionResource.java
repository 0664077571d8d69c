package cn.gov.exam.change.position;

import cn.gov.exam.change.common.credentials.Roles;
import cn.gov.exam.change.common.http.QueryValues;
import cn.gov.exam.change.common.imports.ImportResult;
import cn.gov.exam.change.common.paging.PageParams;
import cn.gov.exam.change.common.paging.PageResponse;
import cn.gov.exam.change.common.problems.Problem;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Positions")
public class PositionResource {
    @Inject
    PositionService positions;

    @POST
    @Path("/admin/exams/{examCode}/positions")
    @Consumes({MediaType.APPLICATION_JSON, "text/csv"})
    @RolesAllowed(Roles.ADMIN)
    @SecurityRequirement(name = "bearer")
    @Operation(
            operationId = "importPositions",
            summary = "Import positions (JSON array or CSV), upserted by code, all or nothing",
            description =
                    "CSV columns: code, agencyCode, agencyName, employer, title, quota, ratio, minEducation, "
                            + "degreeRequired, majors (separated by |), maxAge, politicalStatus, minGrassrootsYears, householdRegion")
    @RequestBody(description = "JSON array of positions or CSV with a header row")
    @APIResponse(
            responseCode = "200",
            description = "What the import did",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ImportResult.class)))
    @APIResponse(
            responseCode = "409",
            description = "exam-already-published: positions are frozen",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ImportResult importPositions(
            @PathParam("examCode") String examCode,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            InputStream body) {
        return positions.importPositions(examCode, body, contentType);
    }

    @GET
    @Path("/exams/{examCode}/positions")
    @PermitAll
    @Operation(operationId = "listPositions", summary = "Positions of an exam, by code, with filters")
    public PageResponse<PositionView> list(
            @PathParam("examCode") String examCode,
            @QueryParam("status") String status,
            @QueryParam("agency") String agency,
            @QueryParam("q") String q,
            @Valid @BeanParam PageParams page) {
        return positions.list(
                examCode,
                QueryValues.enumOrNull(PositionStatus.class, status, "status"),
                new PositionSearch(q, agency),
                page);
    }
}
