import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * bench/faults.sh's clients (single-file Java, no dependencies). Two modes:
 *
 *   load EXAM FIRST COUNT WORKERS SECONDS OUT_DIR BASE_URL...
 *     WORKERS applicants at a time, each signing in and then switching with an Idempotency-Key of
 *     its own, as a careful client does: an answer of 5xx, a network error or a timeout (30 s) is
 *     retried with the same key after Retry-After (or 1 s), on the next instance, as a load
 *     balancer would; 409 idempotency-key-in-use is retried too. New applicants start for SECONDS;
 *     the ones started are followed until they have a definitive answer (or 180 s have passed).
 *     OUT_DIR/answers.csv: one line per HTTP answer (ms since epoch at the answer, kind, instance,
 *     status or "net", wait in ms); OUT_DIR/acks.csv: applicant index, switch id of each 201.
 *
 *   poll OUT_FILE MANAGEMENT_URL...
 *     Reads /q/health/ready of each instance every 200 ms (3 s client timeout) until killed, one
 *     line per read: ms since epoch, instance, UP/DOWN/unreachable, time to the answer in ms.
 */
public class FaultLoad {
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3)).executor(Executors.newFixedThreadPool(8)).build();
    static final Pattern TOKEN = Pattern.compile("\"accessToken\":\"([^\"]+)\"");
    static final Pattern ID = Pattern.compile("\"id\":(\\d+)");

    public static void main(String[] a) throws Exception {
        try {
            if (a[0].equals("poll")) {
                poll(a);
            } else {
                load(a);
            }
        } catch (Throwable t) {
            t.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    // --- load

    static PrintWriter answers;
    static PrintWriter acks;

    static void load(String[] a) throws Exception {
        String exam = a[1];
        int first = Integer.parseInt(a[2]), count = Integer.parseInt(a[3]), workers = Integer.parseInt(a[4]);
        long until = System.currentTimeMillis() + Long.parseLong(a[5]) * 1000;
        Path out = Path.of(a[6]);
        List<String> bases = List.of(a).subList(7, a.length);
        Files.createDirectories(out);
        answers = new PrintWriter(Files.newBufferedWriter(out.resolve("answers.csv")), true);
        acks = new PrintWriter(Files.newBufferedWriter(out.resolve("acks.csv")), true);
        AtomicInteger next = new AtomicInteger(first);
        AtomicInteger started = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        for (int w = 0; w < workers; w++) {
            pool.execute(() -> {
                for (int i; System.currentTimeMillis() < until && (i = next.getAndIncrement()) < first + count; ) {
                    started.incrementAndGet();
                    try {
                        applicant(exam, i, bases);
                    } catch (Exception e) {
                        e.printStackTrace();
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.HOURS);
        System.out.println("applicants started: " + started.get());
    }

    /** One applicant: signs in, then switches, each retried until a definitive answer. */
    static void applicant(String exam, int i, List<String> bases) throws Exception {
        long giveUp = System.currentTimeMillis() + 180_000;
        int at = i % bases.size();
        String id = id(i);
        String token = null;
        while (token == null && System.currentTimeMillis() < giveUp) {
            Answer r = send(bases.get(at), "signin", "/api/v1/auth/applicant-token", null,
                    "{\"examCode\":\"%s\",\"idNumber\":\"%s\",\"password\":\"Bench@2023\"}".formatted(exam, id), null);
            if (r.status == 200) {
                Matcher m = TOKEN.matcher(r.body);
                m.find();
                token = m.group(1);
            } else if (retryable(r)) {
                at = (at + 1) % bases.size();
                pause(r);
            } else {
                return;
            }
        }
        String key = "fault-" + exam + "-" + i;
        String body = "{\"targetPositionCode\":\"O%04d\"}".formatted(i % 100);
        while (token != null && System.currentTimeMillis() < giveUp) {
            Answer r = send(bases.get(at), "switch", "/api/v1/me/switch", token, body, key);
            if (r.status == 201) {
                Matcher m = ID.matcher(r.body);
                m.find();
                acks.println(i + "," + m.group(1));
                return;
            } else if (retryable(r)) {
                at = (at + 1) % bases.size();
                pause(r);
            } else {
                System.out.println("applicant " + i + ": switch answered " + r.status + " " + r.body);
                return;
            }
        }
        if (token != null) {
            System.out.println("applicant " + i + ": no definitive answer to the switch within 180 s");
        }
    }

    static boolean retryable(Answer r) {
        return r.status <= 0 || r.status >= 500 || r.body.contains("idempotency-key-in-use");
    }

    static void pause(Answer r) throws InterruptedException {
        long seconds = r.retryAfter > 0 ? r.retryAfter : 1;
        Thread.sleep(seconds * 1000);
    }

    record Answer(int status, String body, long retryAfter) {
    }

    static Answer send(String base, String kind, String path, String token, String body, String key) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (key != null) {
            b.header("Idempotency-Key", key);
        }
        long t0 = System.nanoTime();
        Answer answer;
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            long retry = r.headers().firstValue("Retry-After").map(v -> {
                try {
                    return Long.parseLong(v.trim());
                } catch (NumberFormatException e) {
                    return 0L;
                }
            }).orElse(0L);
            answer = new Answer(r.statusCode(), r.body(), retry);
        } catch (IOException | InterruptedException e) {
            answer = new Answer(0, "", 0);
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        answers.println(System.currentTimeMillis() + "," + kind + "," + base + ","
                + (answer.status == 0 ? "net" : Integer.toString(answer.status)) + "," + ms);
        return answer;
    }

    /** The id numbers of bench/SwitchLoad.java's applicants. */
    static String id(int person) {
        LocalDate birth = LocalDate.of(1988, 1, 1).plusDays(person / 1000);
        String first17 = "120101" + birth.toString().replace("-", "") + String.format("%03d", person % 1000);
        int[] w = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) sum += (first17.charAt(i) - '0') * w[i];
        return first17 + "10X98765432".charAt(sum % 11);
    }

    // --- poll

    static void poll(String[] a) throws Exception {
        List<String> urls = new ArrayList<>(List.of(a).subList(2, a.length));
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of(a[1])), true)) {
            while (true) {
                long round = System.currentTimeMillis();
                for (String url : urls) {
                    long t0 = System.nanoTime();
                    String state;
                    try {
                        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/q/health/ready"))
                                .timeout(Duration.ofSeconds(3)).GET().build(), HttpResponse.BodyHandlers.ofString());
                        state = r.statusCode() == 200 ? "UP" : r.statusCode() == 503 ? "DOWN" : "http-" + r.statusCode();
                    } catch (IOException e) {
                        state = "unreachable";
                    }
                    out.println(System.currentTimeMillis() + "," + url + "," + state + "," + (System.nanoTime() - t0) / 1_000_000);
                }
                Thread.sleep(Math.max(0, 200 - (System.currentTimeMillis() - round)));
            }
        }
    }
}
