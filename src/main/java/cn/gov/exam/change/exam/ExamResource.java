package cn.gov.exam.change.exam;

import cn.gov.exam.change.common.credentials.Roles;
import cn.gov.exam.change.common.paging.PageParams;
import cn.gov.exam.change.common.paging.PageResponse;
import cn.gov.exam.change.common.problems.Problem;
import jakarta.annotation.security.PermitAll;
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
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Exams")
public class ExamResource {
    @Inject
    ExamService exams;

    @POST
    @Path("/admin/exams")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @SecurityRequirement(name = "bearer")
    @Operation(operationId = "createExam", summary = "Create an exam with its settings and timeline")
    @APIResponse(
            responseCode = "201",
            description = "The exam",
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ExamView.class)))
    @APIResponse(
            responseCode = "409",
            description = "already-exists: use PUT to change an exam",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RestResponse<ExamView> create(@NotNull @Valid ExamRequest request) {
        ExamView view = exams.create(request);
        return RestResponse.ResponseBuilder.<ExamView>created(URI.create("/api/v1/exams/" + view.code()))
                .entity(view)
                .build();
    }

    @PUT
    @Path("/admin/exams/{examCode}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @SecurityRequirement(name = "bearer")
    @Operation(
            operationId = "updateExam",
            summary = "Create or update an exam; ratio settings are frozen once the ratio check is published",
            description = "On an update, maxSwitches, feeAmount and registrationClosedAt keep their current value when "
                    + "omitted or null; every other field is required and replaces the current value.")
    @APIResponse(
            responseCode = "200",
            description = "The exam, created or updated",
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ExamView.class)))
    @APIResponse(
            responseCode = "409",
            description = "exam-already-published: the ratio settings are frozen",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ExamView put(@PathParam("examCode") String examCode, @NotNull @Valid ExamRequest request) {
        return exams.put(examCode, request);
    }

    @GET
    @Path("/exams")
    @PermitAll
    @Operation(operationId = "listExams", summary = "Exams with their timeline and current phase")
    public PageResponse<ExamView> list(@Valid @BeanParam PageParams page) {
        return exams.list(page);
    }

    @GET
    @Path("/exams/{examCode}")
    @PermitAll
    @Operation(operationId = "getExam", summary = "One exam with its timeline and current phase")
    public ExamView get(@PathParam("examCode") String examCode) {
        return exams.get(examCode);
    }
}
