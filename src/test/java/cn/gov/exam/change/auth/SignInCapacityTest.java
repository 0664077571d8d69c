package cn.gov.exam.change.auth;

import cn.gov.exam.change.common.ForegroundRequests;
import cn.gov.exam.change.support.Api;
import cn.gov.exam.change.support.Eventually;
import cn.gov.exam.change.support.SwitchFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
                    return given().header("X-Forwarded-For", client).contentType(ContentType.JSON)
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
        // The checks ran at the lowest OS priority (app.sign-in.password-check-nice) and under
        // SCHED_IDLE (password-check-idle-policy), so that switching and status reads preempt them.
        assertEquals(List.of(19), passwordCheckThreads(19).stream().distinct().toList(), "nice");
        assertEquals(List.of(SCHED_IDLE), passwordCheckThreads(41).stream().distinct().toList(), "policy");
    }

    @Inject
    ForegroundRequests foreground;

    @Test
    void aPasswordCheckWaitsWhileOtherRequestsAreInFlight() throws Exception {
        SwitchFixture f = new SwitchFixture(1, 0);
        ExecutorService client = Executors.newSingleThreadExecutor();
        try {
            foreground.enter(); // as a switch or a status read being served
            Future<Response> signIn;
            try {
                signIn = client.submit(() -> given().header("X-Forwarded-For", "198.18.1.1")
                        .contentType(ContentType.JSON)
                        .body(Map.of("examCode", f.exam, "idNumber", f.paid, "password", Api.PASSWORD))
                        .post("/api/v1/auth/applicant-token"));
                // Its check gives way between slices: a password-check thread waits for quiet.
                Eventually.await(SignInCapacityTest::aCheckIsGivingWay,
                        () -> "no password check waited for the request in flight");
                assertFalse(signIn.isDone());
            } finally {
                foreground.leave();
            }
            Response r = signIn.get(30, TimeUnit.SECONDS);
            assertEquals(200, r.statusCode(), r.asString());
        } finally {
            client.shutdownNow();
        }
    }

    private static boolean aCheckIsGivingWay() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> e.getKey().getName().startsWith("password-check"))
                .anyMatch(e -> Arrays.stream(e.getValue()).anyMatch(frame ->
                        frame.getClassName().equals(ForegroundRequests.class.getName())
                                && frame.getMethodName().equals("awaitQuiet")));
    }

    private static final int SCHED_IDLE = 5;

    /**
     * A field of /proc/.../stat of each of this JVM's password-check threads (Linux names a thread
     * by 15 characters): 19 is the nice value, 41 the scheduling policy.
     */
    private static List<Integer> passwordCheckThreads(int field) throws Exception {
        List<Integer> values = new ArrayList<>();
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                if (Files.readString(task.resolve("comm")).startsWith("password-check")) {
                    String stat = Files.readString(task.resolve("stat"));
                    // After "(comm)": state is field 3.
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    values.add(Integer.parseInt(fields[field - 3]));
                }
            }
        }
        assertTrue(!values.isEmpty(), "no password-check thread found");
        return values;
    }
}
