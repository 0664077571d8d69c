package cn.gov.exam.change.common.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * A client that offers an h2c upgrade with its first request, as Java's own HTTP client does by
 * default (a payment system's confirmation, say), is answered over HTTP/1.1 by the resource, not
 * with the 500 "Request has already been read" of a body read before Quarkus REST over HTTP/2.
 */
@QuarkusTest
class Http1OnlyTest {
    @TestHTTPResource("/")
    URI base;

    @Test
    void anUpgradeOfferedWithABodyIsAnsweredByTheResource() throws Exception {
        HttpClient http2First =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        HttpResponse<String> callback = http2First.send(
                HttpRequest.newBuilder(base.resolve("/api/v1/payment-callbacks/refunds"))
                        .header("Content-Type", "application/json")
                        .header("webhook-id", "msg_h2c")
                        .header("webhook-timestamp", Long.toString(System.currentTimeMillis() / 1000))
                        .header("webhook-signature", "v1,bm90IGEgc2lnbmF0dXJl")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"refundId\":1,\"status\":\"SUCCEEDED\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, callback.statusCode(), callback.body());
        assertEquals(HttpClient.Version.HTTP_1_1, callback.version());
        HttpResponse<String> signIn = http2First.send(
                HttpRequest.newBuilder(base.resolve("/api/v1/auth/staff-token"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"nobody\",\"password\":\"wrong\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, signIn.statusCode(), signIn.body());
    }
}
