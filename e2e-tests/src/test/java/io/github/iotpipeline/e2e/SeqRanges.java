package io.github.iotpipeline.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;

/** Writes a set of seqs as ranges, {@code 0-99, 250, 300-310}, so that a failure message stays readable. */
final class SeqRanges {

    private static final int SHOWN = 20;

    private SeqRanges() {
    }

    static String of(SortedSet<Long> seqs) {
        List<String> ranges = new ArrayList<>();
        Long start = null;
        Long previous = null;
        for (long seq : seqs) {
            if (previous == null || seq != previous + 1) {
                if (start != null) {
                    ranges.add(range(start, previous));
                }
                start = seq;
            }
            previous = seq;
        }
        if (start != null) {
            ranges.add(range(start, previous));
        }
        String shown = String.join(", ", ranges.subList(0, Math.min(SHOWN, ranges.size())));
        return ranges.size() > SHOWN ? shown + ", … (" + (ranges.size() - SHOWN) + " more ranges)" : shown;
    }

    private static String range(long from, long to) {
        return from == to ? Long.toString(from) : from + "-" + to;
    }
}
