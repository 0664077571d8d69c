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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Switch load generator (single-file Java, no dependencies), two commands:
 *
 *   setup BASE_URL ADMIN_TOKEN EXAM CONCURRENCY APPLICANTS PGBENCH_APPLICANTS TOKEN_FILE
 *     sets up an exam through the API with APPLICANTS + PGBENCH_APPLICANTS paid applicants of
 *     cancelled positions, signs the first APPLICANTS in and writes their tokens, one per line
 *     (the rest are left for pgbench and never switched by the API);
 *   open BASE_URL RATE TOKEN_FILE FROM COUNT [WARM]
 *     open loop: switches the applicants of tokens FROM..FROM+COUNT-1 at RATE per second, latency
 *     measured from each request's scheduled send time, so a stalled service cannot hide its queue.
 *     With WARM, the WARM applicants before FROM are switched first the same way, uncounted: this
 *     JVM's own JIT, and the service's for this client's requests, are then warm too;
 *   open-me BASE_URL RATE TOKEN_FILE COUNT [WARM]
 *     the same open loop of COUNT status reads (GET /api/v1/me), over the file's tokens in turn.
 *
 * The closed loop at full speed is driven by wrk (bench/switch.lua), which costs the two shared
 * cores far less per request than this JVM's HTTP client.
 */
public class SwitchLoad {
    static final String HASH = "$2a$04$4yP1YRzNINGu4A/zTGxebOGnkwjOQYs.ME8a.VJMqyguh.GFFHbki"; // Bench@2023, cost 4
    static final int CANCELLED = 100, OPEN = 100;
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newFixedThreadPool(4)).build();

    public static void main(String[] a) throws Exception {
        try {
            if (a[0].equals("setup")) {
                setup(a);
            } else if (a[0].equals("open-me")) {
                openMe(a);
            } else {
                open(a);
            }
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

    static void open(String[] a) throws Exception {
        String base = a[1];
        double rate = Double.parseDouble(a[2]);
        List<String> all = java.nio.file.Files.readAllLines(java.nio.file.Path.of(a[3]));
        int from = Integer.parseInt(a[4]), count = Integer.parseInt(a[5]);
        int warm = a.length > 6 ? Integer.parseInt(a[6]) : 0;
        if (warm > 0) {
            List<long[]> w = openLoop(base, all.subList(from - warm, from).toArray(String[]::new), rate, false);
            System.out.printf("open loop warm-up: %d switches at %.0f/s: %s%n", warm, rate, percentiles(w));
        }
        List<long[]> lat = openLoop(base, all.subList(from, from + count).toArray(String[]::new), rate, false);
        System.out.printf("open loop: %d switches at %.0f/s: %s%n", count, rate, percentiles(lat));
        System.out.printf("RESULT p99_ms=%.1f%n", p(lat, 0.99));
        String trace = System.getenv("SWITCHLOAD_TRACE");
        if (trace != null) { // "scheduled time (ms from the first), latency, send lag (ms)" per request, to find stalls
            long first = lat.stream().mapToLong(x -> x[1]).min().orElse(0);
            java.nio.file.Files.write(java.nio.file.Path.of(trace), lat.stream().sorted((x, y) -> Long.compare(x[1], y[1]))
                    .map(x -> "%.1f %.2f %.2f".formatted((x[1] - first) / 1e6, x[0] / 1e6, x[2] / 1e6)).toList());
        }
    }

    static void openMe(String[] a) throws Exception {
        String base = a[1];
        double rate = Double.parseDouble(a[2]);
        List<String> all = java.nio.file.Files.readAllLines(java.nio.file.Path.of(a[3]));
        int count = Integer.parseInt(a[4]);
        int warm = a.length > 5 ? Integer.parseInt(a[5]) : 0;
        if (warm > 0) {
            List<long[]> w = openLoop(base, cycle(all, warm), rate, true);
            System.out.printf("open loop warm-up: %d reads at %.0f/s: %s%n", warm, rate, percentiles(w));
        }
        List<long[]> lat = openLoop(base, cycle(all, count), rate, true);
        System.out.printf("open loop: %d reads of /me at %.0f/s: %s%n", count, rate, percentiles(lat));
        System.out.printf("RESULT p99_ms=%.1f%n", p(lat, 0.99));
    }

    static String[] cycle(List<String> tokens, int n) {
        String[] out = new String[n];
        for (int i = 0; i < n; i++) out[i] = tokens.get(i % tokens.size());
        return out;
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

    /**
     * Open loop on plain sockets (HTTP/1.1 keep-alive, one blocking thread per connection): the JDK
     * HTTP client costs more CPU per request than the service, which would leave the two cores too
     * busy to measure anything. A request waits in the queue when every connection is busy, and
     * that wait counts in its latency.
     */
    static List<long[]> openLoop(String base, String[] tokens, double rate, boolean read) throws Exception {
        URI uri = URI.create(base);
        int connections = 64;
        java.util.concurrent.BlockingQueue<long[]> due = new java.util.concurrent.LinkedBlockingQueue<>();
        ConcurrentLinkedQueue<long[]> lat = new ConcurrentLinkedQueue<>();
        AtomicInteger failed = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(tokens.length);
        CountDownLatch connected = new CountDownLatch(connections);
        for (int c = 0; c < connections; c++) {
            Thread t = new Thread(() -> {
                java.net.Socket socket = null;
                java.io.DataInputStream in = null;
                try {
                    // Connected before the clock starts: a connection's setup is not a request's latency.
                    socket = connect(uri);
                    in = new java.io.DataInputStream(new java.io.BufferedInputStream(socket.getInputStream()));
                    connected.countDown();
                    while (true) {
                        long[] job = due.take(); // {index, due time}
                        int i = (int) job[0];
                        byte[] body = read ? new byte[0]
                                : "{\"targetPositionCode\":\"O%04d\"}".formatted(i % OPEN).getBytes();
                        byte[] head = ((read ? "GET /api/v1/me" : "POST /api/v1/me/switch") + " HTTP/1.1\r\nHost: "
                                + uri.getHost() + "\r\n" + "Authorization: Bearer " + tokens[i]
                                + (read ? "" : "\r\nContent-Type: application/json\r\nContent-Length: " + body.length)
                                + "\r\n\r\n").getBytes();
                        int status;
                        long sent = 0;
                        try {
                            if (socket == null) { // the last request failed: a new connection
                                socket = connect(uri);
                                in = new java.io.DataInputStream(new java.io.BufferedInputStream(socket.getInputStream()));
                            }
                            java.io.OutputStream out = socket.getOutputStream();
                            byte[] request = Arrays.copyOf(head, head.length + body.length);
                            System.arraycopy(body, 0, request, head.length, body.length);
                            out.write(request);
                            out.flush();
                            sent = System.nanoTime();
                            status = readResponse(in);
                        } catch (java.io.IOException e) {
                            status = -1;
                            if (socket != null) socket.close();
                            socket = null;
                        }
                        lat.add(new long[]{System.nanoTime() - job[1], job[1], sent == 0 ? -1 : sent - job[1]});
                        if (status != (read ? 200 : 201)) failed.incrementAndGet();
                        done.countDown();
                    }
                } catch (Exception e) {
                    // interrupted at the end
                }
            });
            t.setDaemon(true);
            t.start();
        }
        connected.await();
        long start = System.nanoTime() + 50_000_000L;
        double intervalNanos = 1e9 / rate;
        for (int i = 0; i < tokens.length; i++) {
            long at = start + (long) (i * intervalNanos);
            long wait;
            while ((wait = at - System.nanoTime()) > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
            }
            due.add(new long[]{i, at});
        }
        done.await();
        if (failed.get() > 0) System.out.printf("open loop: %d failed%n", failed.get());
        return new ArrayList<>(lat);
    }

    static java.net.Socket connect(URI uri) throws java.io.IOException {
        java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort());
        socket.setTcpNoDelay(true);
        return socket;
    }

    /** Reads one response (Content-Length or chunked body), returning its status. */
    static int readResponse(java.io.DataInputStream in) throws java.io.IOException {
        String statusLine = line(in);
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long length = 0;
        boolean chunked = false;
        for (String h; !(h = line(in)).isEmpty(); ) {
            String lower = h.toLowerCase();
            if (lower.startsWith("content-length:")) length = Long.parseLong(h.substring(15).trim());
            if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) chunked = true;
        }
        if (!chunked) {
            in.skipNBytes(length);
            return status;
        }
        for (long size; (size = Long.parseLong(line(in).trim(), 16)) > 0; ) {
            in.skipNBytes(size);
            line(in);
        }
        line(in);
        return status;
    }

    static String line(java.io.DataInputStream in) throws java.io.IOException {
        StringBuilder b = new StringBuilder();
        for (int c; (c = in.read()) != '\n'; ) {
            if (c < 0) throw new java.io.EOFException();
            if (c != '\r') b.append((char) c);
        }
        return b.toString();
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
