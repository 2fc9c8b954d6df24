package io.github.iotpipeline.collector.archive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.TimeZone;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RawArchiveTests {

    private static final Instant NOON = Instant.parse("2026-03-01T12:00:00Z");
    private static final LocalDate DAY = LocalDate.of(2026, 3, 1);

    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path directory;

    private RawArchive archive;

    @BeforeEach
    void openArchive() {
        archive = new RawArchive(ArchiveDays.properties(directory));
    }

    @AfterEach
    void closeArchive() {
        archive.close();
    }

    @Test
    void namesTheFileAfterTheUtcDayOfReceipt() {
        assertThat(archive.fileFor(DAY)).isEqualTo(directory.toAbsolutePath().resolve("raw_20260301.jsonl"));
    }

    @Test
    void writesOneJsonLinePerMessageWithTheDeliveryDetails() throws IOException {
        ArchiveEntry first = new ArchiveEntry(NOON, "sensors/sensor-1/readings", 1, false, false,
                utf8("{\"value\":1}"));
        ArchiveEntry second = new ArchiveEntry(NOON.plusMillis(1), "sensors/sensor-2/readings", 0, true, true,
                utf8("{\"value\":2}"));

        archive.append(List.of(first, second));

        List<JsonNode> lines = parsedLines(archive.fileFor(DAY));
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).path("received_at").asString()).isEqualTo("2026-03-01T12:00:00Z");
        assertThat(lines.get(0).path("topic").asString()).isEqualTo("sensors/sensor-1/readings");
        assertThat(lines.get(0).path("qos").asInt()).isEqualTo(1);
        assertThat(lines.get(0).path("retained").isBoolean()).isTrue();
        assertThat(lines.get(0).path("retained").asBoolean()).isFalse();
        assertThat(lines.get(0).path("duplicate").asBoolean()).isFalse();
        assertThat(lines.get(0).path("payload").asString()).isEqualTo("{\"value\":1}");
        assertThat(lines.get(1).path("received_at").asString()).isEqualTo("2026-03-01T12:00:00.001Z");
        assertThat(lines.get(1).path("qos").asInt()).isZero();
        assertThat(lines.get(1).path("retained").asBoolean()).isTrue();
        assertThat(lines.get(1).path("duplicate").asBoolean()).isTrue();
    }

    @Test
    void appendsToTheFileOfEarlierBatches() throws IOException {
        archive.append(List.of(message(NOON, utf8("first"))));
        archive.close();
        RawArchive reopened = new RawArchive(ArchiveDays.properties(directory));
        reopened.append(List.of(message(NOON.plusSeconds(1), utf8("second"))));
        reopened.close();

        assertThat(parsedLines(archive.fileFor(DAY))).extracting(line -> line.path("payload").asString())
                .containsExactly("first", "second");
    }

    @Test
    void splitsABatchSpanningMidnightUtcIntoTwoDailyFiles() throws IOException {
        // A zone far from UTC, so that naming files by the JVM's local day would put both messages in one file.
        TimeZone zone = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati"));
        try {
            archive.append(List.of(message(Instant.parse("2026-03-01T23:30:00Z"), utf8("before midnight")),
                    message(Instant.parse("2026-03-02T00:30:00Z"), utf8("after midnight"))));
        }
        finally {
            TimeZone.setDefault(zone);
        }

        assertThat(parsedLines(directory.resolve("raw_20260301.jsonl")))
                .extracting(line -> line.path("payload").asString()).containsExactly("before midnight");
        assertThat(parsedLines(directory.resolve("raw_20260302.jsonl")))
                .extracting(line -> line.path("payload").asString()).containsExactly("after midnight");
        try (var files = Files.list(directory)) {
            assertThat(files).hasSize(2);
        }
    }

    @Test
    void keepsNewlinesAndControlCharactersInsideOneLine() throws IOException {
        List<String> payloads = List.of("line one\nline two", "carriage\rreturn\r\n", "nul\u0000byte",
                "escape \u001b[31m and tab\t and bell\u0007", "unicode °C ✓ \uD83D\uDE00 and \u2028 separator", "");
        List<ArchiveEntry> messages = payloads.stream().map(payload -> message(NOON, utf8(payload))).toList();

        archive.append(messages);

        byte[] content = Files.readAllBytes(archive.fileFor(DAY));
        assertThat(count(content, (byte) '\n')).isEqualTo(payloads.size());
        assertThat(count(content, (byte) '\r')).isZero();
        assertThat(parsedLines(archive.fileFor(DAY))).extracting(line -> line.path("payload").asString())
                .containsExactlyElementsOf(payloads);
    }

    @Test
    void keepsAPayloadThatIsNotUtf8AsBase64OfTheExactBytes() throws IOException {
        List<byte[]> payloads = List.of(
                new byte[] {(byte) 0xFF, 'a', '\n', 'b'},
                new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'},
                // An overlong encoding of '/' and an encoded surrogate: decodable by a lenient decoder only.
                new byte[] {(byte) 0xC0, (byte) 0xAF},
                new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80});

        archive.append(payloads.stream().map(payload -> message(NOON, payload)).toList());

        List<JsonNode> lines = parsedLines(archive.fileFor(DAY));
        assertThat(lines).hasSize(payloads.size());
        for (int i = 0; i < payloads.size(); i++) {
            assertThat(lines.get(i).has("payload")).isFalse();
            assertThat(Base64.getDecoder().decode(lines.get(i).path("payload_base64").asString()))
                    .isEqualTo(payloads.get(i));
        }
    }

    @Test
    void endsATornLastLineBeforeAppending() throws IOException {
        Path file = archive.fileFor(DAY);
        Files.writeString(file, "{\"received_at\":\"2026-03-01T11:00:00Z\",\"topic\":\"sensors/sensor-1/readings\"}\n"
                + "{\"received_at\":\"2026-03-01T11:00:01Z\",\"topic\":\"sens", StandardCharsets.UTF_8);

        archive.append(List.of(message(NOON, utf8("after the crash")), message(NOON, utf8("and another"))));

        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(4);
        assertThat(lines).filteredOn(line -> !parses(line)).containsExactly(
                "{\"received_at\":\"2026-03-01T11:00:01Z\",\"topic\":\"sens");
        assertThat(lines.subList(2, 4)).extracting(line -> json.readTree(line).path("payload").asString())
                .containsExactly("after the crash", "and another");
    }

    @Test
    void addsNothingToAFileThatEndsInANewline() throws IOException {
        Path file = archive.fileFor(DAY);
        String earlier = "{\"received_at\":\"2026-03-01T11:00:00Z\",\"payload\":\"earlier\"}\n";
        Files.writeString(file, earlier, StandardCharsets.UTF_8);

        archive.append(List.of(message(NOON, utf8("later"))));

        assertThat(parsedLines(file)).extracting(line -> line.path("payload").asString())
                .containsExactly("earlier", "later");
    }

    @Test
    void returnsTheNumberOfBytesWritten() throws IOException {
        List<ArchiveEntry> messages = List.of(message(NOON, utf8("°C")), message(NOON, new byte[] {(byte) 0xFF}),
                message(Instant.parse("2026-03-02T00:00:00Z"), utf8("next day")));

        long bytes = archive.append(messages);

        long written = Files.size(archive.fileFor(DAY)) + Files.size(archive.fileFor(DAY.plusDays(1)));
        assertThat(bytes).isPositive().isEqualTo(written);
        long more = archive.append(List.of(message(NOON, utf8("more"))));
        assertThat(Files.size(archive.fileFor(DAY)) + Files.size(archive.fileFor(DAY.plusDays(1))))
                .isEqualTo(written + more);
    }

    @Test
    void failsWhenTheFileCannotBeWritten() throws IOException {
        // Tests may run as root, whom permission bits do not stop; a directory in the file's place stops anyone.
        Files.createDirectory(archive.fileFor(DAY));

        assertThatExceptionOfType(UncheckedIOException.class)
                .isThrownBy(() -> archive.append(List.of(message(NOON, utf8("lost?")))));
    }

    @Test
    void writesAgainOnceTheFileCanBeWritten() throws IOException {
        Path file = archive.fileFor(DAY);
        Files.createDirectory(file);
        assertThatExceptionOfType(UncheckedIOException.class)
                .isThrownBy(() -> archive.append(List.of(message(NOON, utf8("first try")))));

        Files.delete(file);
        archive.append(List.of(message(NOON, utf8("second try"))));

        assertThat(parsedLines(file)).extracting(line -> line.path("payload").asString()).containsExactly("second try");
    }

    private static ArchiveEntry message(Instant receivedAt, byte[] payload) {
        return new ArchiveEntry(receivedAt, "sensors/sensor-1/readings", 1, false, false, payload);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private List<JsonNode> parsedLines(Path file) throws IOException {
        List<JsonNode> parsed = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            parsed.add(json.readTree(line));
        }
        return parsed;
    }

    private boolean parses(String line) {
        try {
            json.readTree(line);
            return true;
        }
        catch (JacksonException ex) {
            return false;
        }
    }

    private static long count(byte[] content, byte wanted) {
        long count = 0;
        for (byte b : content) {
            if (b == wanted) {
                count++;
            }
        }
        return count;
    }
}
