import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Switch load generator (single-file Java, no dependencies): sets up an exam through the API with
 * many paid applicants of cancelled positions, signs them in, then
 *  1. closed loop: C concurrent clients each switch distinct applicants as fast as they can;
 *  2. open loop: the same at half the measured rate, latency measured from the scheduled send time.
 * Prints the registration ids reserved for pgbench (never switched by the API).
 *
 * java bench/SwitchLoad.java BASE_URL ADMIN_TOKEN EXAM CONCURRENCY APPLICANTS_PER_PHASE PGBENCH_APPLICANTS
 */
public class SwitchLoad {
    static final String HASH = "$2a$04$4yP1YRzNINGu4A/zTGxebOGnkwjOQYs.ME8a.VJMqyguh.GFFHbki"; // Bench@2023, cost 4
    static final int CANCELLED = 100, OPEN = 100;
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newFixedThreadPool(4)).build();

    public static void main(String[] a) throws Exception {
        try {
            run(a);
        } catch (Throwable t) {
            t.printStackTrace();
            System.exit(1);
        }
        System.exit(0); // the HTTP client's threads would keep the JVM alive
    }

    static void run(String[] a) throws Exception {
        String base = a[0], admin = a[1], exam = a[2];
        int concurrency = Integer.parseInt(a[3]), perPhase = Integer.parseInt(a[4]), forPgbench = Integer.parseInt(a[5]);
        int applicants = 2 * perPhase + forPgbench;
        setUp(base, admin, exam, applicants);
        System.out.printf("signing in %d applicants%n", 2 * perPhase);
        String[] tokens = signIn(base, exam, 2 * perPhase, concurrency);

        // Optionally hand the phase-1 tokens to another load generator (bench/switch.lua) and stop.
        String tokenFile = System.getenv("SWITCHLOAD_TOKENS");
        if (tokenFile != null) {
            java.nio.file.Files.write(java.nio.file.Path.of(tokenFile), Arrays.asList(tokens).subList(0, perPhase));
            System.out.println("tokens written to " + tokenFile);
            return;
        }
        // Optionally wait (e.g. for a profiler to attach) until a file appears.
        String gate = System.getenv("SWITCHLOAD_GATE");
        if (gate != null) {
            System.out.println("waiting for " + gate);
            while (!new java.io.File(gate).exists()) Thread.sleep(200);
        }
        // Phase 1: closed loop.
        List<long[]> lat1 = new ArrayList<>();
        long t0 = System.nanoTime();
        int[] ok = closedLoop(base, Arrays.copyOfRange(tokens, 0, perPhase), concurrency, lat1);
        double secs = (System.nanoTime() - t0) / 1e9;
        double rate = ok[0] / secs;
        System.out.printf("closed loop: %d switches (%d failed) in %.2f s = %.0f switches/s with %d clients; %s%n",
                ok[0], ok[1], secs, rate, concurrency, percentiles(lat1));

        // Phase 2: open loop at half that rate.
        double half = rate / 2;
        List<long[]> lat2 = openLoop(base, Arrays.copyOfRange(tokens, perPhase, 2 * perPhase), half);
        System.out.printf("open loop at %.0f switches/s (half): %s%n", half, percentiles(lat2));
        System.out.printf("RESULT api_tps=%.0f p99_half_ms=%.1f%n", rate, p(lat2, 0.99));
        // The pgbench set: registration ids of the last applicants, listed by the admin side of the DB.
        System.out.printf("PGBENCH_FIRST_PERSON=%d PGBENCH_COUNT=%d%n", 2 * perPhase, forPgbench);
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

    static HttpRequest switchRequest(String base, String token, int i) {
        return HttpRequest.newBuilder(URI.create(base + "/api/v1/me/switch"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"targetPositionCode\":\"O%04d\"}".formatted(i % OPEN))).build();
    }

    static int[] closedLoop(String base, String[] tokens, int concurrency, List<long[]> latencies) throws Exception {
        AtomicInteger next = new AtomicInteger(), ok = new AtomicInteger(), failed = new AtomicInteger();
        ConcurrentLinkedQueue<long[]> lat = new ConcurrentLinkedQueue<>();
        CountDownLatch done = new CountDownLatch(concurrency);
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        for (int c = 0; c < concurrency; c++) {
            pool.execute(() -> {
                try {
                    for (int i; (i = next.getAndIncrement()) < tokens.length; ) {
                        long s = System.nanoTime();
                        HttpResponse<String> r = HTTP.send(switchRequest(base, tokens[i], i), HttpResponse.BodyHandlers.ofString());
                        lat.add(new long[]{System.nanoTime() - s});
                        (r.statusCode() == 201 ? ok : failed).incrementAndGet();
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
        latencies.addAll(lat);
        return new int[]{ok.get(), failed.get()};
    }

    static List<long[]> openLoop(String base, String[] tokens, double rate) throws Exception {
        ConcurrentLinkedQueue<long[]> lat = new ConcurrentLinkedQueue<>();
        CountDownLatch done = new CountDownLatch(tokens.length);
        AtomicInteger failed = new AtomicInteger();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        long start = System.nanoTime() + 50_000_000L;
        long intervalNanos = (long) (1e9 / rate);
        for (int i = 0; i < tokens.length; i++) {
            int index = i;
            long due = start + i * intervalNanos;
            timer.schedule(() -> HTTP.sendAsync(switchRequest(base, tokens[index], index), HttpResponse.BodyHandlers.ofString())
                    .whenComplete((r, e) -> {
                        lat.add(new long[]{System.nanoTime() - due});
                        if (e != null || r.statusCode() != 201) failed.incrementAndGet();
                        done.countDown();
                    }), due - System.nanoTime(), TimeUnit.NANOSECONDS);
        }
        done.await();
        timer.shutdown();
        if (failed.get() > 0) System.out.printf("open loop: %d failed%n", failed.get());
        return new ArrayList<>(lat);
    }

    static double p(List<long[]> lat, double q) {
        long[] v = lat.stream().mapToLong(x -> x[0]).sorted().toArray();
        return v[Math.min(v.length - 1, (int) Math.ceil(q * v.length) - 1)] / 1e6;
    }

    static String percentiles(List<long[]> lat) {
        return "latency ms p50 %.1f p90 %.1f p99 %.1f max %.1f".formatted(p(lat, .5), p(lat, .9), p(lat, .99), p(lat, 1));
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
