import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The switch benchmarks' applicants (single-file Java, no dependencies):
 *
 *   setup BASE_URL ADMIN_TOKEN EXAM CONCURRENCY APPLICANTS PGBENCH_APPLICANTS TOKEN_FILE
 *     sets up an exam through the API with APPLICANTS + PGBENCH_APPLICANTS paid applicants of
 *     cancelled positions, signs the first APPLICANTS in and writes their tokens, one per line
 *     (the rest are left for pgbench and never switched by the API).
 *
 * Generators in C then drive the switches with those tokens: wrk the closed loop (bench/switch.lua)
 * and bench/open.c the open one, at a far smaller cost to the two shared cores than a JVM's HTTP client.
 */
public class SwitchLoad {
    static final String HASH = "$2a$04$4yP1YRzNINGu4A/zTGxebOGnkwjOQYs.ME8a.VJMqyguh.GFFHbki"; // Bench@2023, cost 4
    static final int CANCELLED = 100, OPEN = 100;
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newFixedThreadPool(4)).build();

    public static void main(String[] a) throws Exception {
        try {
            setup(a);
        } catch (Throwable t) {
            t.printStackTrace();
            System.exit(1);
        }
        System.exit(0); // the HTTP client's threads would keep the JVM alive
    }

    static void setup(String[] a) throws Exception {
        String base = a[1], admin = a[2], exam = a[3];
        int concurrency = Integer.parseInt(a[4]), applicants = Integer.parseInt(a[5]), forPgbench = Integer.parseInt(a[6]);
        setUp(base, admin, exam, applicants + forPgbench);
        System.out.printf("signing in %d applicants%n", applicants);
        String[] tokens = signIn(base, exam, applicants, concurrency);
        java.nio.file.Files.write(java.nio.file.Path.of(a[7]), Arrays.asList(tokens));
    }

    static String id(int person) {
        LocalDate birth = LocalDate.of(1988, 1, 1).plusDays(person / 1000);
        String first17 = "120101" + birth.toString().replace("-", "") + String.format("%03d", person % 1000);
        int[] w = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) sum += (first17.charAt(i) - '0') * w[i];
        return first17 + "10X98765432".charAt(sum % 11);
    }

    static void setUp(String base, String admin, String exam, int applicants) throws Exception {
        post(base + "/api/v1/admin/exams", admin, "application/json", """
                {"code":"%s","name":"switch bench","timeZone":"Asia/Shanghai","defaultRatio":1,
                 "reduceQuotaBeforeCancel":false,"maxSwitches":1,"switchWindowOpensAt":"2023-01-14T09:00:00+08:00",
                 "switchDeadline":"2099-01-16T12:00:00+08:00","reviewDeadline":"2099-01-17T12:00:00+08:00"}"""
                .formatted(exam), 201);
        StringBuilder p = new StringBuilder("code,agencyCode,agencyName,employer,title,quota,ratio,minEducation\n");
        for (int i = 0; i < CANCELLED; i++) p.append("C%04d,A%02d,机构%d,单位,科员,100,100,\n".formatted(i, i % 20, i % 20));
        for (int i = 0; i < OPEN; i++) p.append("O%04d,A%02d,机构%d,单位,科员,1,,BACHELOR\n".formatted(i, i % 20, i % 20));
        post(base + "/api/v1/admin/exams/" + exam + "/positions", admin, "text/csv; charset=UTF-8", p.toString(), 200);
        StringBuilder r = new StringBuilder("idNumber,name,birthDate,education,degree,major,politicalStatus,"
                + "passwordHash,positionCode,fee.status,fee.amount,fee.channel,fee.transactionId,fee.paidAt\n");
        for (int i = 0; i < applicants + OPEN; i++) {
            String id = id(i);
            String position = i < applicants ? "C%04d".formatted(i % CANCELLED) : "O%04d".formatted(i - applicants);
            r.append(id).append(",考生,").append(id, 6, 10).append('-').append(id, 10, 12).append('-')
                    .append(id, 12, 14).append(",BACHELOR,true,法学,MASSES,").append(HASH).append(',')
                    .append(position).append(",PAID,100.00,ALIPAY,BENCH-").append(exam).append('-').append(i)
                    .append(",2023-01-10T10:00:00+08:00\n");
        }
        post(base + "/api/v1/admin/exams/" + exam + "/registrations", admin, "text/csv; charset=UTF-8", r.toString(), 200);
        post(base + "/api/v1/admin/exams/" + exam + "/ratio-check/publish", admin, "application/json", "", 200);
    }

    static String[] signIn(String base, String exam, int n, int concurrency) throws Exception {
        String[] tokens = new String[n];
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        Pattern token = Pattern.compile("\"accessToken\":\"([^\"]+)\"");
        AtomicInteger next = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(concurrency);
        for (int c = 0; c < concurrency; c++) {
            pool.execute(() -> {
                try {
                    for (int i; (i = next.getAndIncrement()) < n; ) {
                        String body = post(base + "/api/v1/auth/applicant-token", null, "application/json",
                                "{\"examCode\":\"%s\",\"idNumber\":\"%s\",\"password\":\"Bench@2023\"}".formatted(exam, id(i)), 200);
                        Matcher m = token.matcher(body);
                        m.find();
                        tokens[i] = m.group(1);
                    }
                } catch (Exception e) {
                    e.printStackTrace();
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
        pool.shutdown();
        return tokens;
    }

    static String post(String url, String token, String type, String body, int expected) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", type)
                .timeout(java.time.Duration.ofMinutes(10)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) b.header("Authorization", "Bearer " + token);
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) throw new IllegalStateException(url + " -> " + r.statusCode() + " " + r.body());
        return r.body();
    }
}
