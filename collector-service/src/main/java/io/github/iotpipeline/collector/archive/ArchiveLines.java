package io.github.iotpipeline.collector.archive;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The lines of an archive file as byte ranges of one buffer, without decoding them: the JSON parser reads
 * UTF-8 itself, and a line decoded to a string first cost as much again (a payload with one character outside
 * Latin-1, such as "°C", makes the whole line a string of two bytes per character). Lines end at '\n', as the
 * manifest counts them; the last one may lack it. The buffer grows to the longest line, as a line reader's would.
 */
final class ArchiveLines {

    private final InputStream in;
    private byte[] buffer = new byte[64 * 1024];
    private int filled;
    private int start;
    private int end;
    private int next;
    private boolean eof;

    ArchiveLines(InputStream in) {
        this.in = in;
    }

    /** Moves to the next line; false at the end of the file. */
    boolean next() throws IOException {
        start = next;
        int scanned = start;
        while (true) {
            int newline = indexOfNewline(scanned);
            if (newline >= 0) {
                end = newline;
                next = newline + 1;
                return true;
            }
            if (eof) {
                end = filled;
                next = filled;
                return end > start;
            }
            moveLineToFront();
            scanned = filled;
            fill();
        }
    }

    /** The buffer holding the current line, from {@link #start()} for {@link #length()} bytes. */
    byte[] buffer() {
        return buffer;
    }

    int start() {
        return start;
    }

    int length() {
        return end - start;
    }

    private int indexOfNewline(int from) {
        for (int i = from; i < filled; i++) {
            if (buffer[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** Moves the line begun to the front of the buffer, growing it when the line fills it. */
    private void moveLineToFront() {
        System.arraycopy(buffer, start, buffer, 0, filled - start);
        filled -= start;
        start = 0;
        if (filled == buffer.length) {
            buffer = Arrays.copyOf(buffer, buffer.length * 2);
        }
    }

    private void fill() throws IOException {
        int read = in.read(buffer, filled, buffer.length - filled);
        if (read < 0) {
            eof = true;
        }
        else {
            filled += read;
        }
    }
}
