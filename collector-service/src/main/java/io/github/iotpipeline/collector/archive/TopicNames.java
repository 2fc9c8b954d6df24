package io.github.iotpipeline.collector.archive;

import java.nio.charset.StandardCharsets;

/**
 * The topics of an archive's lines as strings, one string per topic rather than one per line: a day holds the
 * topics of a fleet, each on many lines, and a string per line was garbage for the whole of a replay batch's
 * life. A direct-mapped cache, so it stays bounded for any number of topics; a topic whose slot another took
 * meanwhile just gets a new string.
 */
final class TopicNames {

    private static final int SLOTS = 1 << 14;

    private final String[] slots = new String[SLOTS];

    /** The ASCII bytes as a string, the same one as for the last equal bytes in the same slot. */
    String of(byte[] bytes, int start, int length) {
        int hash = 0;
        for (int i = start; i < start + length; i++) {
            hash = 31 * hash + bytes[i];
        }
        int slot = (hash ^ hash >>> 16) & (SLOTS - 1);
        String known = slots[slot];
        if (known != null && equal(known, bytes, start, length)) {
            return known;
        }
        String topic = new String(bytes, start, length, StandardCharsets.ISO_8859_1);
        slots[slot] = topic;
        return topic;
    }

    private static boolean equal(String known, byte[] bytes, int start, int length) {
        if (known.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (known.charAt(i) != bytes[start + i]) {
                return false;
            }
        }
        return true;
    }
}
