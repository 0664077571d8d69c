package cn.gov.exam.change.receipt;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The public page {@code /verify} (where a receipt's QR code points) is the static
 * {@code verify/index.html}: the static handler serves a directory's index only under its trailing
 * slash, so {@code /verify} is rerouted to {@code /verify/} inside the server (the address the
 * phone shows stays {@code /verify?code=…}; the pages' headers and CSP apply as to every page).
 */
@ApplicationScoped
public class VerifyPage {
    void install(@Observes Router router) {
        // A regex: a plain "/verify" route would match "/verify/" as well, and reroute it forever.
        router.getWithRegex("/verify").handler(ctx -> {
            String query = ctx.request().query();
            ctx.reroute(query == null ? "/verify/" : "/verify/?" + query);
        });
    }
}
