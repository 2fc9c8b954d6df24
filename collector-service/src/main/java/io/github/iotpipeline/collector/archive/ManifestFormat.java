package io.github.iotpipeline.collector.archive;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** The manifest as JSON, with snake_case names, as analysts' tools and {@code jq} read it. */
final class ManifestFormat {

    private final JsonFactory factory = new JsonFactory();
    private final ObjectMapper json = new ObjectMapper();

    byte[] write(DayManifest manifest) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator generator = factory.createGenerator(ObjectWriteContext.empty(), out)) {
            generator.writeStartObject();
            generator.writeStringProperty("day", manifest.day().toString());
            generator.writeStringProperty("file", manifest.file());
            generator.writeNumberProperty("bytes", manifest.bytes());
            generator.writeStringProperty("sha256", manifest.sha256());
            generator.writeNumberProperty("uncompressed_bytes", manifest.uncompressedBytes());
            generator.writeNumberProperty("lines", manifest.lines());
            generator.writeNumberProperty("accepted", manifest.accepted());
            generator.writeNumberProperty("refused", manifest.refused());
            generator.writeNumberProperty("torn", manifest.torn());
            writeInstant(generator, "first_received_at", manifest.firstReceivedAt());
            writeInstant(generator, "last_received_at", manifest.lastReceivedAt());
            generator.writeEndObject();
        }
        out.write('\n');
        return out.toByteArray();
    }

    private static void writeInstant(JsonGenerator generator, String name, @Nullable Instant instant) {
        if (instant == null) {
            generator.writeNullProperty(name);
        }
        else {
            generator.writeStringProperty(name, instant.toString());
        }
    }

    /** Reads a manifest; throws IllegalArgumentException, naming the field, when one is missing. */
    DayManifest read(byte[] bytes) {
        JsonNode node = json.readTree(bytes);
        return new DayManifest(LocalDate.parse(text(node, "day")), text(node, "file"), number(node, "bytes"),
                text(node, "sha256"), number(node, "uncompressed_bytes"), number(node, "lines"),
                number(node, "accepted"), number(node, "refused"), number(node, "torn"),
                instant(node, "first_received_at"), instant(node, "last_received_at"));
    }

    private static String text(JsonNode node, String field) {
        if (!node.path(field).isString()) {
            throw new IllegalArgumentException("manifest has no " + field);
        }
        return node.path(field).asString();
    }

    private static long number(JsonNode node, String field) {
        if (!node.path(field).isIntegralNumber()) {
            throw new IllegalArgumentException("manifest has no " + field);
        }
        return node.path(field).asLong();
    }

    private static @Nullable Instant instant(JsonNode node, String field) {
        return node.path(field).isString() ? Instant.parse(node.path(field).asString()) : null;
    }
}
