import com.sun.net.httpserver.HttpServer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.FileWriter;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A payment system for the reliability check and the rehearsal (single-file Java, no dependencies):
 * receives refund.requested webhooks, verifies their Standard Webhooks signature, fails some requests
 * with 500, and confirms the others with a signed callback to one of the service instances.
 * Appends "webhook-id refundId amount channel" of every accepted request to a log file (its ledger).
 *
 * java bench/PaymentSystem.java PORT SECRET LOGFILE CALLBACK_BASE_URL...
 * Environment: PS_FAIL_PERCENT (33) of the requests fail, or of a refund's first request only with
 * PS_FIRST_ONLY=1; PS_MAX_IN_FLIGHT (0: no limit) answers 429 with Retry-After beyond that many
 * requests at once.
 */
public class PaymentSystem {
    public static void main(String[] a) throws Exception {
        int port = Integer.parseInt(a[0]);
        String secret = a[1];
        PrintWriter log = new PrintWriter(new FileWriter(a[2], true), true);
        String[] callbacks = java.util.Arrays.copyOfRange(a, 3, a.length);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        AtomicLong count = new AtomicLong();
        Pattern refundId = Pattern.compile("\"refundId\":(\\d+)");
        Pattern amount = Pattern.compile("\"amount\":\"?([0-9.]+)");
        Pattern channel = Pattern.compile("\"channel\":\"([A-Z]+)");
        int failPercent = Integer.parseInt(System.getenv().getOrDefault("PS_FAIL_PERCENT", "33"));
        boolean firstOnly = "1".equals(System.getenv("PS_FIRST_ONLY"));
        int maxInFlight = Integer.parseInt(System.getenv().getOrDefault("PS_MAX_IN_FLIGHT", "0"));
        java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
        java.util.Set<String> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 200);
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.createContext("/", ex -> {
            if (maxInFlight > 0 && inFlight.incrementAndGet() > maxInFlight) {
                inFlight.decrementAndGet();
                ex.getResponseHeaders().add("Retry-After", "1");
                ex.sendResponseHeaders(429, -1);
                ex.close();
                return;
            }
            try {
                handle(ex, secret, log, callbacks, http, count, refundId, amount, channel, failPercent, firstOnly, seen);
            } finally {
                if (maxInFlight > 0) {
                    inFlight.decrementAndGet();
                }
            }
        });
        server.start();
        System.out.println("payment system listening on " + port);
    }

    static void handle(com.sun.net.httpserver.HttpExchange ex, String secret, PrintWriter log, String[] callbacks,
            HttpClient http, AtomicLong count, Pattern refundId, Pattern amount, Pattern channel, int failPercent,
            boolean firstOnly, java.util.Set<String> seen) throws java.io.IOException {
        {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String id = ex.getRequestHeaders().getFirst("webhook-id");
            String ts = ex.getRequestHeaders().getFirst("webhook-timestamp");
            String sig = ex.getRequestHeaders().getFirst("webhook-signature");
            boolean valid = sig != null && java.util.List.of(sig.split(" ")).contains(sign(secret, id, Long.parseLong(ts), body));
            if (!valid) {
                ex.sendResponseHeaders(401, -1);
                ex.close();
                return;
            }
            count.incrementAndGet();
            Matcher m = refundId.matcher(body);
            m.find();
            String refund = m.group(1);
            boolean first = seen.add(refund);
            if ((first || !firstOnly) && java.util.concurrent.ThreadLocalRandom.current().nextInt(100) < failPercent) {
                ex.sendResponseHeaders(500, -1);
                ex.close();
                return;
            }
            // Confirm before acknowledging, as a payment system that persists first would: if it dies
            // in between, the webhook is sent again and the confirmation repeated (a harmless duplicate).
            String cb = "{\"refundId\":" + refund + ",\"status\":\"SUCCEEDED\",\"channelRefundId\":\"RF" + refund + "\"}";
            String cbId = "cb_" + id;
            long now = System.currentTimeMillis() / 1000;
            boolean confirmed = false;
            for (int attempt = 0; attempt < 4 && !confirmed; attempt++) {
                String base = callbacks[(int) ((Long.parseLong(refund) + attempt) % callbacks.length)];
                try {
                    HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/payment-callbacks/refunds"))
                            .header("Content-Type", "application/json").header("webhook-id", cbId)
                            .header("webhook-timestamp", Long.toString(now))
                            .header("webhook-signature", sign(secret, cbId, now, cb))
                            .POST(HttpRequest.BodyPublishers.ofString(cb)).build(), HttpResponse.BodyHandlers.discarding());
                    confirmed = r.statusCode() == 204;
                } catch (Exception e) {
                    // that instance is down: try the other
                }
            }
            if (confirmed) {
                Matcher a = amount.matcher(body), c = channel.matcher(body);
                log.println(id + " " + refund + " " + (a.find() ? a.group(1) : "?") + " " + (c.find() ? c.group(1) : "?"));
            }
            ex.sendResponseHeaders(confirmed ? 200 : 503, -1);
            ex.close();
        }
    }

    static String sign(String secret, String id, long ts, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring(6)), "HmacSHA256"));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal((id + "." + ts + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
