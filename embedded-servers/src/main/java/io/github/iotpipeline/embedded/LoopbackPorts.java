package io.github.iotpipeline.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** TCP ports on the loopback interface, for servers that listen there. */
public final class LoopbackPorts {

    private LoopbackPorts() {
    }

    /** A port nothing listens on now; another process may still take it before the caller binds it. */
    public static int free() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("No free port on the loopback interface", ex);
        }
    }

    /** Whether a server could listen on {@code 127.0.0.1:port} now. */
    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        }
        catch (IOException taken) {
            return false;
        }
    }
}
