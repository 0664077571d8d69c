package cn.gov.exam.change.registration;

import cn.gov.exam.change.common.credentials.Roles;
import cn.gov.exam.change.common.imports.ImportResult;
import cn.gov.exam.change.common.problems.Problem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
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

@Path("/api/v1/admin/exams/{examCode}/registrations")
@Tag(name = "Registrations")
@SecurityRequirement(name = "bearer")
public class RegistrationResource {
    @Inject
    RegistrationImportService imports;

    @POST
    @Consumes({MediaType.APPLICATION_JSON, "text/csv"})
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            operationId = "importRegistrations",
            summary = "Import the registration system's export (JSON array or CSV), streamed, all or nothing",
            description =
                    "CSV columns: idNumber, name, phone, birthDate, education, degree, major, politicalStatus, "
                            + "grassrootsYears, householdRegion, password or passwordHash, positionCode, fee.status, "
                            + "fee.amount, fee.currency, fee.channel, fee.transactionId, fee.paidAt (the fee. prefix is optional)")
    @RequestBody(description = "JSON array of registrations or CSV with a header row")
    @APIResponse(
            responseCode = "200",
            description = "What the import did",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ImportResult.class)))
    @APIResponse(
            responseCode = "409",
            description = "exam-already-published: registrations are frozen",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ImportResult importRegistrations(
            @PathParam("examCode") String examCode,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            InputStream body) {
        return imports.importRegistrations(examCode, body, contentType);
    }
}
