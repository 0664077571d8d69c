package cn.gov.exam.change.notification;

import cn.gov.exam.change.auth.ApplicantPrincipal;
import cn.gov.exam.change.common.credentials.Roles;
import cn.gov.exam.change.notification.NotificationViews.MyNotifications;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/me/notifications")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.APPLICANT)
@SecurityRequirement(name = "bearer")
@Tag(name = "Applicants")
public class MyNotificationsResource {
    @Inject
    JsonWebToken jwt;

    @Inject
    NotificationReads reads;

    @GET
    @Operation(
            operationId = "listMyNotifications",
            summary = "The applicant's messages, newest first (the last 50): the same texts as the SMS")
    public MyNotifications mine() {
        return new MyNotifications(reads.mine(ApplicantPrincipal.of(jwt)));
    }
}
