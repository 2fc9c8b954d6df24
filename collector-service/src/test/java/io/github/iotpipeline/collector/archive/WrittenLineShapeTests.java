package io.github.iotpipeline.collector.archive;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reader's shortcut for the collector's own lines must read each one as the JSON parser does, and leave
 * every other line, damaged or merely different, to the parser.
 */
class WrittenLineShapeTests {

    private static final Random RANDOM = new Random(20261202);
    private static final String[] PIECES = {"a", "Z", "7", " ", "\"", "\\", "/", "\n", "\t", "\r", "\u0000", "\u001f",
        "\u007f", "é", "°C", "€", "😀", "\u2028", "{", "}", ":", ","};

    private final RawLineFormat format = new RawLineFormat();
    private final RawArchiveReader reader = new RawArchiveReader();
    private final WrittenLineShape shape = new WrittenLineShape();

    @Test
    void readsEveryLineTheCollectorWritesAsTheParserDoes() {
        int base64 = 0;
        for (int n = 0; n < 20_000; n++) {
            ArchiveEntry entry = randomEntry();
            byte[] line = withoutNewline(format.format(entry));
            ArchiveEntry read = shape.read(line, 0, line.length);
            if (new String(line, StandardCharsets.UTF_8).contains("\"payload_base64\"")) {
                base64++;
                assertThat(read).isNull();
                continue;
            }
            if (!entry.topic().chars().allMatch(c -> c >= 0x20 && c < 0x7F && c != '"' && c != '\\')) {
                // A topic with escapes or beyond ASCII is rare: the parser reads it.
                assertThat(read).isNull();
                continue;
            }
            assertThat(read).as(new String(line, StandardCharsets.UTF_8)).isNotNull();
            assertSame(read, entry);
            assertSame(read, reader.parseWithParser(line, 0, line.length));
        }
        assertThat(base64).as("payloads that are not UTF-8, kept as base64").isBetween(1, 10_000);
    }

    @Test
    void leavesEveryOtherLineToTheParserAndNeverReadsOneDifferently() {
        int readByShape = 0;
        int refusedByParser = 0;
        for (int n = 0; n < 50_000; n++) {
            byte[] line = damage(withoutNewline(format.format(randomEntry())));
            ArchiveEntry byParser = parsedOrNull(line);
            refusedByParser += byParser == null ? 1 : 0;
            ArchiveEntry byShape = shape.read(line, 0, line.length);
            if (byShape != null) {
                readByShape++;
                assertThat(byParser).as(new String(line, StandardCharsets.UTF_8)).isNotNull();
                assertSame(byShape, byParser);
            }
        }
        assertThat(readByShape).as("damaged lines still in the written shape").isPositive();
        assertThat(refusedByParser).as("damaged lines the parser refuses").isGreaterThan(10_000);
    }

    private @Nullable ArchiveEntry parsedOrNull(byte[] line) {
        try {
            return reader.parseWithParser(line, 0, line.length);
        }
        catch (JacksonException | IllegalArgumentException | DateTimeException ex) {
            return null;
        }
    }

    private static ArchiveEntry randomEntry() {
        Instant at = Instant.ofEpochSecond(1_700_000_000L + RANDOM.nextInt(100_000_000),
                RANDOM.nextInt(1_000_000) * 1_000L);
        byte[] payload;
        if (RANDOM.nextInt(20) == 0) {
            payload = new byte[RANDOM.nextInt(8)];
            RANDOM.nextBytes(payload);
        }
        else {
            StringBuilder text = new StringBuilder();
            for (int i = RANDOM.nextInt(40); i > 0; i--) {
                text.append(PIECES[RANDOM.nextInt(PIECES.length)]);
            }
            payload = text.toString().getBytes(StandardCharsets.UTF_8);
        }
        String topic = RANDOM.nextInt(10) == 0 ? "sensors/\"odd\" é/readings"
                : "sensors/s-" + RANDOM.nextInt(50) + "/readings";
        return new ArchiveEntry(at, topic, RANDOM.nextInt(3), RANDOM.nextBoolean(), RANDOM.nextBoolean(), payload);
    }

    /** One to three random changes: a byte replaced, removed or inserted, or the line cut short. */
    private static byte[] damage(byte[] line) {
        byte[] damaged = line;
        for (int k = 1 + RANDOM.nextInt(3); k > 0 && damaged.length > 1; k--) {
            int at = RANDOM.nextInt(damaged.length);
            byte b = (byte) "\"\\{},:u0aZ tfé".charAt(RANDOM.nextInt(14));
            damaged = switch (RANDOM.nextInt(4)) {
                case 0 -> replaced(damaged, at, RANDOM.nextInt(4) == 0 ? (byte) RANDOM.nextInt(256) : b);
                case 1 -> concat(Arrays.copyOf(damaged, at), Arrays.copyOfRange(damaged, at + 1, damaged.length));
                case 2 -> concat(Arrays.copyOf(damaged, at), new byte[] {b},
                        Arrays.copyOfRange(damaged, at, damaged.length));
                default -> Arrays.copyOf(damaged, at);
            };
        }
        return damaged;
    }

    private static byte[] replaced(byte[] bytes, int at, byte b) {
        byte[] copy = bytes.clone();
        copy[at] = b;
        return copy;
    }

    private static byte[] concat(byte[]... parts) {
        int size = 0;
        for (byte[] part : parts) {
            size += part.length;
        }
        byte[] all = new byte[size];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    private static byte[] withoutNewline(byte[] line) {
        return Arrays.copyOf(line, line.length - 1);
    }

    private static void assertSame(ArchiveEntry actual, ArchiveEntry expected) {
        assertThat(actual.payload()).isEqualTo(expected.payload());
        assertThat(actual).extracting(ArchiveEntry::receivedAt, ArchiveEntry::topic, ArchiveEntry::qos,
                ArchiveEntry::retained, ArchiveEntry::duplicate).containsExactly(expected.receivedAt(),
                expected.topic(), expected.qos(), expected.retained(), expected.duplicate());
    }
}
