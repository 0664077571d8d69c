package cn.gov.exam.change.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay to the database whose connections can be reset at once (RST, not FIN), as a client
 * sees them when PostgreSQL's backends die under its statements.
 */
final class ResettingProxy implements AutoCloseable {
    private final ServerSocket server;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    ResettingProxy(String host, int port) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        daemon(() -> {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    Socket upstream = new Socket(host, port);
                    sockets.add(client);
                    sockets.add(upstream);
                    pump(client, upstream);
                    pump(upstream, client);
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    int port() {
        return server.getLocalPort();
    }

    /** Resets every relayed connection: the client's side reads "Connection reset". */
    void resetAll() throws IOException {
        for (Socket s : sockets) {
            if (!s.isClosed()) {
                s.setSoLinger(true, 0);
                s.close();
            }
        }
    }

    private static void pump(Socket from, Socket to) {
        daemon(() -> {
            try (InputStream in = from.getInputStream();
                    OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException e) {
                // Reset or closed: the relay ends.
            }
        });
    }

    private static void daemon(Runnable r) {
        Thread t = new Thread(r, "resetting-proxy");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        server.close();
        resetAll();
    }
}
