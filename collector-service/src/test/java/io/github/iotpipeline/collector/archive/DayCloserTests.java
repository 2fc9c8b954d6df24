package io.github.iotpipeline.collector.archive;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * Closing one day, and finishing the job from every state a crash can leave: the plain file goes only once a
 * compressed file that matches its manifest is in place.
 */
class DayCloserTests {

    private static final LocalDate DAY = LocalDate.parse("2026-11-26");
    private static final Instant NOON = Instant.parse("2026-11-26T12:00:00Z");

    @TempDir
    Path directory;

    private ArchiveFiles files;
    private DayCloser closer;
    private byte[] original;

    @BeforeEach
    void writeADay() throws IOException {
        files = new ArchiveFiles(directory);
        closer = new DayCloser(files, ArchiveDays.CONTRACT);
        String content = ArchiveDays.reading(NOON, 1) + ArchiveDays.reading(NOON.plusSeconds(1), 2)
                + ArchiveDays.refusal(NOON.plusSeconds(2)) + "\n"
                + ArchiveDays.reading(NOON.plusSeconds(3), 3) + "{\"received_at\":\"2026-11-26T12:00:04Z\",\"top";
        original = content.getBytes(StandardCharsets.UTF_8);
        Files.write(files.plain(DAY), original);
    }

    @Test
    void compressesTheDayByteForByteWritesItsManifestAndRemovesThePlainFile() throws IOException {
        DayManifest manifest = closer.close(DAY);

        assertThat(files.plain(DAY)).doesNotExist();
        assertThat(ArchiveDays.gunzip(files.compressed(DAY))).isEqualTo(original);
        assertThat(manifest).extracting(DayManifest::lines, DayManifest::accepted, DayManifest::refused,
                DayManifest::torn).containsExactly(5L, 3L, 1L, 1L);
        assertThat(manifest.firstReceivedAt()).isEqualTo(NOON);
        assertThat(manifest.lastReceivedAt()).isEqualTo(NOON.plusSeconds(3));
        assertThat(manifest.uncompressedBytes()).isEqualTo(original.length);
        assertThat(manifest.bytes()).isEqualTo(Files.size(files.compressed(DAY)));
        assertThat(manifest.sha256()).isEqualTo(Checksums.sha256Of(files.compressed(DAY)));
        assertThat(new ManifestFormat().read(Files.readAllBytes(files.manifest(DAY)))).isEqualTo(manifest);
        assertThat(directory.toFile().list()).containsExactlyInAnyOrder("raw_20261126.jsonl.gz",
                "raw_20261126.manifest.json");
    }

    @Test
    void onlyRemovesThePlainFileWhenACrashCameAfterTheManifest() throws IOException {
        DayManifest first = closer.close(DAY);
        byte[] compressed = Files.readAllBytes(files.compressed(DAY));
        Files.write(files.plain(DAY), original);

        DayManifest again = closer.close(DAY);

        assertThat(again).isEqualTo(first);
        assertThat(files.plain(DAY)).doesNotExist();
        assertThat(Files.readAllBytes(files.compressed(DAY))).isEqualTo(compressed);
    }

    @Test
    void startsAgainFromThePlainFileWhenACrashCameBeforeTheManifest() throws IOException {
        Files.write(files.compressed(DAY), new byte[] {0x1f, (byte) 0x8b, 8, 0});
        Files.write(ArchiveFiles.temporary(files.manifest(DAY)), new byte[] {'{'});

        closer.close(DAY);

        assertThat(files.plain(DAY)).doesNotExist();
        assertThat(ArchiveDays.gunzip(files.compressed(DAY))).isEqualTo(original);
        assertThat(ArchiveFiles.temporary(files.manifest(DAY))).doesNotExist();
    }

    @Test
    void startsAgainFromThePlainFileWhenTheCompressedFileDoesNotMatchItsManifest() throws IOException {
        closer.close(DAY);
        Files.write(files.plain(DAY), original);
        Files.write(files.compressed(DAY), "not the day".getBytes(StandardCharsets.UTF_8));

        closer.close(DAY);

        assertThat(files.plain(DAY)).doesNotExist();
        assertThat(ArchiveDays.gunzip(files.compressed(DAY))).isEqualTo(original);
    }

    @Test
    void removesATemporaryFileACrashLeftMidCompression() throws IOException {
        Files.write(ArchiveFiles.temporary(files.compressed(DAY)), new byte[] {0x1f, (byte) 0x8b});

        closer.close(DAY);

        assertThat(directory.toFile().list()).containsExactlyInAnyOrder("raw_20261126.jsonl.gz",
                "raw_20261126.manifest.json");
    }

    @Test
    void namesTheFileAndWhatDiffersWhenAClosedFileWasTamperedWith() throws IOException {
        DayManifest manifest = closer.close(DAY);
        byte[] compressed = Files.readAllBytes(files.compressed(DAY));
        compressed[compressed.length / 2] ^= 0x01;
        Files.write(files.compressed(DAY), compressed);

        assertThat(ManifestCheck.mismatch(files.compressed(DAY), manifest))
                .startsWith("raw_20261126.jsonl.gz has SHA-256 ").contains("its manifest says " + manifest.sha256());
        assertThatIOException().isThrownBy(() -> closer.close(DAY))
                .withMessageContaining("raw_20261126.jsonl.gz has SHA-256");
    }
}
