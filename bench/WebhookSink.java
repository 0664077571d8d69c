import com.sun.net.httpserver.HttpServer;

import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A payment system's webhook endpoint for bench/webhooks.sh (single-file Java, JDK HTTP server,
 * keep-alive): answers 200 to every POST and notes when each refund first arrived. With LIMIT > 0
 * it takes at most LIMIT requests at a time and answers 503 to the others at once; DELAY_MS holds
 * each accepted request that long (a gateway's own work). POST /wrk is the same work, counted
 * apart, for wrk to measure the receiver's capacity. GET /stats: "requests distinct duplicates";
 * POST /dump writes "refundId firstMicros lastMicros" (epoch) of every refund to the file given.
 *
 * java bench/WebhookSink.java PORT LIMIT DELAY_MS DUMP_FILE
 */
public class WebhookSink {
    public static void main(String[] a) throws Exception {
        int port = Integer.parseInt(a[0]);
        int limit = Integer.parseInt(a[1]);
        long delay = Long.parseLong(a[2]);
        String dump = a[3];
        Semaphore slots = new Semaphore(limit > 0 ? limit : Integer.MAX_VALUE);
        ConcurrentHashMap<Long, Long> first = new ConcurrentHashMap<>();
        ConcurrentHashMap<Long, Long> last = new ConcurrentHashMap<>();
        AtomicLong requests = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        AtomicLong duplicates = new AtomicLong();
        AtomicLong wrk = new AtomicLong();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
        server.setExecutor(Executors.newFixedThreadPool(Math.max(16, limit * 2)));
        server.createContext("/", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            String path = ex.getRequestURI().getPath();
            if (path.equals("/stats")) {
                byte[] out = (requests.get() + " " + first.size() + " " + duplicates.get() + " " + refused.get()
                        + " " + wrk.get() + "\n").getBytes(StandardCharsets.UTF_8);
                ex.sendResponseHeaders(200, out.length);
                ex.getResponseBody().write(out);
                ex.close();
                return;
            }
            if (path.equals("/dump")) {
                try (PrintWriter w = new PrintWriter(dump, StandardCharsets.UTF_8)) {
                    first.forEach((k, v) -> w.println(k + " " + v + " " + last.get(k)));
                }
                ex.sendResponseHeaders(204, -1);
                ex.close();
                return;
            }
            if (!slots.tryAcquire()) {
                refused.incrementAndGet();
                ex.sendResponseHeaders(503, -1);
                ex.close();
                return;
            }
            try {
                if (delay > 0) {
                    Thread.sleep(delay);
                }
                long at = System.currentTimeMillis() * 1000 + (System.nanoTime() / 1000) % 1000;
                long refund = refundId(body);
                if (path.equals("/wrk")) {
                    wrk.incrementAndGet();
                } else {
                    requests.incrementAndGet();
                    last.put(refund, at);
                    if (first.putIfAbsent(refund, at) != null) {
                        duplicates.incrementAndGet();
                    }
                }
                ex.sendResponseHeaders(200, -1);
                ex.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                slots.release();
            }
        });
        server.start();
        System.out.println("webhook sink on " + port + " limit " + limit + " delay " + delay + " ms");
    }

    /**
     * The digits after "refundId": (a refund request) or "notificationId" : (an SMS of the
     * notification gateway, issue 26) in the body, without a JSON parser.
     */
    static long refundId(byte[] body) {
        long v = idAfter(body, "\"refundId\"");
        return v >= 0 ? v : idAfter(body, "\"notificationId\"");
    }

    private static long idAfter(byte[] body, String name) {
        byte[] key = name.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + key.length < body.length; i++) {
            for (int j = 0; j < key.length; j++) {
                if (body[i + j] != key[j]) {
                    continue outer;
                }
            }
            int k = i + key.length;
            while (k < body.length && (body[k] == ' ' || body[k] == ':')) {
                k++;
            }
            long v = 0;
            for (; k < body.length && body[k] >= '0' && body[k] <= '9'; k++) {
                v = v * 10 + (body[k] - '0');
            }
            return v;
        }
        return -1;
    }
}
