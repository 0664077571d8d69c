package cn.gov.exam.change.auth;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.gov.exam.change.support.Api;
import cn.gov.exam.change.support.SwitchFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Password checks have a pool and a queue of their own: past them sign-in says so at once. */
@QuarkusTest
class SignInCapacityTest {
    @Test
    void aBurstBeyondThePasswordCheckQueueIsAnsweredServiceBusy() throws Exception {
        SwitchFixture f = new SwitchFixture(1, 0);
        int burst = 80; // more than the pool's threads and its queue of 32
        ExecutorService clients = Executors.newFixedThreadPool(burst);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Response>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < burst; i++) {
                String client = "198.18.0." + (i + 1);
                answers.add(clients.submit(() -> {
                    start.await();
                    return given().header("X-Forwarded-For", client)
                            .contentType(ContentType.JSON)
                            .body(Map.of("examCode", f.exam, "idNumber", f.paid, "password", Api.PASSWORD))
                            .post("/api/v1/auth/applicant-token");
                }));
            }
            start.countDown();
            int ok = 0;
            int busy = 0;
            for (Future<Response> a : answers) {
                Response r = a.get();
                if (r.statusCode() == 503) {
                    busy++;
                    assertEquals("https://position-change.example/problems/service-busy", r.path("type"));
                    assertEquals("1", r.header("Retry-After"));
                    assertTrue(r.contentType().startsWith("application/problem+json"));
                } else {
                    assertEquals(200, r.statusCode(), r.asString());
                    ok++;
                }
            }
            System.out.printf("Sign-in burst of %d: %d signed in, %d told service-busy%n", burst, ok, busy);
            assertTrue(busy > 0, "no sign-in was turned away");
            assertTrue(ok > 0, "no sign-in went through");
        } finally {
            clients.shutdownNow();
        }
        // The burst over, sign-in works as before.
        Api.applicantToken(f.exam, f.paid);
    }
}
