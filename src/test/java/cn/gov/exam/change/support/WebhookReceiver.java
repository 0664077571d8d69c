package cn.gov.exam.change.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** A payment system's endpoint on loopback: records what it receives, answers as scripted (200 by default). */
public final class WebhookReceiver implements AutoCloseable {
    public record Received(String id, String timestamp, String signature, String body) {}

    /** A scripted answer: a status, after an optional delay, with optional headers. */
    public record Answer(int status, long delayMillis, Map<String, String> headers) {
        public static Answer of(int status) {
            return new Answer(status, 0, Map.of());
        }
    }

    private final HttpServer server;
    private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
    private final LinkedBlockingQueue<Answer> script = new LinkedBlockingQueue<>();
    private final Map<String, Answer> byBody = new ConcurrentHashMap<>();
    private final String address;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();
    private volatile Answer otherwise = Answer.of(200);

    public WebhookReceiver() {
        this("127.0.0.1");
    }

    /** On another loopback address, e.g. 127.0.0.2: a service of our own network that no webhook may reach. */
    public WebhookReceiver(String address) {
        this.address = address;
        try {
            server = HttpServer.create(new InetSocketAddress(address, 0), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", exchange -> {
            mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            AtomicBoolean out = new AtomicBoolean();
            Runnable countOut = () -> {
                if (out.compareAndSet(false, true)) {
                    inFlight.decrementAndGet();
                }
            };
            try {
                handle(exchange, countOut);
            } finally {
                countOut.run();
            }
        });
        server.start();
    }

    /**
     * {@code answering} runs just before the answer leaves: once the caller has it, it may send the
     * next request at once, and counting this one out only after the answer (a thread descheduled
     * between the two on a busy machine) made a limit of 4 look like 5.
     */
    private void handle(com.sun.net.httpserver.HttpExchange exchange, Runnable answering) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        received.add(new Received(
                exchange.getRequestHeaders().getFirst("webhook-id"),
                exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                exchange.getRequestHeaders().getFirst("webhook-signature"),
                body));
        Answer a = byBody.entrySet().stream()
                .filter(e -> body.contains(e.getKey()))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElseGet(script::poll);
        if (a == null) {
            a = otherwise;
        }
        if (a.delayMillis() > 0) {
            try {
                Thread.sleep(a.delayMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        a.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        answering.run();
        exchange.sendResponseHeaders(a.status(), -1);
        exchange.close();
    }

    public String url() {
        return "http://" + address + ":" + server.getAddress().getPort() + "/refunds";
    }

    public void answer(Answer... answers) {
        script.addAll(List.of(answers));
    }

    /** Every message whose body contains {@code fragment} gets this answer (before the script). */
    public void answerWhenBodyContains(String fragment, Answer answer) {
        byBody.put(fragment, answer);
    }

    /** The answer once the script is used up (200 at once unless set). */
    public void otherwise(Answer answer) {
        otherwise = answer;
    }

    /** The most requests this receiver has had in hand at one time. */
    public int mostInFlight() {
        return mostInFlight.get();
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
