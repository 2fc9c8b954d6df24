package io.github.iotpipeline.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

/**
 * A fault of {@link TcpProxy}: what clients send stops at a chosen point, as a server sees it when its client
 * dies half-way through a request. Armed with a marker, such as a name in a request line, and a distance, it
 * forwards a connection's bytes up to {@code after} bytes past the end of the marker's first occurrence in
 * that connection, then holds back what any client sends, on that connection and every other, until
 * {@link #release()}. Replies still flow. Unarmed, and once released, it forwards everything.
 */
public final class UpstreamHold {

    /** Forwards a chunk as it is. */
    static final Forwarding DIRECT = (chunk, length, out) -> {
        out.write(chunk, 0, length);
        out.flush();
    };

    private @Nullable String marker;
    private long after;
    private boolean holding;

    UpstreamHold() {
    }

    /**
     * Arms the hold: the bytes from {@code after} bytes past the marker's end on are held back. The marker is
     * matched as ISO-8859-1 text, so anything ASCII, such as a path, matches as it is sent.
     */
    public synchronized void from(String marker, long after) {
        this.marker = marker;
        this.after = after;
        this.holding = false;
        notifyAll();
    }

    /** Whether bytes are held back: the point was reached, and the hold was not released since. */
    public synchronized boolean holding() {
        return holding;
    }

    /** Forwards what was held back, and everything after it; the hold is disarmed. */
    public synchronized void release() {
        marker = null;
        holding = false;
        notifyAll();
    }

    /** The client-to-server side of a new connection. */
    Forwarding upstream() {
        return new Upstream();
    }

    private synchronized void holdHere() throws InterruptedException {
        if (marker != null) {
            holding = true;
        }
        awaitRelease();
    }

    private synchronized void awaitRelease() throws InterruptedException {
        while (holding) {
            wait();
        }
    }

    /** How one side of a proxied connection passes on a chunk it read. */
    interface Forwarding {

        void write(byte[] chunk, int length, OutputStream out) throws IOException, InterruptedException;
    }

    /** One connection's client-to-server bytes: where the marker was seen, and how far they went past it. */
    private final class Upstream implements Forwarding {

        /** The last bytes searched, fewer than the marker's, in case it spans two chunks. */
        private String tail = "";
        /** Bytes forwarded past the marker's end, or -1 before it was seen. */
        private long past = -1;

        @Override
        public void write(byte[] chunk, int length, OutputStream out) throws IOException, InterruptedException {
            awaitRelease();
            int point = holdPoint(chunk, length);
            if (point < 0) {
                DIRECT.write(chunk, length, out);
                return;
            }
            DIRECT.write(chunk, point, out);
            holdHere();
            out.write(chunk, point, length - point);
            out.flush();
        }

        /** Where in the chunk the hold begins, or -1 when it does not begin in it. */
        private int holdPoint(byte[] chunk, int length) {
            String wanted;
            long distance;
            synchronized (UpstreamHold.this) {
                wanted = marker;
                distance = after;
            }
            if (wanted == null) {
                return -1;
            }
            int start = 0;
            if (past < 0) {
                start = markerEnd(wanted, chunk, length);
                if (start < 0) {
                    return -1;
                }
                past = 0;
            }
            long remaining = distance - past;
            if (remaining <= length - start) {
                return start + (int) remaining;
            }
            past += length - start;
            return -1;
        }

        /** Where in the chunk the marker's first occurrence ends, or -1 when it has not occurred yet. */
        private int markerEnd(String wanted, byte[] chunk, int length) {
            String seen = tail + new String(chunk, 0, length, StandardCharsets.ISO_8859_1);
            int found = seen.indexOf(wanted);
            tail = seen.substring(seen.length() - Math.min(seen.length(), wanted.length() - 1));
            return found < 0 ? -1 : found + wanted.length() - (seen.length() - length);
        }
    }
}
