package io.github.iotpipeline.model;

import java.util.HashSet;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import static io.github.iotpipeline.model.ReadingCodec.SENSOR_ID;
import static io.github.iotpipeline.model.ReadingCodec.SEQ;
import static io.github.iotpipeline.model.ReadingCodec.TIMESTAMP;
import static io.github.iotpipeline.model.ReadingCodec.UNIT;
import static io.github.iotpipeline.model.ReadingCodec.VALUE;

/**
 * The keys one payload has shown so far, to refuse a key that appears twice. The reading's own keys are one bit
 * each: a set of names per payload was a tenth of what decoding allocated. Other keys go to a set made for the
 * first of them.
 */
final class FieldNames {

    static final String[] REQUIRED = {SENSOR_ID, TIMESTAMP, VALUE};

    private static final String[] KNOWN = {SENSOR_ID, TIMESTAMP, VALUE, UNIT, SEQ};

    private int known;
    private @Nullable Set<String> others;

    /** Records a key; false when it was already there. */
    boolean add(String name) {
        int index = knownIndex(name);
        if (index < 0) {
            if (others == null) {
                others = new HashSet<>();
            }
            return others.add(name);
        }
        boolean first = (known & 1 << index) == 0;
        known |= 1 << index;
        return first;
    }

    boolean contains(String name) {
        int index = knownIndex(name);
        return index < 0 ? others != null && others.contains(name) : (known & 1 << index) != 0;
    }

    private static int knownIndex(String name) {
        for (int i = 0; i < KNOWN.length; i++) {
            if (KNOWN[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
