package io.github.iotpipeline.collector.archive;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.Base64;

import io.github.iotpipeline.collector.ingest.ReceivedMessage;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * One archive line per message: a JSON object with the receive time, the topic, the delivery flags and the
 * payload exactly as received. A payload that is valid UTF-8 is kept as a string under {@code payload}
 * (JSON escaping keeps newlines and control characters inside the line); any other payload is kept as
 * {@code payload_base64}. So every line is valid JSON whatever arrived.
 */
final class RawLineFormat {

    private final JsonFactory factory = new JsonFactory();

    byte[] format(ReceivedMessage message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.payload().length + 160);
        try (JsonGenerator json = factory.createGenerator(ObjectWriteContext.empty(), out)) {
            json.writeStartObject();
            json.writeStringProperty("received_at", DateTimeFormatter.ISO_INSTANT.format(message.receivedAt()));
            json.writeStringProperty("topic", message.topic());
            json.writeNumberProperty("qos", message.qos());
            json.writeBooleanProperty("retained", message.retained());
            json.writeBooleanProperty("duplicate", message.duplicate());
            String text = utf8(message.payload());
            if (text != null) {
                json.writeStringProperty("payload", text);
            }
            else {
                json.writeStringProperty("payload_base64", Base64.getEncoder().encodeToString(message.payload()));
            }
            json.writeEndObject();
        }
        out.write('\n');
        return out.toByteArray();
    }

    private static String utf8(byte[] payload) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(payload)).toString();
        }
        catch (CharacterCodingException ex) {
            return null;
        }
    }
}
