package io.github.iotpipeline.model;

import java.nio.charset.StandardCharsets;

/**
 * A range of ASCII bytes read as characters, in place: what short fields (an archive line's receive time, a
 * payload's timestamp) are parsed from without a string each. Reusable, so valid only until the next
 * {@link #view}.
 */
public final class AsciiView implements CharSequence {

    private byte[] bytes = new byte[0];
    private int start;
    private int length;

    public void view(byte[] bytes, int start, int length) {
        this.bytes = bytes;
        this.start = start;
        this.length = length;
    }

    public int start() {
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
