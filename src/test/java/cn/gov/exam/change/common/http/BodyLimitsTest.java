package cn.gov.exam.change.common.http;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The 1 MiB limit of non-import bodies holds whatever the framing, and costs no heap. */
@QuarkusTest
class BodyLimitsTest {
    private static final int MIB = 1 << 20;

    @Test
    void aChunkedBodyOverTheLimitIsRefusedWithAProblem() throws Exception {
        Upload upload = new Upload("/api/v1/payment-callbacks/refunds", 8 * MIB);
        upload.start();
        String response = upload.response.get(30, TimeUnit.SECONDS);
        assertTrue(response.startsWith("HTTP/1.1 413"), response);
        assertTrue(response.contains("application/problem+json") && response.contains("payload-too-large"), response);
    }

    @Test
    void parallelOversizedChunkedBodiesLeaveTheHeapFlat() throws Exception {
        // A body kept whole ends up as arrays of many MiB, which the JVM puts straight into the old
        // generation: its peak is the heap a server spends on what it read.
        List<MemoryPoolMXBean> old = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP && p.getName().matches(".*(Old|Tenured).*"))
                .toList();
        assertTrue(!old.isEmpty(), "no old-generation pool to watch");
        System.gc();
        long before = old.stream().mapToLong(p -> p.getUsage().getUsed()).sum();
        old.forEach(MemoryPoolMXBean::resetPeakUsage);
        List<Upload> uploads = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            uploads.add(new Upload(
                    i % 2 == 0 ? "/api/v1/payment-callbacks/refunds" : "/api/v1/auth/staff-token", 64 * MIB));
        }
        uploads.forEach(Upload::start);
        List<String> responses = new ArrayList<>();
        for (Upload u : uploads) {
            responses.add(u.response.get(60, TimeUnit.SECONDS));
        }
        long peak = old.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        System.out.printf(
                "Old generation: %d MiB before, peak %d MiB during five 64 MiB chunked uploads%n",
                before / MIB, peak / MIB);
        assertTrue(peak - before < 64L * MIB, "the heap grew by " + (peak - before) / MIB + " MiB");
        for (String response : responses) {
            assertTrue(response.startsWith("HTTP/1.1 413"), response);
        }
        given().get("/api/v1/ping").then().statusCode(200);
    }

    /** A chunked POST on a plain socket: written by one thread while another reads the answer. */
    private static final class Upload {
        final CompletableFuture<String> response = new CompletableFuture<>();
        private final String path;
        private final long total;

        Upload(String path, long total) {
            this.path = path;
            this.total = total;
        }

        void start() {
            try {
                Socket socket = new Socket("localhost", RestAssured.port);
                Thread reader = new Thread(() -> read(socket));
                reader.setDaemon(true);
                reader.start();
                Thread writer = new Thread(() -> write(socket));
                writer.setDaemon(true);
                writer.start();
            } catch (IOException e) {
                response.completeExceptionally(e);
            }
        }

        private void write(Socket socket) {
            byte[] chunk = new byte[64 * 1024];
            Arrays.fill(chunk, (byte) 'a');
            byte[] head = ("%x\r\n".formatted(chunk.length)).getBytes(StandardCharsets.US_ASCII);
            byte[] crlf = "\r\n".getBytes(StandardCharsets.US_ASCII);
            long sent = 0;
            try {
                OutputStream out = socket.getOutputStream();
                out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                                + "Transfer-Encoding: chunked\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                while (sent < total && !response.isDone()) {
                    out.write(head);
                    out.write(chunk);
                    out.write(crlf);
                    sent += chunk.length;
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException e) {
                // The server stopped listening: fine, it has answered or will be found not to have.
            }
        }

        private void read(Socket socket) {
            try (socket) {
                InputStream in = socket.getInputStream();
                ByteArrayOutputStream got = new ByteArrayOutputStream();
                byte[] buffer = new byte[8192];
                int n;
                while ((n = in.read(buffer)) > 0) {
                    got.write(buffer, 0, n);
                    String text = got.toString(StandardCharsets.UTF_8);
                    int headEnd = text.indexOf("\r\n\r\n");
                    if (headEnd > 0 && text.contains("}")) {
                        break;
                    }
                }
                response.complete(got.toString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                response.completeExceptionally(e);
            }
        }
    }
}
