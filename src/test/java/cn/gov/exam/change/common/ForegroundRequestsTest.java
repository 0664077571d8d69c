package cn.gov.exam.change.common;

import cn.gov.exam.change.support.Eventually;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.function.IntPredicate;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What the password checks give way to: an API request counts from its headers until it is answered
 * or its client goes away, so that a client that walks off mid-request cannot leave sign-in slowed.
 */
@QuarkusTest
class ForegroundRequestsTest {
    @Inject
    ForegroundRequests foreground;

    @Test
    void aRequestCountsUntilItsClientGoesAway() throws Exception {
        int before = foreground.inFlight();
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            partialRequest(socket, "/api/v1/me/switch");
            awaitInFlight(n -> n == before + 1, "the switch whose body is still coming");
        }
        awaitInFlight(n -> n == before, "after its client closed the connection");
    }

    @Test
    void signInsAndPagesDoNotCount() throws Exception {
        int before = foreground.inFlight();
        try (Socket signIn = new Socket("localhost", RestAssured.port);
             Socket page = new Socket("localhost", RestAssured.port);
             Socket status = new Socket("localhost", RestAssured.port)) {
            partialRequest(signIn, "/api/v1/auth/applicant-token");
            partialRequest(page, "/");
            partialRequest(status, "/api/v1/me/switch");
            awaitInFlight(n -> n >= before + 1, "the switch");
            // Each is routed within milliseconds of its headers: by now a counted sign-in would show.
            Thread.sleep(300);
            assertEquals(before + 1, foreground.inFlight(), "the sign-in or the page was counted");
        }
        awaitInFlight(n -> n == before, "after the clients went away");
    }

    /** Headers and the first byte of a JSON body of 50: the server reads on, waiting for the rest. */
    private static void partialRequest(Socket socket, String path) throws Exception {
        OutputStream out = socket.getOutputStream();
        out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: 50\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private void awaitInFlight(IntPredicate expected, String what) throws InterruptedException {
        Eventually.await(() -> expected.test(foreground.inFlight()),
                () -> what + ": " + foreground.inFlight() + " in flight");
    }
}
