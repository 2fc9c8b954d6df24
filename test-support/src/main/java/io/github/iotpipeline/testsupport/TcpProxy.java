package io.github.iotpipeline.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on a free loopback port in front of a server the test must not stop itself, such as the shared
 * PostgreSQL: {@link #cut()} makes the server look unreachable to whoever connects through the proxy, and
 * {@link #setLatency(Duration)} makes it look slow, and {@link #hold()} stops what clients send at a chosen
 * point. The server itself is never touched.
 * <p>
 * One thread accepts and two threads pump bytes per connection, all daemon threads, all ended by
 * {@link #cut()} (for the connections) or {@link #close()}.
 */
public final class TcpProxy implements AutoCloseable {

    private static final int CHUNK_BYTES = 16 * 1024;
    private static final int CONNECT_TIMEOUT_MS = 5_000;

    private final String targetHost;
    private final int targetPort;
    private final ServerSocket server;
    private final ExecutorService threads;
    private final Set<Socket> open = new HashSet<>();
    private volatile boolean cut;
    private volatile long latencyNanos;
    private final UpstreamHold hold = new UpstreamHold();

    private TcpProxy(String targetHost, int targetPort, ServerSocket server) {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.server = server;
        AtomicInteger count = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "tcp-proxy-" + server.getLocalPort() + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Listens on a free loopback port and forwards every connection to the target. */
    public static TcpProxy start(String targetHost, int targetPort) {
        try {
            ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            TcpProxy proxy = new TcpProxy(targetHost, targetPort, server);
            proxy.threads.execute(proxy::acceptLoop);
            return proxy;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Resets every open connection and, until {@link #restore()}, every new one as soon as it is accepted. */
    public void cut() {
        List<Socket> toClose;
        synchronized (open) {
            cut = true;
            toClose = List.copyOf(open);
            open.clear();
        }
        toClose.forEach(TcpProxy::reset);
    }

    /** Forwards new connections again. */
    public void restore() {
        cut = false;
    }

    /** Holds back every chunk, in both directions, this long before forwarding it; zero for none. */
    public void setLatency(Duration latency) {
        latencyNanos = latency.toNanos();
    }

    /** What clients send, held back from a point the test chooses, until it releases it. */
    public UpstreamHold hold() {
        return hold;
    }

    @Override
    public void close() {
        try {
            server.close();
        }
        catch (IOException ignored) {
            // Closing is all that was wanted.
        }
        cut();
        threads.shutdownNow();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                threads.execute(() -> connect(client));
            }
            catch (IOException ex) {
                // The server socket was closed: the proxy is shutting down.
            }
        }
    }

    private void connect(Socket client) {
        Socket target = new Socket();
        if (cut || !register(client) || !reach(target) || !register(target)) {
            reset(client);
            reset(target);
            return;
        }
        threads.execute(() -> pump(client, target, hold.upstream()));
        threads.execute(() -> pump(target, client, UpstreamHold.DIRECT));
    }

    private boolean reach(Socket target) {
        try {
            target.connect(new InetSocketAddress(targetHost, targetPort), CONNECT_TIMEOUT_MS);
            return true;
        }
        catch (IOException ex) {
            return false;
        }
    }

    /** Keeps the socket for {@link #cut()}; false when the proxy was cut in the meantime. */
    private boolean register(Socket socket) {
        synchronized (open) {
            if (cut) {
                return false;
            }
            open.add(socket);
            return true;
        }
    }

    private void pump(Socket from, Socket to, UpstreamHold.Forwarding forwarding) {
        byte[] chunk = new byte[CHUNK_BYTES];
        try (from; to) {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int read;
            while ((read = in.read(chunk)) >= 0) {
                TimeUnit.NANOSECONDS.sleep(latencyNanos);
                forwarding.write(chunk, read, out);
            }
        }
        catch (IOException | InterruptedException ex) {
            // Either side went away, or the proxy was cut or closed: the connection ends here.
        }
        finally {
            forget(from);
            forget(to);
        }
    }

    private void forget(Socket socket) {
        synchronized (open) {
            open.remove(socket);
        }
    }

    /** Closes with a TCP reset rather than a FIN, so the peer fails at once instead of seeing a tidy end. */
    private static void reset(Socket socket) {
        try {
            if (!socket.isClosed() && socket.isConnected()) {
                socket.setSoLinger(true, 0);
            }
        }
        catch (SocketException ignored) {
            // Fall back to an ordinary close.
        }
        try {
            socket.close();
        }
        catch (IOException ignored) {
            // Already gone.
        }
    }
}
