package io.github.iotpipeline.collector.redrive;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import io.github.iotpipeline.collector.ingest.RedriveCounts;
import org.slf4j.Logger;

/** Prints how far the redrive is, every few seconds, and at the end what it did. */
final class RedriveProgress {

    private static final long EVERY_NANOS = Duration.ofSeconds(5).toNanos();

    private final Logger out;
    private final long total;
    private final long started = System.nanoTime();
    private long lastPrinted = started;

    RedriveProgress(Logger out, long total) {
        this.out = out;
        this.total = total;
    }

    /** So many dead letters are looked at. */
    void advanced(long done) {
        long now = System.nanoTime();
        if (now - lastPrinted < EVERY_NANOS) {
            return;
        }
        lastPrinted = now;
        double seconds = (now - started) / 1e9;
        double rate = done / seconds;
        // Dead letters the live collector adds meanwhile are looked at too: the total is a floor.
        long left = Math.max(0, total - done);
        out.info(String.format("redrive: %,d of %,d dead letters, %,d/s, about %d s left", done, total,
                Math.round(rate), rate <= 0 ? 0 : Math.round(left / rate)));
    }

    String summary(RedriveCounts counts, boolean dryRun) {
        long looked = counts.accepted() + counts.refused();
        String head = String.format("redrive: %,d dead letter%s in %.1f s: ", looked, looked == 1 ? "" : "s",
                (System.nanoTime() - started) / 1e9);
        String refused = counts.refused() == 0 ? "" : " (" + reasons(counts.stillRefused()) + ")";
        if (dryRun) {
            return head + String.format("%,d would be accepted now, %,d still refused%s; nothing written",
                    counts.accepted(), counts.refused(), refused);
        }
        return head + String.format("%,d accepted now and marked redriven (%,d stored, %,d stored already),"
                + " %,d still refused%s, left as they are", counts.accepted(), counts.stored(),
                counts.storedAlready(), counts.refused(), refused);
    }

    private static String reasons(Map<String, Long> refusals) {
        return refusals.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(entry -> entry.getKey() + " " + String.format("%,d", entry.getValue()))
                .collect(Collectors.joining(", "));
    }
}
