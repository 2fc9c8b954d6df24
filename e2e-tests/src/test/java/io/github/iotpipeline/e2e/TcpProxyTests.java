package io.github.iotpipeline.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.github.iotpipeline.testsupport.TcpProxy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The proxy the fault tests stand on, against an echo server: forwards, cuts, restores, delays, and holds what
 * clients send from a chosen point.
 */
class TcpProxyTests {

    private static final int READ_TIMEOUT_MS = 5_000;

    private ServerSocket echo;
    private TcpProxy proxy;

    @BeforeEach
    void start() throws IOException {
        echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::echoEveryConnection, "echo-server");
        acceptor.setDaemon(true);
        acceptor.start();
        proxy = TcpProxy.start("127.0.0.1", echo.getLocalPort());
    }

    @AfterEach
    void stop() throws IOException {
        proxy.close();
        echo.close();
    }

    @Test
    void forwardsBytesBothWays() throws IOException {
        try (Socket client = connect()) {
            assertThat(roundTrip(client, "ping")).isEqualTo("ping");
        }
    }

    @Test
    void cutResetsOpenConnectionsAndNewOnesUntilRestored() throws IOException {
        try (Socket open = connect()) {
            roundTrip(open, "before");
            proxy.cut();
            assertThatExceptionOfType(IOException.class).isThrownBy(() -> {
                // The first write may still be buffered locally; the reset shows by the next read at the latest.
                roundTrip(open, "during");
                roundTrip(open, "during");
            });
        }
        try (Socket refused = connect()) {
            assertThatExceptionOfType(IOException.class).isThrownBy(() -> roundTrip(refused, "during"));
        }
        proxy.restore();
        try (Socket client = connect()) {
            assertThat(roundTrip(client, "after")).isEqualTo("after");
        }
    }

    @Test
    void delaysEachChunkInBothDirections() throws IOException {
        proxy.setLatency(Duration.ofMillis(150));
        try (Socket client = connect()) {
            long started = System.nanoTime();
            roundTrip(client, "slow");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        }
    }

    @Test
    void holdsWhatClientsSendFromAPointPastAMarkerUntilReleased() throws IOException {
        proxy.hold().from("MARK", 3);
        try (Socket client = connect(); Socket other = connect()) {
            assertThat(roundTrip(client, "before")).isEqualTo("before");
            send(client, "xxMA");
            send(client, "RKabcdef");
            assertThat(receive(client, 9)).isEqualTo("xxMARKabc");
            await().atMost(Duration.ofSeconds(5)).until(proxy.hold()::holding);

            send(other, "held too");
            other.setSoTimeout(300);
            assertThatExceptionOfType(SocketTimeoutException.class).isThrownBy(() -> receive(other, 1));
            other.setSoTimeout(READ_TIMEOUT_MS);

            proxy.hold().release();
            assertThat(proxy.hold().holding()).isFalse();
            assertThat(receive(client, 3)).isEqualTo("def");
            assertThat(receive(other, 8)).isEqualTo("held too");
            assertThat(roundTrip(client, "MARK and after")).isEqualTo("MARK and after");
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), proxy.port());
        socket.setSoTimeout(READ_TIMEOUT_MS);
        return socket;
    }

    /** Sends a short message and reads back as many bytes; an ended stream counts as a broken connection. */
    private static String roundTrip(Socket socket, String message) throws IOException {
        send(socket, message);
        return receive(socket, message.getBytes(StandardCharsets.UTF_8).length);
    }

    private static void send(Socket socket, String message) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(message.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static String receive(Socket socket, int bytes) throws IOException {
        byte[] received = socket.getInputStream().readNBytes(bytes);
        if (received.length < bytes) {
            throw new IOException("connection ended after " + received.length + " bytes");
        }
        return new String(received, StandardCharsets.UTF_8);
    }

    private void echoEveryConnection() {
        while (!echo.isClosed()) {
            try {
                Socket socket = echo.accept();
                Thread pump = new Thread(() -> echo(socket), "echo-connection");
                pump.setDaemon(true);
                pump.start();
            }
            catch (IOException closed) {
                return;
            }
        }
    }

    private static void echo(Socket socket) {
        try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            in.transferTo(out);
        }
        catch (IOException ignored) {
            // The client or the proxy went away.
        }
    }
}
