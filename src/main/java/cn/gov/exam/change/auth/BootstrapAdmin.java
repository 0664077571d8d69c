package cn.gov.exam.change.auth;

import cn.gov.exam.change.common.AppConfig;
import cn.gov.exam.change.common.credentials.Roles;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/** Creates the configured ADMIN account at start when it does not exist yet. */
@ApplicationScoped
public class BootstrapAdmin {
    private static final Logger LOG = Logger.getLogger(BootstrapAdmin.class);

    @Inject
    AppConfig config;

    @Inject
    StaffAuthService staff;

    void onStart(@Observes @Priority(10) StartupEvent event) {
        var admin = config.bootstrapAdmin();
        if (admin.username().isEmpty() || admin.password().isEmpty()) {
            return;
        }
        var problems = StaffCredentialsPolicy.problems(
                admin.username().get(), admin.password().get());
        if (!problems.isEmpty()) {
            throw new IllegalStateException("app.bootstrap-admin: "
                    + problems.stream()
                            .map(p -> p.field() + " " + p.message())
                            .collect(java.util.stream.Collectors.joining("; ")));
        }
        if (staff.createIfAbsent(admin.username().get(), admin.password().get(), Roles.ADMIN, null)) {
            LOG.infof(
                    "Created the bootstrap ADMIN account '%s'", admin.username().get());
        }
    }
}
