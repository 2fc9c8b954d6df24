package io.github.iotpipeline.mqtt;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

import javax.net.SocketFactory;

import org.jspecify.annotations.Nullable;

/**
 * Plain TCP sockets whose input stream is buffered. The Paho MQTT client reads each packet's header a byte at
 * a time from the socket's raw stream, one system call per byte; at tens of thousands of messages a second
 * that was an eighth of the collector's CPU. Only for {@code tcp://}: TLS sockets buffer already and come
 * from an {@code SSLSocketFactory}.
 */
public final class BufferedSocketFactory extends SocketFactory {

    /** Large enough for a few hundred readings; the socket's own receive buffer is larger still. */
    static final int BUFFER_SIZE = 64 * 1024;

    @Override
    public Socket createSocket() {
        return new BufferedSocket();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(null, new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connected(new InetSocketAddress(localHost, localPort), new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(null, new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return connected(new InetSocketAddress(localAddress, localPort), new InetSocketAddress(address, port));
    }

    /** A buffered socket bound to {@code local} (any, when null) and connected to {@code remote}. */
    private static Socket connected(@Nullable InetSocketAddress local, InetSocketAddress remote) throws IOException {
        Socket socket = new BufferedSocket();
        if (local != null) {
            socket.bind(local);
        }
        socket.connect(remote);
        return socket;
    }

    private static final class BufferedSocket extends Socket {

        private @Nullable InputStream input;

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (input == null) {
                input = new BufferedInputStream(super.getInputStream(), BUFFER_SIZE);
            }
            return input;
        }
    }
}
