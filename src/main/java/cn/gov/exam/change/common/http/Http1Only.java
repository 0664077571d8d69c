package cn.gov.exam.change.common.http;

import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * HTTP/1.1 only. A request that reaches Quarkus REST already read to its end (an h2c upgrade carries
 * its body in the HTTP/1.1 request; {@link BodyLimits} reads JSON bodies first) fails over HTTP/2
 * with "Request has already been read" and a 500 (quarkusio/quarkus#34393): Java's own HTTP client
 * offers the upgrade by default, so a payment system's signed confirmation would be lost. Offers of
 * h2c are ignored and TLS negotiates HTTP/1.1; the load balancer in front speaks HTTP/2 to browsers.
 */
@ApplicationScoped
public class Http1Only implements HttpServerOptionsCustomizer {
    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        options.setHttp2ClearTextEnabled(false);
    }

    @Override
    public void customizeHttpsServer(HttpServerOptions options) {
        options.setUseAlpn(false);
    }
}
