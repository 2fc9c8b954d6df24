package io.github.iotpipeline.collector.archive;

import java.nio.charset.StandardCharsets;

/**
 * A range of ASCII bytes read as characters, in place: what a line's short strings are parsed from without a
 * string per field. Reused, so valid only until the next {@link #view}.
 */
final class AsciiView implements CharSequence {

    private byte[] bytes = new byte[0];
    private int start;
    private int length;

    void view(byte[] bytes, int start, int length) {
        this.bytes = bytes;
        this.start = start;
        this.length = length;
    }

    int start() {
        return start;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public char charAt(int index) {
        if (index < 0 || index >= length) {
            throw new IndexOutOfBoundsException(index);
        }
        return (char) bytes[start + index];
    }

    @Override
    public CharSequence subSequence(int from, int to) {
        return toString().substring(from, to);
    }

    @Override
    public String toString() {
        return new String(bytes, start, length, StandardCharsets.ISO_8859_1);
    }
}
