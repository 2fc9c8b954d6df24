package io.github.iotpipeline.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * What the raw archive holds, read the way a reprocessing job would: each line a JSON object whose
 * {@code payload} is the message as received.
 *
 * @param seqs the {@code seq} of every reading found, once each
 * @param unreadable lines that are not JSON: a line torn by a SIGKILL mid-write
 */
record RawArchiveContents(SortedSet<Long> seqs, List<String> unreadable) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static RawArchiveContents read(Path directory) throws IOException {
        SortedSet<Long> seqs = new TreeSet<>();
        List<String> unreadable = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.sorted().toList()) {
                for (String line : Files.readAllLines(file)) {
                    try {
                        JsonNode payload = JSON.readTree(JSON.readTree(line).path("payload").asString(""));
                        if (payload != null && payload.path("seq").isIntegralNumber()) {
                            seqs.add(payload.path("seq").asLong());
                        }
                    }
                    catch (JacksonException ex) {
                        unreadable.add(file.getFileName() + ": " + line.substring(0, Math.min(line.length(), 200)));
                    }
                }
            }
        }
        return new RawArchiveContents(seqs, unreadable);
    }
}
