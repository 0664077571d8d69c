import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * bench/rehearsal.sh's people (single-file Java, no dependencies). Two modes:
 *
 *   surge RATE OUT_FILE EXAM BASE_URL...
 *     The public at a steady RATE of requests a second (open loop: a request is sent on time whether
 *     or not the earlier ones have been answered), round-robin over the landing page, the cancelled
 *     list and the exam, across the instances, until killed; OUT_FILE gets one line a minute:
 *     minute, requests, errors, p50 and p99 in ms (from the time each request was due).
 *
 *   act EXAM AFFECTED_FILE OUT_DIR ADMIN_TOKEN WINDOW_SECONDS EXAM_JSON_TEMPLATE BASE_URL...
 *     Every affected applicant (one ID number a line; the demo password) signs in as the notices go
 *     out (SIGN_IN_CONCURRENCY at a time, 32) and reads 我的改报; then the switch window opens for
 *     WINDOW_SECONDS (the exam PUT from the template, @OPENS@, @DEADLINE@ and @REVIEW_DEADLINE@
 *     replaced) and they come back on the same token: 70 % switch (60 % of them in the last tenth of the window; 10 % double-click, 5 % lose the answer and retry
 *     with the same Idempotency-Key), 10 % decline, the rest do nothing. A 5xx or a network error is
 *     retried on the next instance with the same key. Reviewers of each agency (created on demand)
 *     decide every switch, about 10 % rejected; a rejected applicant with a switch left switches
 *     again before the deadline. Ends when the deadline has passed and nothing is pending.
 *     OUT_DIR: acks.csv (ID number, switch id of each 201), declines.csv, decisions.csv, and
 *     report.txt (latency percentiles by kind, sign-in rate, answers by status).
 */
public class Rehearsal {
    static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3))
            .executor(Executors.newFixedThreadPool(8))
            .build();
    static final Pattern TOKEN = Pattern.compile("\"accessToken\":\"([^\"]+)\"");
    static final String PASSWORD = "Demo@2023";
    static final String STAFF_PASSWORD = "Rehearsal-Review-2026";

    public static void main(String[] a) throws Exception {
        try {
            if (a[0].equals("surge")) {
                surge(a);
            } else {
                new Rehearsal(a).act();
            }
        } catch (Throwable t) {
            t.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    // --- surge

    static void surge(String[] a) throws Exception {
        double rate = Double.parseDouble(a[1]);
        PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of(a[2])), true);
        String exam = a[3];
        String[] bases = java.util.Arrays.copyOfRange(a, 4, a.length);
        String[] paths = {"/", "/api/v1/exams/" + exam + "/cancelled-positions?size=50", "/api/v1/exams/" + exam};
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(3))
                .executor(Executors.newFixedThreadPool(4))
                .build();
        ConcurrentLinkedQueue<long[]> done = new ConcurrentLinkedQueue<>(); // due ms, latency ms, ok
        long periodNanos = (long) (1e9 / rate);
        long start = System.nanoTime();
        long startMs = System.currentTimeMillis();
        ScheduledExecutorService minutes = Executors.newSingleThreadScheduledExecutor();
        minutes.scheduleAtFixedRate(() -> flushMinutes(done, startMs, out, false), 60, 60, TimeUnit.SECONDS);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> flushMinutes(done, startMs, out, true)));
        for (long n = 0; ; n++) {
            long due = start + n * periodNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            long dueMs = startMs + (due - start) / 1_000_000;
            fire(client, bases, (int) (n % bases.length), paths[(int) (n % paths.length)], due, dueMs, done, 0);
        }
    }

    /** One public request; a refused connection goes to the next instance, as a load balancer's retry. */
    static void fire(HttpClient client, String[] bases, int b, String path, long due, long dueMs,
            ConcurrentLinkedQueue<long[]> done, int attempt) {
        client.sendAsync(
                        HttpRequest.newBuilder(URI.create(bases[b % bases.length] + path))
                                .timeout(Duration.ofSeconds(30))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .whenComplete((r, e) -> {
                    if (e != null && attempt < bases.length - 1 && e.getCause() instanceof java.net.ConnectException) {
                        fire(client, bases, b + 1, path, due, dueMs, done, attempt + 1);
                        return;
                    }
                    boolean ok = e == null && r.statusCode() == 200;
                    if (!ok) {
                        // Which request failed and how, so that an error in the table can be explained.
                        System.err.printf("%s surge error: GET %s%s: %s%n", java.time.Instant.now(), bases[b % bases.length], path,
                                e == null ? "HTTP " + r.statusCode() : String.valueOf(e.getCause() == null ? e : e.getCause()));
                    }
                    done.add(new long[] {dueMs, Math.max(0, (System.nanoTime() - due) / 1_000_000), ok ? 1 : 0});
                });
    }

    static final Map<Long, List<long[]>> MINUTES = new java.util.TreeMap<>();

    static synchronized void flushMinutes(
            ConcurrentLinkedQueue<long[]> done, long startMs, PrintWriter out, boolean all) {
        for (long[] d; (d = done.poll()) != null; ) {
            MINUTES.computeIfAbsent((d[0] - startMs) / 60_000, k -> new ArrayList<>()).add(d);
        }
        long current = (System.currentTimeMillis() - startMs) / 60_000;
        var it = MINUTES.entrySet().iterator();
        while (it.hasNext()) {
            var e = it.next();
            if (!all && e.getKey() >= current) {
                break;
            }
            List<long[]> m = e.getValue();
            long[] lat = m.stream().mapToLong(x -> x[1]).sorted().toArray();
            long errors = m.stream().filter(x -> x[2] == 0).count();
            out.printf(
                    "%d %d %d %d %d%n",
                    e.getKey(), m.size(), errors, pct(lat, 0.50), pct(lat, 0.99));
            it.remove();
        }
    }

    static long pct(long[] sorted, double q) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (q * sorted.length))];
    }

    // --- act

    final String exam;
    final List<String> affected;
    final Path out;
    final String adminToken;
    final String[] bases;
    final long window;
    final String windowTemplate;
    final AtomicInteger next = new AtomicInteger();
    final Random random = new Random(2026);
    final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(96);
    final Map<String, List<Long>> latencies = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> statuses = new ConcurrentHashMap<>();
    final PrintWriter acks;
    final PrintWriter declines;
    final PrintWriter decisions;
    final Map<String, String> reviewerTokens = new ConcurrentHashMap<>();
    final Set<String> agencies = ConcurrentHashMap.newKeySet();
    final Map<Long, String> switchOwner = new ConcurrentHashMap<>();
    final Map<String, String> tokens = new ConcurrentHashMap<>();
    final AtomicInteger applicantsLeft;
    final AtomicLong signInNanos = new AtomicLong();
    final AtomicInteger signIns = new AtomicInteger();
    volatile long windowStart;
    long deadline;

    Rehearsal(String[] a) throws IOException {
        exam = a[1];
        affected = Files.readAllLines(Path.of(a[2])).stream().filter(s -> !s.isBlank()).toList();
        out = Path.of(a[3]);
        adminToken = a[4];
        window = Long.parseLong(a[5]);
        windowTemplate = Files.readString(Path.of(a[6]));
        bases = java.util.Arrays.copyOfRange(a, 7, a.length);
        Files.createDirectories(out);
        acks = writer("acks.csv");
        declines = writer("declines.csv");
        decisions = writer("decisions.csv");
        requestLog = "1".equals(System.getenv("REQUEST_LOG")) ? writer("requests.csv") : null;
        applicantsLeft = new AtomicInteger(affected.size());
    }

    PrintWriter writer(String name) throws IOException {
        return new PrintWriter(Files.newBufferedWriter(out.resolve(name)), true);
    }

    void act() throws Exception {
        // The notices go out: everyone signs in and reads 我的改报 (SIGN_IN_CONCURRENCY at a time),
        // and comes back to act in the window on the same token.
        var wave = Executors.newFixedThreadPool(Integer.parseInt(System.getenv().getOrDefault("SIGN_IN_CONCURRENCY", "32")));
        long w0 = System.nanoTime();
        for (String id : affected) {
            wave.execute(() -> {
                try {
                    String token = signIn(id);
                    if (token != null) {
                        tokens.put(id, token);
                        // Apart from the window's reads: the password checks have the cores to themselves here.
                        call("GET", "/api/v1/me", token, null, null, "me-wave");
                    }
                } catch (RuntimeException e) {
                    e.printStackTrace();
                }
            });
        }
        wave.shutdown();
        wave.awaitTermination(1, TimeUnit.HOURS);
        waveSeconds = (System.nanoTime() - w0) / 1e9;
        System.out.printf("sign-in wave: %d signed in in %.1f s (%.1f/s)%n", tokens.size(), waveSeconds, tokens.size() / waveSeconds);
        // The window opens now for WINDOW seconds; the reviews end half a window (and 30 s) later.
        windowStart = System.currentTimeMillis();
        deadline = windowStart + window * 1000;
        String body = windowTemplate
                .replace("@OPENS@", java.time.Instant.ofEpochMilli(windowStart).toString())
                .replace("@DEADLINE@", java.time.Instant.ofEpochMilli(deadline).toString())
                .replace("@REVIEW_DEADLINE@", java.time.Instant.ofEpochMilli(deadline + window * 500 + 30_000).toString());
        Res put = call("PUT", "/api/v1/admin/exams/" + exam, adminToken, body, null, "exam");
        if (put.status != 200) {
            throw new IllegalStateException("the window could not be set: " + put.status + " " + put.body);
        }
        System.out.printf("window open for %d s%n", window);
        List<String> shuffled = new ArrayList<>(affected);
        Collections.shuffle(shuffled, random);
        for (int i = 0; i < shuffled.size(); i++) {
            String id = shuffled.get(i);
            double r = (double) i / shuffled.size();
            // 70 % switch (60 % of them in the window's last tenth), 10 % decline, 20 % nothing.
            String plan = r < 0.42 ? "late-switch" : r < 0.70 ? "switch" : r < 0.80 ? "decline" : "nothing";
            long actAt = (long) ((plan.equals("late-switch") ? 0.9 + 0.08 * random.nextDouble() : 0.88 * random.nextDouble())
                    * window * 1000);
            boolean doubleClick = random.nextInt(100) < 10;
            boolean loseAnswer = !doubleClick && random.nextInt(100) < 5;
            String token = tokens.get(id);
            if (token == null || plan.equals("nothing")) {
                applicantsLeft.decrementAndGet();
                continue;
            }
            scheduler.schedule(
                    () -> {
                        try {
                            if (plan.equals("decline")) {
                                Res res = call("POST", "/api/v1/me/refund-request", token, "{}", null, "decline");
                                if (res.status == 201) {
                                    declines.println(id + "," + field(res.body, "id"));
                                }
                            } else {
                                call("GET", "/api/v1/me", token, null, null, "me");
                                Res options = call(
                                        "GET", "/api/v1/me/switch-options?qualifiedOnly=true&size=20", token, null, null, "options");
                                switchTo(id, token, options.body, doubleClick, loseAnswer);
                            }
                        } catch (RuntimeException e) {
                            e.printStackTrace();
                        } finally {
                            applicantsLeft.decrementAndGet();
                        }
                    },
                    Math.max(0, windowStart + actAt - System.currentTimeMillis()),
                    TimeUnit.MILLISECONDS);
        }
        Thread reviewers = new Thread(this::reviewLoop, "reviewers");
        reviewers.start();
        reviewers.join();
        scheduler.shutdown();
        scheduler.awaitTermination(5, TimeUnit.MINUTES);
        report();
    }

    double waveSeconds;
    /** REQUEST_LOG=1: requests.csv, one line per request of the window (start ms from its opening, kind, status, ms, instance). */
    PrintWriter requestLog;

    String signIn(String id) {
        String body = "{\"examCode\":\"" + exam + "\",\"idNumber\":\"" + id + "\",\"password\":\"" + PASSWORD + "\"}";
        long t0 = System.nanoTime();
        Res r = call("POST", "/api/v1/auth/applicant-token", null, body, null, "sign-in");
        signInNanos.addAndGet(System.nanoTime() - t0);
        if (r.status != 200) {
            System.out.println("sign-in of " + id + ": " + r.status + " " + r.body);
            return null;
        }
        signIns.incrementAndGet();
        Matcher m = TOKEN.matcher(r.body);
        return m.find() ? m.group(1) : null;
    }

    static final Pattern OPTION = Pattern.compile("\\{\"code\":\"([^\"]+)\",\"agencyCode\":\"([^\"]+)\"");

    /** Switches to one of the options (those the precheck passes first); true when acknowledged. */
    boolean switchTo(String id, String token, String options, boolean doubleClick, boolean loseAnswer) {
        List<String[]> choices = new ArrayList<>();
        Matcher m = OPTION.matcher(options);
        while (m.find()) {
            choices.add(new String[] {m.group(1), m.group(2)});
        }
        if (choices.isEmpty()) {
            System.out.println("no options for " + id);
            return false;
        }
        String[] target;
        synchronized (random) {
            target = choices.get(random.nextInt(choices.size()));
        }
        agencies.add(target[1]);
        String key = UUID.randomUUID().toString();
        String body = "{\"targetPositionCode\":\"" + target[0] + "\"}";
        if (doubleClick) {
            CountDownLatch both = new CountDownLatch(2);
            for (int i = 0; i < 2; i++) {
                scheduler.execute(() -> {
                    try {
                        acknowledged(id, switchWithRetries(token, body, key, "switch:double-click"));
                    } finally {
                        both.countDown();
                    }
                });
            }
            try {
                both.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return true;
        }
        if (loseAnswer) {
            call("POST", "/api/v1/me/switch", token, body, key, "switch:lost-answer"); // lost on the way
            return acknowledged(id, switchWithRetries(token, body, key, "switch:lost-answer"));
        }
        return acknowledged(id, switchWithRetries(token, body, key, "switch:single"));
    }

    boolean acknowledged(String id, Res r) {
        if (r.status != 201) {
            System.out.println("switch of " + id + ": " + r.status + " " + r.body);
        }
        if (r.status == 201) {
            long switchId = Long.parseLong(field(r.body, "id"));
            switchOwner.put(switchId, id);
            acks.println(id + "," + switchId);
            return true;
        }
        return false;
    }

    /** A switch, retried with the same key on 5xx, network errors and "key in use" (a twin in flight). */
    Res switchWithRetries(String token, String body, String key, String kind) {
        for (int attempt = 0; ; attempt++) {
            Res r = call("POST", "/api/v1/me/switch", token, body, key, kind);
            boolean again = r.status >= 500 || r.status == 0 || r.body.contains("idempotency-key-in-use");
            if (!again || attempt >= 30) {
                return r;
            }
            sleep(r.retryAfterMs > 0 ? r.retryAfterMs : 200);
        }
    }

    // --- reviewers

    void reviewLoop() {
        while (true) {
            long pending = 0;
            for (String agency : List.copyOf(agencies)) {
                try {
                    pending += reviewAgency(agency);
                } catch (RuntimeException e) {
                    e.printStackTrace();
                    pending++;
                }
            }
            boolean over = System.currentTimeMillis() > deadline + 2000;
            if (over && pending == 0 && applicantsLeft.get() <= 0) {
                return;
            }
            sleep(1000);
        }
    }

    static final Pattern REVIEW = Pattern.compile("\\{\"id\":(\\d+),\"examCode\"");

    /** Decides the agency's pending switches; returns how many were pending. */
    long reviewAgency(String agency) {
        String token = reviewerTokens.computeIfAbsent(agency, this::reviewer);
        Res page = call(
                "GET",
                "/api/v1/admin/exams/" + exam + "/reviews?status=PENDING&size=100&agency=" + enc(agency),
                token,
                null,
                null,
                "reviews");
        Matcher m = REVIEW.matcher(itemsOf(page.body));
        long n = 0;
        while (m.find()) {
            n++;
            long switchId = Long.parseLong(m.group(1));
            boolean reject;
            synchronized (random) {
                reject = random.nextInt(100) < 10;
            }
            String body = reject
                    ? "{\"decision\":\"REJECTED\",\"reason\":\"专业不符合职位要求\"}"
                    : "{\"decision\":\"APPROVED\"}";
            Res r = call("POST", "/api/v1/admin/reviews/" + switchId + "/decision", token, body, null, "decision");
            if (r.status == 200) {
                decisions.println(switchId + "," + (reject ? "REJECTED" : "APPROVED"));
                String owner = switchOwner.get(switchId);
                if (reject && owner != null) {
                    switchAgain(owner);
                }
            }
        }
        return n;
    }

    /** A rejected applicant with a switch left tries another position a little later. */
    void switchAgain(String id) {
        long at = 5000 + random.nextInt(10_000);
        if (System.currentTimeMillis() + at > deadline - 3000) {
            return;
        }
        applicantsLeft.incrementAndGet();
        scheduler.schedule(
                () -> {
                    try {
                        String token = tokens.get(id);
                        Res me = call("GET", "/api/v1/me", token, null, null, "me");
                        if (me.body.contains("\"switchesLeft\":0")) {
                            return;
                        }
                        Res options = call(
                                "GET", "/api/v1/me/switch-options?qualifiedOnly=true&size=20", token, null, null, "options");
                        switchTo(id, token, options.body, false, false);
                    } finally {
                        applicantsLeft.decrementAndGet();
                    }
                },
                at,
                TimeUnit.MILLISECONDS);
    }

    String reviewer(String agency) {
        String username = "rev-" + agency.toLowerCase();
        call(
                "POST",
                "/api/v1/admin/staff",
                adminToken,
                "{\"username\":\"" + username + "\",\"password\":\"" + STAFF_PASSWORD
                        + "\",\"role\":\"REVIEWER\",\"agencyCode\":\"" + agency + "\"}",
                null,
                "staff");
        Res r = call(
                "POST",
                "/api/v1/auth/staff-token",
                null,
                "{\"username\":\"" + username + "\",\"password\":\"" + STAFF_PASSWORD + "\"}",
                null,
                "staff-sign-in");
        Matcher m = TOKEN.matcher(r.body);
        if (!m.find()) {
            throw new IllegalStateException("reviewer of " + agency + ": " + r.status + " " + r.body);
        }
        return m.group(1);
    }

    // --- HTTP

    record Res(int status, String body, long retryAfterMs) {}

    /**
     * One request, on a random instance; a network error or a 503 is tried again on the other
     * instance (up to 60 times, for a sign-in queue that is full or an instance being killed),
     * except for a switch, whose caller retries with its key.
     */
    Res call(String method, String path, String token, String body, String key, String kind) {
        // A random instance, then the others in turn: a counter shared by every thread would hand a
        // thread's sign-in and its next one the same instance (its /me takes the number between).
        int first = java.util.concurrent.ThreadLocalRandom.current().nextInt(bases.length);
        for (int attempt = 0; ; attempt++) {
            String base = bases[(first + attempt) % bases.length];
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            if (key != null) {
                b.header("Idempotency-Key", key);
            }
            if (body != null) {
                b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
            } else {
                b.method(method, HttpRequest.BodyPublishers.noBody());
            }
            long t0 = System.nanoTime();
            Res res;
            try {
                HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
                long retry = r.headers().firstValue("Retry-After").map(s -> Long.parseLong(s) * 1000).orElse(0L);
                res = new Res(r.statusCode(), r.body(), retry);
            } catch (IOException e) {
                res = new Res(0, e.toString(), 0);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            // "switch:double-click" counts as a switch, and is also reported on its own.
            String main = kind.contains(":") ? kind.substring(0, kind.indexOf(':')) : kind;
            latency(main, ms);
            if (!main.equals(kind)) {
                latency(kind, ms);
            }
            // The deadline rush on its own: what applicants asked in the window's last tenth.
            if (windowStart > 0 && System.currentTimeMillis() >= windowStart + window * 900 && APPLICANT_KINDS.contains(main)) {
                latency(main + "@last-tenth", ms);
            }
            // And by tenth of the window, so that a tail can be placed in time (a stall of the machine
            // is in one tenth, the deadline rush in the last ones).
            if (windowStart > 0 && APPLICANT_KINDS.contains(main)) {
                long tenth = (System.currentTimeMillis() - windowStart) / (window * 100L);
                if (tenth >= 0 && tenth < 10) {
                    latency(main + "@tenth-" + tenth, ms);
                }
            }
            if (requestLog != null && windowStart > 0) {
                // Every request of the window, to place a tail beside what else ran at that moment.
                requestLog.println((System.currentTimeMillis() - windowStart - ms) + "," + kind + "," + res.status + "," + ms
                        + "," + (base.equals(bases[0]) ? "a" : "b"));
            }
            statuses.computeIfAbsent(main + " " + (res.status == 0 ? "net" : res.status), k -> new AtomicInteger())
                    .incrementAndGet();
            boolean again = res.status == 0 || res.status == 503 || res.status == 502;
            if (!again || main.equals("switch") || attempt >= 60) {
                return res;
            }
            sleep(res.retryAfterMs > 0 ? Math.min(res.retryAfterMs, 2000) : 200);
        }
    }

    static final Set<String> APPLICANT_KINDS = Set.of("me", "options", "switch", "decline");

    void latency(String kind, long ms) {
        latencies.computeIfAbsent(kind, k -> Collections.synchronizedList(new ArrayList<>())).add(ms);
    }

    void report() throws IOException {
        try (PrintWriter r = writer("report.txt")) {
            for (String kind : new java.util.TreeSet<>(latencies.keySet())) {
                if (kind.contains("@tenth-")) {
                    continue;
                }
                long[] l = latencies.get(kind).stream().mapToLong(Long::longValue).sorted().toArray();
                r.printf("latency %s n=%d p50=%d p99=%d max=%d%n", kind, l.length, pct(l, 0.5), pct(l, 0.99), l[l.length - 1]);
            }
            for (String kind : new java.util.TreeSet<>(APPLICANT_KINDS)) {
                StringBuilder line = new StringBuilder("by-tenth " + kind + " p50/p99:");
                for (int t = 0; t < 10; t++) {
                    List<Long> in = latencies.get(kind + "@tenth-" + t);
                    long[] l = in == null ? new long[0] : in.stream().mapToLong(Long::longValue).sorted().toArray();
                    line.append(l.length == 0 ? " -" : " " + pct(l, 0.5) + "/" + pct(l, 0.99));
                }
                r.println(line);
            }
            for (String s : new java.util.TreeSet<>(statuses.keySet())) {
                r.printf("status %s %d%n", s, statuses.get(s).get());
            }
            r.printf("sign-ins %d wave-seconds %.1f rate %.2f%n", signIns.get(), waveSeconds, signIns.get() / waveSeconds);
        }
        acks.close();
        declines.close();
        decisions.close();
        System.out.println(Files.readString(out.resolve("report.txt")));
    }

    static String itemsOf(String body) {
        int i = body.indexOf("\"items\":[");
        return i < 0 ? "" : body.substring(i + 9);
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"?([^\",}]*)").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
