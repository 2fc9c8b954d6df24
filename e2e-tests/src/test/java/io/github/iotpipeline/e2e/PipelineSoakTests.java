package io.github.iotpipeline.e2e;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Random;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The soak: the pipeline under a steady load for a long time while the collector is killed and restarted
 * and the database cut off, at random. Not part of the build's tests (it runs for minutes): run it with
 * {@code bench/soak.sh}, which sets {@code soak.duration} and {@code soak.rate}.
 */
@EnabledIfSystemProperty(named = "soak.duration", matches = ".+")
class PipelineSoakTests {

    @TempDir
    Path work;

    @Test
    void losesAndDuplicatesNothingUnderLoadWhileTheCollectorAndTheDatabaseFail() throws Exception {
        Duration duration = Duration.parse("PT" + System.getProperty("soak.duration").toUpperCase());
        int rate = Integer.parseInt(System.getProperty("soak.rate", "2000"));
        long seed = Long.parseLong(System.getProperty("soak.seed", Long.toString(System.nanoTime())));
        Random random = new Random(seed);
        Chaos chaos = new Chaos();
        Instant started = Instant.now();

        try (FaultScenario scenario = FaultScenario.create("soak", work, Map.of())) {
            scenario.startCollector();
            Instant deadline = Instant.now().plus(duration);
            try (SequencePublisher publisher = scenario.publisher()) {
                CompletableFuture<Void> load = CompletableFuture.runAsync(() -> {
                    while (Instant.now().isBefore(deadline)) {
                        publisher.publish(rate, rate);
                    }
                });
                while (Instant.now().isBefore(deadline) && !load.isDone()) {
                    chaos.pause(random, 10, 40, deadline);
                    if (!Instant.now().isBefore(deadline)) {
                        break;
                    }
                    if (random.nextBoolean()) {
                        scenario.collector().kill();
                        chaos.kills++;
                        chaos.pause(random, 1, 5, deadline);
                        scenario.collector().start();
                    }
                    else {
                        scenario.databaseProxy().cut();
                        chaos.cuts++;
                        chaos.pause(random, 5, 20, deadline);
                        scenario.databaseProxy().restore();
                    }
                }
                load.get(2, TimeUnit.MINUTES);
            }
            if (!scenario.collector().isAlive()) {
                scenario.collector().start();
            }
            scenario.databaseProxy().restore();
            Instant publishedBy = Instant.now();

            SortedSet<Long> published = scenario.published().accepted();
            Duration drain = Duration.ZERO;
            try {
                drain = awaitBacklogDrained(scenario, published.size());
                scenario.assertEveryPublishedReadingStoredOnce(chaos.kills);
            }
            finally {
                System.out.println(Report.of(scenario, published, started, publishedBy, rate, seed, chaos, drain)
                        .render());
            }
        }
    }

    /**
     * When the load outpaces the collector, the broker holds the backlog in the collector's session; it
     * drains after publishing stops. Waits as long as the stored count keeps growing, and gives up after a
     * minute without progress — which is then a stall, and the verdict reports what is missing.
     */
    private static Duration awaitBacklogDrained(FaultScenario scenario, long published) throws Exception {
        long started = System.nanoTime();
        long stored = scenario.stored().count();
        long lastProgress = System.nanoTime();
        while (stored < published && System.nanoTime() - lastProgress < TimeUnit.MINUTES.toNanos(1)) {
            TimeUnit.SECONDS.sleep(5);
            long now = scenario.stored().count();
            if (now > stored) {
                lastProgress = System.nanoTime();
            }
            stored = now;
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** What was broken, and a way to wait between breakages that ends with the run. */
    private static final class Chaos {

        int kills;
        int cuts;

        /** Waits a random while between breakages: pacing, not waiting for a condition. */
        void pause(Random random, int minSeconds, int maxSeconds, Instant deadline) throws InterruptedException {
            long millis = TimeUnit.SECONDS.toMillis(minSeconds + random.nextInt(maxSeconds - minSeconds + 1));
            long untilDeadline = Duration.between(Instant.now(), deadline).toMillis();
            Thread.sleep(Math.max(0, Math.min(millis, untilDeadline)));
        }
    }

    /** The figures the soak is judged by, as printed at the end of the run. */
    private record Report(Instant started, Duration publishing, int targetRate, long published, long stored,
            long duplicates, long missing, int kills, int cuts, long seed, long rssKb, Duration drain) {

        static Report of(FaultScenario scenario, SortedSet<Long> published, Instant started, Instant publishedBy,
                int rate, long seed, Chaos chaos, Duration drain) throws Exception {
            SortedSet<Long> stored = scenario.stored().seqs();
            SortedSet<Long> missing = new TreeSet<>(published);
            missing.removeAll(stored);
            return new Report(started, Duration.between(started, publishedBy), rate, published.size(),
                    stored.size(), scenario.stored().repeated(), missing.size(), chaos.kills, chaos.cuts, seed,
                    scenario.collector().isAlive() ? scenario.collector().residentKilobytes() : -1, drain);
        }

        String render() {
            double achieved = published * 1000.0 / Math.max(1, publishing.toMillis());
            return String.join("\n",
                    "SOAK started   " + started.truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC),
                    "SOAK duration  " + publishing.toSeconds() + " s of publishing, target " + targetRate
                            + " readings/s, achieved " + Math.round(achieved) + " readings/s",
                    "SOAK chaos     " + kills + " collector kills (SIGKILL), " + cuts + " database cuts, seed " + seed,
                    "SOAK published " + published + " (accepted by the broker at QoS 1)",
                    "SOAK backlog   drained " + drain.toSeconds() + " s after publishing ended",
                    "SOAK stored    " + stored,
                    "SOAK duplicates " + duplicates,
                    "SOAK missing   " + missing,
                    "SOAK collector RSS at the end " + (rssKb < 0 ? "n/a" : rssKb / 1024 + " MB"));
        }
    }
}
