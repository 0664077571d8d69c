package cn.gov.exam.change.notification;

import cn.gov.exam.change.common.credentials.Roles;
import cn.gov.exam.change.common.paging.PageParams;
import cn.gov.exam.change.common.paging.PageResponse;
import cn.gov.exam.change.common.problems.Problem;
import cn.gov.exam.change.notification.NotificationViews.StaffNotification;
import cn.gov.exam.change.notification.NotificationViews.Summary;
import cn.gov.exam.change.webhook.Deliveries;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The console's 短信通知 page: counts, an applicant's messages (masked), failures and their resend. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@SecurityRequirement(name = "bearer")
@Tag(name = "Notifications")
public class NotificationResource {
    @Inject
    NotificationReads reads;

    @Inject
    Deliveries deliveries;

    @GET
    @Path("/admin/exams/{examCode}/notifications/summary")
    @Operation(
            operationId = "getNotificationSummary",
            summary = "Counts per kind and status, affected applicants without a mobile number, the SMS backlog")
    public Summary summary(@PathParam("examCode") String examCode) {
        return reads.summary(examCode);
    }

    @GET
    @Path("/admin/exams/{examCode}/notifications")
    @Operation(
            operationId = "listNotifications",
            summary = "An exam's notifications, newest first: of one applicant (idNumber), of a status or kind;"
                    + " mobile numbers masked")
    public PageResponse<StaffNotification> list(
            @PathParam("examCode") String examCode,
            @QueryParam("idNumber") @Pattern(regexp = "[0-9]{17}[0-9Xx]", message = "must be an 18-character ID number")
                    String idNumber,
            @QueryParam("status")
                    @Pattern(
                            regexp = "NO_MOBILE|PENDING|DELIVERED|FAILED",
                            message = "must be NO_MOBILE, PENDING, DELIVERED or FAILED")
                    String status,
            @QueryParam("kind")
                    @Pattern(
                            regexp =
                                    "POSITION_CANCELLED|DEADLINE_REMINDER|SWITCH_RECEIVED|REVIEW_APPROVED|REVIEW_REJECTED"
                                            + "|REFUND_QUEUED|REFUND_SUCCEEDED|REFUND_FAILED",
                            message = "must be a notification kind")
                    String kind,
            @Valid @BeanParam PageParams page) {
        return reads.list(
                examCode, idNumber == null ? null : idNumber.toUpperCase(java.util.Locale.ROOT), status, kind, page);
    }

    @POST
    @Path("/admin/notifications/{id}/resend")
    @Operation(
            operationId = "resendNotification",
            summary = "Send a FAILED SMS again (same webhook-id), at once or when quiet hours end; audited")
    @APIResponse(
            responseCode = "200",
            description = "The notification, its SMS pending",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = StaffNotification.class)))
    @APIResponse(
            responseCode = "409",
            description = "already-exists: the SMS is not FAILED (pending or delivered), or there is none (no mobile)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public StaffNotification resend(@PathParam("id") long id) {
        reads.one(id);
        deliveries.resendNotification(id);
        return reads.one(id);
    }
}
