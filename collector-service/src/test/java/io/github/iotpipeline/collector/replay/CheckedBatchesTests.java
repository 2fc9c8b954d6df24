package io.github.iotpipeline.collector.replay;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

import io.github.iotpipeline.collector.archive.ArchiveEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class CheckedBatchesTests {

    @TempDir
    Path directory;

    @Test
    void handsOverFullBatchesThenTheRestWithTheDaysCounts() throws Exception {
        Path file = day(7, 1);

        List<CheckedBatches.Chunk<List<String>>> chunks = new ArrayList<>();
        try (CheckedBatches<List<String>> batches = CheckedBatches.start(file,
                entry -> !entry.topic().contains("other"), CheckedBatchesTests::topics, 3)) {
            CheckedBatches.Chunk<List<String>> chunk;
            do {
                chunk = batches.next();
                chunks.add(chunk);
            }
            while (!chunk.last());
        }

        // 7 entries of which every third is another sensor's (5 wanted), then one torn line: 8 lines.
        assertThat(chunks).extracting(chunk -> chunk.batch().size()).containsExactly(3, 2);
        CheckedBatches.Chunk<List<String>> last = chunks.get(1);
        assertThat(last.last()).isTrue();
        assertThat(last.lines()).isEqualTo(8);
        assertThat(last.torn()).isEqualTo(1);
        assertThat(last.otherSensors()).isEqualTo(2);
        assertThat(chunks.get(0).last()).isFalse();
        assertThat(chunks.get(0).lines()).isLessThanOrEqualTo(last.lines());
    }

    @Test
    void passesOnWhatStoppedTheReader() throws Exception {
        Path file = day(10, 0);

        try (CheckedBatches<List<String>> batches = CheckedBatches.start(file, entry -> true, entries -> {
            throw new IllegalStateException("check failed");
        }, 4)) {
            assertThatIllegalStateException().isThrownBy(batches::next).withMessage("check failed");
        }
        try (CheckedBatches<List<String>> batches = CheckedBatches.start(directory.resolve("missing.jsonl"),
                entry -> true, CheckedBatchesTests::topics, 4)) {
            assertThatThrownBy(batches::next).isInstanceOf(IOException.class);
        }
    }

    @Test
    void stopsAReaderThatWaitsForTheWriterWhenClosed() throws Exception {
        Path file = day(100, 0);
        CountDownLatch checked = new CountDownLatch(CheckedBatches.AHEAD + 1);

        CheckedBatches<List<String>> batches = CheckedBatches.start(file, entry -> true, entries -> {
            checked.countDown();
            return topics(entries);
        }, 1);
        // The queue fills and the reader blocks on the next hand-over; nobody takes anything.
        assertThat(checked.await(10, TimeUnit.SECONDS)).isTrue();
        long started = System.nanoTime();
        batches.close();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(thread -> thread.getName().equals("replay-reader")
                && thread.isAlive());
    }

    @Test
    void saysHowMuchOfTheFileIsReadPlainOrCompressed() throws Exception {
        for (boolean compressed : new boolean[] {false, true}) {
            Path file = largeDay(6_000, compressed);
            List<CheckedBatches.Chunk<List<String>>> chunks = new ArrayList<>();
            try (CheckedBatches<List<String>> batches = CheckedBatches.start(file, entry -> true,
                    CheckedBatchesTests::topics, 500)) {
                CheckedBatches.Chunk<List<String>> chunk;
                do {
                    chunk = batches.next();
                    chunks.add(chunk);
                }
                while (!chunk.last());
            }

            // The bytes on disk advance with the lines, whether the day has a manifest to count them or not.
            assertThat(chunks.get(chunks.size() - 1).done()).isEqualTo(1.0);
            for (CheckedBatches.Chunk<List<String>> chunk : chunks) {
                assertThat(chunk.done()).as("compressed %s, after %d lines", compressed, chunk.lines())
                        .isCloseTo(chunk.lines() / 6_000.0, within(0.1));
            }
        }
    }

    private static List<String> topics(List<ArchiveEntry> entries) {
        return entries.stream().map(ArchiveEntry::topic).toList();
    }

    /** A day of {@code entries} lines with payloads that hardly compress, plain or as gzip. */
    private Path largeDay(int entries, boolean compressed) throws IOException {
        Random random = new Random(entries);
        Path file = directory.resolve(compressed ? "raw_20260116.jsonl.gz" : "raw_20260116.jsonl");
        try (Writer out = new OutputStreamWriter(compressed ? new GZIPOutputStream(Files.newOutputStream(file))
                : Files.newOutputStream(file), StandardCharsets.UTF_8)) {
            for (int i = 0; i < entries; i++) {
                byte[] noise = new byte[100];
                random.nextBytes(noise);
                out.write("{\"received_at\":\"2026-01-16T00:00:00Z\",\"topic\":\"sensors/a/readings\",\"qos\":1,"
                        + "\"retained\":false,\"duplicate\":false,\"payload\":\"" + HexFormat.of().formatHex(noise)
                        + "\"}\n");
            }
        }
        return file;
    }

    /** A day of {@code entries} lines, every third of another sensor, then {@code torn} torn lines. */
    private Path day(int entries, int torn) throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < entries; i++) {
            String sensor = i % 3 == 2 ? "other" : "a";
            text.append(String.format("{\"received_at\":\"2026-01-15T00:00:%02dZ\",\"topic\":\"sensors/%s/readings\","
                    + "\"qos\":1,\"retained\":false,\"duplicate\":false,\"payload\":\"x\"}%n", i % 60, sensor));
        }
        for (int i = 0; i < torn; i++) {
            text.append("{\"received_at\":\"2026-01-15T00:00:00Z\",\"topic\":\"sens\n");
        }
        Path file = directory.resolve("raw_20260115.jsonl");
        Files.writeString(file, text);
        return file;
    }
}
