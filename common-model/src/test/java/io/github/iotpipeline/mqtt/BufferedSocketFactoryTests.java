package io.github.iotpipeline.mqtt;

import java.io.DataInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BufferedSocketFactoryTests {

    @Test
    void readsEveryByteInOrderThroughOneBufferedStream() throws Exception {
        byte[] sent = new byte[300_000];
        new Random(1).nextBytes(sent);
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket client = new BufferedSocketFactory().createSocket(InetAddress.getLoopbackAddress(),
                        server.getLocalPort());
                Socket accepted = server.accept()) {
            Thread writer = new Thread(() -> {
                try (OutputStream out = accepted.getOutputStream()) {
                    out.write(sent);
                }
                catch (Exception ex) {
                    throw new IllegalStateException(ex);
                }
            });
            writer.start();
            // Byte-at-a-time reads, as an MQTT client reads a packet header, mixed with bulk reads.
            DataInputStream in = new DataInputStream(client.getInputStream());
            byte[] received = new byte[sent.length];
            for (int i = 0; i < 1000; i++) {
                received[i] = in.readByte();
            }
            in.readFully(received, 1000, sent.length - 1000);
            writer.join();

            assertThat(received).isEqualTo(sent);
            // One stream per socket: a second one would lose what the first has buffered.
            assertThat(client.getInputStream()).isSameAs(client.getInputStream());
        }
    }

    @Test
    void keepsTheSocketReadTimeout() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket client = new BufferedSocketFactory().createSocket()) {
            client.connect(server.getLocalSocketAddress());
            client.setSoTimeout(50);
            InputStream in = client.getInputStream();

            // A timeout leaves the stream usable, as the MQTT client expects when it polls for packets.
            assertThatThrownBy(in::read).isInstanceOf(SocketTimeoutException.class);
            try (Socket accepted = server.accept()) {
                accepted.getOutputStream().write(42);
                assertThat(in.read()).isEqualTo(42);
            }
        }
    }
}
