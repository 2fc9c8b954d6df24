package io.github.iotpipeline.collector.archive;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class RawArchiveReaderTests {

    @TempDir
    Path directory;

    /** Characters of one, two, three and four UTF-8 bytes, and the two that JSON escapes. */
    private static final int[] CODE_POINTS = "aZ °C \"quoted\\\" € 😀".codePoints().toArray();

    private final RawArchiveReader reader = new RawArchiveReader();

    @Test
    void readsBackExactlyWhatTheArchiveWrote() throws IOException {
        RawArchive archive = new RawArchive(ArchiveDays.properties(directory));
        byte[] text = "{\"sensor_id\":\"a\",\n\"x\":1}".getBytes(StandardCharsets.UTF_8);
        byte[] binary = {(byte) 0xFF, 0, 1, '\n'};
        Instant at = Instant.parse("2026-11-26T10:00:00.123456Z");
        archive.append(List.of(message("sensors/a/readings", text, at),
                new ArchiveEntry(at, "sensors/b/readings", 0, true, true, binary)));
        archive.close();

        List<ArchiveEntry> entries = new ArrayList<>();
        int skipped = reader.read(archive.fileFor(java.time.LocalDate.parse("2026-11-26")), entries::add,
                line -> { });

        assertThat(skipped).isZero();
        assertThat(entries).hasSize(2);
        assertThat(entries.get(0).payload()).isEqualTo(text);
        assertThat(entries.get(0).topic()).isEqualTo("sensors/a/readings");
        assertThat(entries.get(0).receivedAt()).isEqualTo(at);
        assertThat(entries.get(0).duplicate()).isFalse();
        assertThat(entries.get(1).payload()).isEqualTo(binary);
        assertThat(entries.get(1)).extracting(ArchiveEntry::qos, ArchiveEntry::retained, ArchiveEntry::duplicate)
                .containsExactly(0, true, true);
    }

    @Test
    void skipsAndReportsTornAndDamagedLinesAndReadsOn() throws IOException {
        Path file = directory.resolve("raw_20261126.jsonl");
        Files.writeString(file, """
                {"received_at":"2026-11-26T10:00:00Z","topic":"sensors/a/readings","qos":1,"retained":false,\
                "duplicate":false,"payload":"one"}
                {"received_at":"2026-11-26T10:00:01Z","topic":"sensors/a/rea
                {"received_at":"2026-11-26T10:00:02Z","topic":"sensors/a/readings","qos":1,"retained":false,\
                "duplicate":false,"payload":"two"}
                {"something":"else"}
                {"received_at":"yesterday","topic":"sensors/a/readings","payload":"three"}
                ["received_at","topic","payload"]
                {"received_at":"2026-11-26T10:00:03Z","topic":7,"payload":"four"}
                {"received_at":"2026-11-26T10:00:04Z","topic":"sensors/a/readings","payload":"five"} {}
                """);

        List<String> payloads = new ArrayList<>();
        List<RawArchiveReader.SkippedLine> skipped = new ArrayList<>();
        int count = reader.read(file, entry -> payloads.add(new String(entry.payload(), StandardCharsets.UTF_8)),
                skipped::add);

        assertThat(payloads).containsExactly("one", "two");
        assertThat(count).isEqualTo(6);
        assertThat(skipped).extracting(RawArchiveReader.SkippedLine::lineNumber)
                .containsExactly(2L, 4L, 5L, 6L, 7L, 8L);
        assertThat(skipped.get(0).toString()).startsWith("raw_20261126.jsonl:2: ");
    }

    @Test
    void readsLinesOfAnyLengthAcrossItsBufferPlainOrCompressed() throws IOException {
        RawArchive archive = new RawArchive(ArchiveDays.properties(directory));
        Instant at = Instant.parse("2026-11-26T10:00:00Z");
        List<byte[]> written = new ArrayList<>();
        java.util.Random random = new java.util.Random(20261202);
        for (int n = 0; n < 400; n++) {
            // From a few bytes to several times the reader's 64 KiB buffer, so that lines straddle its ends.
            int length = n % 50 == 0 ? 100_000 + random.nextInt(200_000) : 1 + random.nextInt(3_000);
            StringBuilder text = new StringBuilder();
            while (text.length() < length) {
                text.appendCodePoint(CODE_POINTS[random.nextInt(CODE_POINTS.length)]);
            }
            written.add(text.toString().getBytes(StandardCharsets.UTF_8));
        }
        for (byte[] payload : written) {
            archive.append(List.of(message("sensors/a/readings", payload, at)));
        }
        archive.close();
        Path plain = archive.fileFor(java.time.LocalDate.parse("2026-11-26"));
        Path compressed = directory.resolve(plain.getFileName() + ".gz");
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(compressed))) {
            Files.copy(plain, out);
        }

        for (Path file : List.of(plain, compressed)) {
            List<byte[]> read = new ArrayList<>();
            assertThat(reader.read(file, entry -> read.add(entry.payload()), line -> { })).as(file.toString()).isZero();
            assertThat(read).as(file.toString()).containsExactlyElementsOf(written);
        }
    }

    @Test
    void skipsALineThatIsNotUtf8AndReadsALastLineWithoutItsNewline() throws IOException {
        Path file = directory.resolve("raw_20261126.jsonl");
        String line = "{\"received_at\":\"2026-11-26T10:00:00Z\",\"topic\":\"sensors/a/readings\",\"payload\":\"%s\"}";
        byte[] bad = line.formatted("ab").getBytes(StandardCharsets.UTF_8);
        bad[bad.length - 4] = (byte) 0xC3; // the lead byte of a two-byte character, and no byte of it after
        try (var out = Files.newOutputStream(file)) {
            out.write((line.formatted("one") + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.write(bad);
            out.write(("\n" + line.formatted("two")).getBytes(StandardCharsets.UTF_8));
        }

        List<String> payloads = new ArrayList<>();
        List<RawArchiveReader.SkippedLine> skipped = new ArrayList<>();
        reader.read(file, entry -> payloads.add(new String(entry.payload(), StandardCharsets.UTF_8)), skipped::add);

        assertThat(payloads).containsExactly("one", "two");
        assertThat(skipped).extracting(RawArchiveReader.SkippedLine::lineNumber).containsExactly(2L);
        assertThat(skipped.get(0).reason()).containsIgnoringCase("UTF-8");
    }

    private static ArchiveEntry message(String topic, byte[] payload, Instant at) {
        return new ArchiveEntry(at, topic, 1, false, false, payload);
    }
}
